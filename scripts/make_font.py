#!/usr/bin/python3
# Subsets a TrueType font (DejaVu Sans from Debian's fonts-dejavu-core) to the Unicode ranges the
# page's ImGui font atlas uses, for embedding in the WebAssembly file system. Dear ImGui rasterises
# with stb_truetype (no hinting, no shaping, no kerning), so hinting and layout tables are dropped.
#   scripts/make_font.py INPUT.ttf OUTPUT.ttf [--list-ranges]
# Needs fontTools (Debian: python3-fonttools); run with Debian's /usr/bin/python3.
import argparse
import sys

# The ranges kept, inclusive: the ranges of the page's ImGui fonts (src/ui/app.cpp, kUiOnlyRanges).
# Keep the two lists equal. In the page the browser's canvas draws the article, every user string
# (label and file names, messages quoting them, typed text, the About window's documents) and every
# script; ImGui's fonts write only the UI's own strings, which are ASCII, plus ImGui's ellipsis and
# the fallback glyph (issue 10: 2,050 glyphs were 136 KB of the page, these are a few KB).
RANGES = [
    (0x0020, 0x007E),  # Basic Latin: the UI's own strings
    (0x2026, 0x2026),  # Horizontal ellipsis: ImGui cuts text with it
    (0xFFFD, 0xFFFD),  # Replacement character: ImGui's fallback glyph
]

# Characters that must survive the subset.
REQUIRED = "AZaz09[](){}<>/\\|_-+=*&%$#@!?.,;:'\"~`^\u2026\uFFFD"


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
