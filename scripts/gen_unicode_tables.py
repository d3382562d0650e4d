#!/usr/bin/env python3
"""Generates src/core/unicode_data.inc: the compact Unicode property tables behind src/core/unicode.cpp.

Reads the Unicode Character Database as Debian's unicode-data package installs it (/usr/share/unicode)
and writes sorted range tables that unicode.cpp searches with a binary search. Standard library only.

    python3 scripts/gen_unicode_tables.py [--ucd /usr/share/unicode] [-o src/core/unicode_data.inc]
"""
import argparse
import os
import re
import sys

MAX_CP = 0x10FFFF

# Must match the order of aa::unicode::Category in src/core/unicode.hpp.
CATEGORIES = ["Letter", "Mark", "Digit", "OtherNumber", "Punct", "Symbol", "Space", "Control", "Format"]
SHORT = {"Letter": "L", "Mark": "M", "Digit": "D", "OtherNumber": "N", "Punct": "P", "Symbol": "S",
         "Space": "W", "Control": "C", "Format": "F"}

# Characters that only shape or extend their neighbours: kept inside a grapheme cluster / token.
ZWNJ, ZWJ = 0x200C, 0x200D
FORMAT_RANGES = [(ZWNJ, ZWJ), (0xFE00, 0xFE0F), (0xE0100, 0xE01EF),  # variation selectors
                 (0x180B, 0x180D), (0x180F, 0x180F),                  # Mongolian free variation selectors
                 (0xE0020, 0xE007F)]                                  # tags (subdivision flags 🏴󠁧󠁢󠁥󠁮󠁧󠁿)


def read_ranges(path):
    """Yields (start, end, fields) from a UCD "XXXX..YYYY ; field ; ..." file."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            parts = [p.strip() for p in line.split(";")]
            cps = parts[0].split("..")
            start = int(cps[0], 16)
            end = int(cps[1], 16) if len(cps) > 1 else start
            yield start, end, parts[1:]


def version_of(path):
    """The version in a UCD file's first line, e.g. "# PropList-15.0.0.txt" -> "15.0.0"."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.search(r"-(\d+\.\d+\.\d+)\.txt", line) or re.search(r"Emoji Version (\d+\.\d+)", line)
            if m:
                return m.group(1)
    return "unknown"


def general_categories(ucd):
    """General category per code point (a list of 0x110000 two-letter strings); unassigned is "Cn"."""
    gc = ["Cn"] * (MAX_CP + 1)
    range_start = None
    with open(os.path.join(ucd, "UnicodeData.txt"), encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split(";")
            cp, name, cat = int(fields[0], 16), fields[1], fields[2]
            if name.endswith(", First>"):  # large blocks are given as First/Last pairs
                range_start = cp
                continue
            if name.endswith(", Last>"):
                for c in range(range_start, cp + 1):
                    gc[c] = cat
                range_start = None
                continue
            gc[cp] = cat
    return gc


def binary_property(path, name):
    flags = bytearray(MAX_CP + 1)
    for start, end, fields in read_ranges(path):
        if fields[0] == name:
            for c in range(start, end + 1):
                flags[c] = 1
    return flags


def to_ranges(values):
    """Merges consecutive equal values into [(start, end, value)]."""
    out = []
    start = 0
    for c in range(1, MAX_CP + 2):
        if c == MAX_CP + 1 or values[c] != values[start]:
            out.append((start, c - 1, values[start]))
            start = c
    return out


def flag_ranges(flags):
    return [(s, e) for s, e, v in to_ranges(flags) if v]


def case_fold_runs(path):
    """Simple case folding (statuses C and S: one code point to one, so offsets never move) as runs
    (first, last, stride, delta): every stride-th code point from first to last maps to itself + delta.
    Runs of stride 1 (A-Z) and 2 (the alternating Latin Extended-A pairs) keep the table small."""
    pairs = sorted((start, int(fields[1], 16) - start) for start, _, fields in read_ranges(path) if fields[0] in ("C", "S"))
    runs = []
    for cp, delta in pairs:
        if runs:
            first, last, stride, d = runs[-1]
            if d == delta and ((first == last and cp - last in (1, 2)) or (first != last and cp - last == stride)):
                runs[-1] = (first, cp, cp - last, d)
                continue
        runs.append((cp, cp, 1, delta))
    return runs, len(pairs)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ucd", default="/usr/share/unicode", help="Unicode Character Database directory")
    ap.add_argument("-o", "--output", default=os.path.join(here, "..", "src", "core", "unicode_data.inc"))
    args = ap.parse_args()
    ucd = args.ucd
    files = {
        "data": os.path.join(ucd, "UnicodeData.txt"),
        "props": os.path.join(ucd, "PropList.txt"),
        "emoji": os.path.join(ucd, "emoji", "emoji-data.txt"),
        "scripts": os.path.join(ucd, "Scripts.txt"),
        "scx": os.path.join(ucd, "ScriptExtensions.txt"),
        "fold": os.path.join(ucd, "CaseFolding.txt"),
    }
    for path in files.values():
        if not os.path.exists(path):
            sys.exit(f"gen_unicode_tables: missing {path} (Debian: apt-get install unicode-data)")

    gc = general_categories(ucd)
    white = binary_property(files["props"], "White_Space")
    pict = binary_property(files["emoji"], "Extended_Pictographic")
    modifier = binary_property(files["emoji"], "Emoji_Modifier")

    # Category per code point. White_Space wins over the general category (tab, NBSP, U+3000 are
    # spaces, not controls); the joiners and selectors are Format even though the UCD says Cf/Mn.
    cat = bytearray(MAX_CP + 1)
    major = {"L": 0, "M": 1, "P": 4, "S": 5, "C": 7, "Z": 7}
    for c in range(MAX_CP + 1):
        g = gc[c]
        if g == "Nd":
            k = 2
        elif g in ("Nl", "No"):
            k = 3
        else:
            k = major[g[0]]  # Zs/Zl/Zp are all White_Space below; Cc/Cf/Co/Cs/Cn are Control
        cat[c] = k
    for c in range(MAX_CP + 1):
        if white[c]:
            cat[c] = 6
    for s, e in FORMAT_RANGES:
        for c in range(s, e + 1):
            cat[c] = 8

    # Ideographs (one token each): letters and letter-numbers of the Han, Hiragana and Katakana
    # scripts, plus the letters those scripts share (Script_Extensions: the prolonged sound mark ー).
    ideo = bytearray(MAX_CP + 1)
    cjk = {"Han", "Hiragana", "Katakana", "Hani", "Hira", "Kana"}
    for path in (files["scripts"], files["scx"]):
        for start, end, fields in read_ranges(path):
            if cjk & set(fields[0].split()):
                for c in range(start, end + 1):
                    if gc[c][0] == "L" or gc[c] == "Nl":
                        ideo[c] = 1

    upper = bytearray(MAX_CP + 1)
    for c in range(MAX_CP + 1):
        if gc[c] in ("Lu", "Lt"):
            upper[c] = 1

    cat_ranges = to_ranges(cat)
    ucd_version = version_of(files["props"])
    emoji_version = version_of(files["emoji"])

    out = []
    w = out.append
    w("// GENERATED by scripts/gen_unicode_tables.py: do not edit by hand.")
    w(f"// Unicode {ucd_version} (emoji data {emoji_version}), from Debian's unicode-data package:")
    w("//   UnicodeData.txt (general categories), PropList.txt (White_Space),")
    w("//   emoji/emoji-data.txt (Extended_Pictographic, Emoji_Modifier), Scripts.txt + ScriptExtensions.txt (ideographs),")
    w("//   CaseFolding.txt (simple case folding).")
    w("// Regenerate: python3 scripts/gen_unicode_tables.py --ucd /usr/share/unicode -o src/core/unicode_data.inc")
    w("// Included by src/core/unicode.cpp only, inside namespace aa::unicode::data.")
    w("")
    w("// Categories of the Latin-1 range, indexed directly (the fast path for ASCII text).")
    w("inline constexpr Category kLatin1[256] = {")
    for row in range(0, 256, 16):
        w("    " + " ".join(f"{SHORT[CATEGORIES[cat[c]]]}," for c in range(row, row + 16)))
    w("};")
    w("")
    w(f"// {len(cat_ranges)} ranges that tile U+0000..U+10FFFF: each entry is start << 8 | category, and a range")
    w("// ends where the next begins. Unassigned code points are Control.")
    w(f"inline constexpr std::uint32_t kCategoryRanges[{len(cat_ranges)}] = {{")
    line = "   "
    for s, _, v in cat_ranges:
        item = f" R(0x{s:X}, {SHORT[CATEGORIES[v]]}),"
        if len(line) + len(item) > 118:
            w(line)
            line = "   "
        line += item
    w(line)
    w("};")

    def emit_flags(name, comment, ranges):
        w("")
        w(f"// {comment}: {len(ranges)} inclusive ranges.")
        w(f"inline constexpr Range {name}[{len(ranges)}] = {{")
        line = "   "
        for s, e in ranges:
            item = f" {{0x{s:X}, 0x{e:X}}},"
            if len(line) + len(item) > 118:
                w(line)
                line = "   "
            line += item
        w(line)
        w("};")

    emit_flags("kExtendedPictographic", "Extended_Pictographic (emoji-data.txt)", flag_ranges(pict))
    emit_flags("kEmojiModifier", "Emoji_Modifier (emoji-data.txt): the skin tones", flag_ranges(modifier))
    emit_flags("kIdeograph", "Han, Hiragana, Katakana letters (Scripts.txt, ScriptExtensions.txt)", flag_ranges(ideo))
    emit_flags("kUpper", "Lu and Lt (UnicodeData.txt)", flag_ranges(upper))

    fold_runs, fold_count = case_fold_runs(files["fold"])
    w("")
    w(f"// Simple case folding (CaseFolding.txt, statuses C and S): {fold_count} mappings in {len(fold_runs)} runs")
    w("// {first, last, stride, delta}: every stride-th code point of [first, last] folds to itself + delta.")
    w(f"inline constexpr FoldRun kCaseFold[{len(fold_runs)}] = {{")
    line = "   "
    for first, last, stride, delta in fold_runs:
        item = f" {{0x{first:X}, 0x{last:X}, {stride}, {delta}}},"
        if len(line) + len(item) > 118:
            w(line)
            line = "   "
        line += item
    w(line)
    w("};")

    text = "\n".join(out) + "\n"
    with open(args.output, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"gen_unicode_tables: wrote {args.output}: {len(cat_ranges)} category ranges", file=sys.stderr)


if __name__ == "__main__":
    main()
