#!/usr/bin/env python3
# Where the page's wasm bytes go (issue 10's download floor): the size of each section, the largest
# functions and the code per namespace. Function names come from the module's name section, which
# a release link strips: link once with --profiling-funcs to see them, e.g.
#   em++ <the page's link line from build/wasm-release/src/platform/web/CMakeFiles/annotator_page.dir/link.txt> --profiling-funcs
# Usage: scripts/wasm_sizes.py FILE.wasm [--top N]
import subprocess
import sys
from collections import Counter

SECTIONS = {0: 'custom', 1: 'type', 2: 'import', 3: 'function', 4: 'table', 5: 'memory', 6: 'global',
            7: 'export', 8: 'start', 9: 'element', 10: 'code', 11: 'data', 12: 'datacount'}
# Code is charged to the first of these its demangled name contains.
GROUPS = ['aa::io', 'aa::ui', 'aa::web', 'aa::', 'nlohmann', 'ImGui', 'ImDraw', 'ImFont', 'stbtt', 'stbrp',
          'fribidi', 'unibreak', 'std::']


def leb(b, i):
    value = shift = 0
    while True:
        x = b[i]
        i += 1
        value |= (x & 0x7F) << shift
        shift += 7
        if not x & 0x80:
            return value, i


def parse(data):
    """(sections [(name, bytes)], function sizes [(index, bytes)], names {index: name})."""
    if data[:4] != b'\0asm':
        sys.exit('not a wasm module')
    i, sections, code, names, imported = 8, [], [], {}, 0
    while i < len(data):
        sid = data[i]
        size, i = leb(data, i + 1)
        body = data[i:i + size]
        name = SECTIONS.get(sid, str(sid))
        if sid == 0:
            n, j = leb(body, 0)
            name = 'custom ' + body[j:j + n].decode(errors='replace')
            if name == 'custom name':
                k = j + n
                while k < len(body):
                    sub = body[k]
                    sub_size, k = leb(body, k + 1)
                    if sub == 1:  # function names
                        count, m = leb(body, k)
                        for _ in range(count):
                            index, m = leb(body, m)
                            length, m = leb(body, m)
                            names[index] = body[m:m + length].decode(errors='replace')
                            m += length
                    k += sub_size
        elif sid == 2:  # imported functions come first in the function index space
            count, j = leb(body, 0)
            for _ in range(count):
                for _ in range(2):
                    length, j = leb(body, j)
                    j += length
                kind = body[j]
                j += 1
                if kind == 0:
                    _, j = leb(body, j)
                    imported += 1
                elif kind in (1, 2):  # table (element type first), memory: limits
                    j += kind == 1
                    flags = body[j]
                    _, j = leb(body, j + 1)
                    if flags & 1:
                        _, j = leb(body, j)
                else:  # global: value type, mutability
                    j += 2
        elif sid == 10:
            count, j = leb(body, 0)
            for n in range(count):
                fsize, k = leb(body, j)
                code.append((imported + n, k - j + fsize))
                j = k + fsize
        sections.append((name, size))
        i += size
    return sections, code, names


def main():
    if len(sys.argv) < 2:
        sys.exit('usage: wasm_sizes.py FILE.wasm [--top N]')
    top = int(sys.argv[sys.argv.index('--top') + 1]) if '--top' in sys.argv else 30
    sections, code, names = parse(open(sys.argv[1], 'rb').read())
    print('section              bytes')
    for name, size in sections:
        print(f'  {name:18} {size:>9}')
    raw = [names.get(index, f'function {index}') for index, _ in code]
    demangled = subprocess.run(['c++filt'], input='\n'.join(raw), capture_output=True, text=True).stdout.split('\n')
    print(f'{len(code)} functions, {sum(s for _, s in code)} bytes of code' +
          ('' if names else ' (no name section: link with --profiling-funcs for names)'))
    print(f'largest {top}:')
    for size, name in sorted(((s, demangled[k]) for k, (_, s) in enumerate(code)), reverse=True)[:top]:
        print(f'  {size:>8} {name[:160]}')
    groups = Counter()
    for k, (_, size) in enumerate(code):
        groups[next((g for g in GROUPS if g in demangled[k]), 'other')] += size
    print('code by the first namespace its name contains:')
    for group, size in groups.most_common():
        print(f'  {group:10} {size:>9}')


if __name__ == '__main__':
    main()
