#!/usr/bin/python3
# Subsets a TrueType font (DejaVu Sans from Debian's fonts-dejavu-core) to the Unicode ranges the
# page's UI font atlas uses, for embedding in the WebAssembly file system. Dear ImGui rasterises
# with stb_truetype (no hinting, no shaping, no kerning), so hinting and layout tables are dropped.
#   scripts/make_font.py INPUT.ttf OUTPUT.ttf [--list-ranges]
# Needs fontTools (Debian: python3-fonttools); run with Debian's /usr/bin/python3.
import argparse
import sys

# The ranges kept, inclusive: the ranges of the UI's font atlas (src/ui/app.cpp, kTextRanges,
# used by every font of the UI). Keep the two lists equal: a code point the font has but the atlas
# lacks would draw as U+FFFD, and one the atlas asks for but the font lacks is dead weight.
RANGES = [
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x0100, 0x017F),  # Latin Extended-A
    (0x0180, 0x024F),  # Latin Extended-B
    (0x0250, 0x02AF),  # IPA Extensions
    (0x02B0, 0x02FF),  # Spacing Modifier Letters (ʼ ˆ ˜)
    (0x0300, 0x036F),  # Combining Diacritical Marks (decomposed accents)
    (0x0370, 0x03FF),  # Greek and Coptic
    (0x0400, 0x04FF),  # Cyrillic
    (0x0500, 0x052F),  # Cyrillic Supplement
    (0x1E00, 0x1EFF),  # Latin Extended Additional (Vietnamese, Welsh)
    (0x2000, 0x206F),  # General Punctuation (curly quotes, dashes, ellipsis, bullets)
    (0x20A0, 0x20CF),  # Currency Symbols
    (0x2100, 0x214F),  # Letterlike Symbols (™ №)
    (0x2190, 0x21FF),  # Arrows
    (0x2212, 0x2212),  # Minus sign
    (0x2500, 0x257F),  # Box Drawing
    (0x2580, 0x259F),  # Block Elements
    (0x25A0, 0x25FF),  # Geometric Shapes (▶ ▼ ● ■)
    (0x2713, 0x2717),  # Check marks and crosses (✓ ✔ ✕ ✖ ✗)
    (0xFB00, 0xFB06),  # Latin ligatures (ﬁ ﬂ, common in text copied from PDFs)
    (0xFFFD, 0xFFFD),  # Replacement character
]

# Characters that must survive the subset: typography of news text and the UI's own symbols.
REQUIRED = "“”‘’„«»–—…•·€£¥©®™°±×÷−→←↑↓▶▼▲◀●○■□✓✔✕✖✗éèüßçñøåæœ" \
           "ΑΒΓΔαβγδΩωАБВГДабвгдЖжЯяĄąŁłŚśŻżĞğİıŞşẞ"


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("input")
    ap.add_argument("output", nargs="?")
    ap.add_argument("--list-ranges", action="store_true", help="print the ranges as C++ ImWchar pairs and exit")
    args = ap.parse_args()

    if args.list_ranges:
        print(", ".join(f"0x{a:04X}, 0x{b:04X}" for a, b in RANGES) + ", 0")
        return 0
    if not args.output:
        ap.error("OUTPUT is required")

    try:
        from fontTools import subset
        from fontTools.ttLib import TTFont
    except ImportError:
        sys.exit("make_font.py: fontTools is missing (Debian: apt-get install python3-fonttools)")

    font = TTFont(args.input)
    cmap = font.getBestCmap()
    missing = [c for c in REQUIRED if ord(c) not in cmap]
    if missing:
        sys.exit(f"make_font.py: {args.input} lacks required characters: {''.join(missing)}")

    unicodes = [cp for a, b in RANGES for cp in range(a, b + 1) if cp in cmap]
    options = subset.Options()
    options.hinting = False            # stb_truetype does not hint
    options.layout_features = []       # nor shape: no GSUB/GPOS lookups are needed
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "kern", "FFTM"]
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]  # keep copyright, names and version (the licence requires them)
    options.notdef_outline = True
    options.glyph_names = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    font.save(args.output)

    check = TTFont(args.output).getBestCmap()
    lost = [c for c in REQUIRED if ord(c) not in check]
    if lost:
        sys.exit(f"make_font.py: the subset lost {''.join(lost)}")
    print(f"make_font.py: {args.output}: {len(check)} characters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
