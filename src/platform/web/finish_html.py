#!/usr/bin/python3
# Writes the page's final HTML with its Content-Security-Policy: the inline <style> (and, in the
# single-file build, the inline <script> that holds the JS runtime and the base64 wasm) are allowed
# by their sha256 hashes, so no 'unsafe-inline' is needed. Run by src/platform/web/CMakeLists.txt.
#   finish_html.py multi  SHELL.html OUT.html SCRIPT_NAME   (index.html loading SCRIPT_NAME)
#   finish_html.py single EMCC_OUTPUT.html OUT.html         (emcc's -sSINGLE_FILE=1 output)
import base64
import hashlib
import re
import sys

PLACEHOLDER = "__AA_CSP__"


def sha256(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def inline_blocks(html, tag):
    return re.findall(r"<%s>(.*?)</%s>" % (tag, tag), html, flags=re.S)


def policy(html, single):
    styles = inline_blocks(html, "style")
    # The page needs: its script (a file next to it, or inline), WebAssembly compilation, and its
    # own wasm (fetched from its origin, or decoded from a data: URL by fetch in the single file).
    scripts = inline_blocks(html, "script")
    if single:
        if len(scripts) != 1:
            sys.exit(f"finish_html.py: expected one inline script in the single-file page, found {len(scripts)}")
        script_src = " ".join(sha256(s) for s in scripts)
        connect_src = "data:"
    else:
        if scripts:
            sys.exit("finish_html.py: the multi-file page must have no inline script")
        script_src = "'self'"
        connect_src = "'self'"
    directives = [
        "default-src 'none'",
        f"script-src {script_src} 'wasm-unsafe-eval'",
        f"connect-src {connect_src}",
        "style-src " + (" ".join(sha256(s) for s in styles) if styles else "'none'"),
        "img-src data:",  # the empty favicon (data:,) that keeps the browser from asking the server
        "font-src 'none'",
        "media-src 'none'",
        "object-src 'none'",
        "frame-src 'none'",
        # User regular expressions run in a worker made from a blob: URL, so that one that backtracks
        # for ever can be terminated (pre.js); blob: is the page's own script, never a fetched one.
        "worker-src blob:",
        "base-uri 'none'",
        "form-action 'none'",
    ]
    return "; ".join(directives)


def main(argv):
    if len(argv) >= 4 and argv[1] == "multi" and len(argv) == 5:
        html = open(argv[2], encoding="utf-8").read()
        # The wasm is asked for at once, not after the JS has arrived and run: its download and
        # streaming compile overlap the JS (measured: instantiated ~100 ms sooner at 10 KB, issue 11).
        # crossorigin (anonymous, same origin) matches the credentials of Emscripten's own fetch,
        # so the browser hands that fetch the preloaded response.
        wasm = argv[4][: -len(".js")] + ".wasm" if argv[4].endswith(".js") else None
        preload = f'<link rel="preload" href="{wasm}" as="fetch" type="application/wasm" crossorigin>\n' if wasm else ""
        html = html.replace("{{{ SCRIPT }}}", f'{preload}<script async src="{argv[4]}"></script>')
        single = False
    elif len(argv) == 4 and argv[1] == "single":
        html = open(argv[2], encoding="utf-8").read()
        single = True
    else:
        sys.exit(__doc__ if __doc__ else "usage: finish_html.py multi|single ...")
    if html.count(PLACEHOLDER) != 1:
        sys.exit(f"finish_html.py: {argv[2]} must contain {PLACEHOLDER} exactly once")
    html = html.replace(PLACEHOLDER, policy(html, single))
    with open(argv[3], "w", encoding="utf-8", newline="\n") as out:
        out.write(html)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
