#!/usr/bin/python3
# Prints the AT-SPI tree (roles, names, descriptions, text, states, a few attributes) of an application
# whose name contains argv[1] (with --doc: only its web documents): what a Linux screen reader reads.
import sys, pyatspi
def text_of(acc):
    try:
        t = acc.queryText()
        return t.getText(0, t.characterCount)
    except Exception:
        return None
def walk(acc, depth, out, limit=4000):
    if acc is None or len(out) > limit:
        return
    try:
        role = acc.getRoleName()
        name = acc.name
        desc = acc.description
        states = acc.getState().getStates()
    except Exception as e:
        out.append('  ' * depth + f'<error {e}>')
        return
    st = [pyatspi.stateToString(s) for s in states if s in (pyatspi.STATE_FOCUSED, pyatspi.STATE_CHECKED, pyatspi.STATE_SENSITIVE, pyatspi.STATE_EXPANDED, pyatspi.STATE_SELECTED)]
    line = '  ' * depth + f'[{role}] name={name!r}'
    if desc: line += f' desc={desc!r}'
    txt = text_of(acc)
    if txt and role not in ('document web', 'frame'): line += f' text={txt[:120]!r}'
    if 'focused' in st or 'checked' in st or 'expanded' in st: line += ' ' + ','.join(st)
    try:
        attrs = dict(a.split(':', 1) for a in acc.getAttributes())
        for k in ('keyshortcuts', 'live', 'xml-roles'):
            if k in attrs: line += f' {k}={attrs[k]}'
    except Exception:
        pass
    out.append(line)
    for i in range(acc.childCount):
        walk(acc.getChildAtIndex(i), depth + 1, out, limit)
desktop = pyatspi.Registry.getDesktop(0)
out = []
for i in range(desktop.childCount):
    app = desktop.getChildAtIndex(i)
    if app is None: continue
    if sys.argv[1:] and sys.argv[1].lower() not in (app.name or '').lower(): 
        out.append(f'(app {app.name!r} skipped)')
        continue
    if '--doc' in sys.argv:
        docs = []
        def find(a, d=0):
            if a is None or d > 30: return
            try:
                if a.getRoleName() == 'document web': docs.append(a); return
                for j in range(a.childCount): find(a.getChildAtIndex(j), d + 1)
            except Exception: pass
        find(app)
        for d in docs: walk(d, 0, out)
    else:
        walk(app, 0, out)
print('\n'.join(out))
