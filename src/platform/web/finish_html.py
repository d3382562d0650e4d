#!/usr/bin/python3
# Writes the page's final HTML with its Content-Security-Policy: the inline <style> (and, in the
# single-file build, the inline <script> that holds the JS runtime and the base64 wasm) are allowed
# by their sha256 hashes, so no 'unsafe-inline' is needed. Run by src/platform/web/CMakeLists.txt.
#   finish_html.py multi  SHELL.html OUT.html SCRIPT_NAME EARLY.js  (index.html loading SCRIPT_NAME;
#                                                                    EARLY.js inline, run at once)
#   finish_html.py single EMCC_OUTPUT.html OUT.html         (emcc's -sSINGLE_FILE=1 output)
import base64
import hashlib
import os
import re
import subprocess
import sys

PLACEHOLDER = "__AA_CSP__"


def sha256(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def compact_js(path):
    """The script at `path` without its comments and spaces, for the inline copy of early.js in
    index.html (its comments are for the source, not for every page load): terser (npm, pinned by
    package-lock.json, as the build's PouchDB) prints it back compactly, with no renaming and no
    other change."""
    root = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
    terser = os.path.join(root, "node_modules", "terser", "bin", "terser")
    if not os.path.exists(terser):
        sys.exit(f"finish_html.py: {terser} is missing: run scripts/deps.sh (npm ci)")
    # The node CMake found (AA_NODE), as for split_profile.mjs; node from PATH when run by hand.
    done = subprocess.run([os.environ.get("AA_NODE", "node"), terser, path, "--comments", "false"], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"finish_html.py: terser could not read {path}:\n{done.stderr}")
    return done.stdout.rstrip("\n")


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
        # Its own script file, and the inline start of the wasm's compile (below) by its hash.
        script_src = " ".join(["'self'"] + [sha256(s) for s in scripts])
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
    if len(argv) == 6 and argv[1] == "multi":
        html = open(argv[2], encoding="utf-8").read()
        # The wasm is fetched and compiled at once, while the JS downloads (issue 11): a preload
        # only fetched it, and its compile waited for the JS to arrive and run (~60 ms at 10 KB).
        # compileStreaming compiles as the bytes arrive when the server says application/wasm;
        # otherwise the bytes are compiled whole. pre.js instantiates the module (aaWasmModule).
        wasm = argv[4][: -len(".js")] + ".wasm" if argv[4].endswith(".js") else None
        early = ""
        if wasm:
            early = (
                "window.aaWasmModule=(function(u){"
                "var f=function(){return fetch(u,{credentials:'same-origin'}).then(function(r){"
                "if(!r.ok)throw new Error(u+': HTTP '+r.status);return r.arrayBuffer()}).then(function(b){return WebAssembly.compile(b)})};"
                "var p=WebAssembly.compileStreaming?WebAssembly.compileStreaming(fetch(u,{credentials:'same-origin'}))"
                ".catch(f):f();p.catch(function(){});return p})(" + repr(wasm) + ");\n"
            )
        # Then the start-up work that needs no wasm (the WebGL context, the autosave's read): early.js
        # runs here, beside the downloads, and again as the first --pre-js of the script, which then
        # finds it done (issue 11).
        # Without its comments and spaces, which the source keeps (9.3 -> 4.2 KB); the CSP hashes the
        # inline text as served.
        early = "<script>" + early + compact_js(argv[5]) + "</script>\n"
        # A plain script at the end of the body, not async: Chromium fetched the async one at low
        # priority, behind the wasm (it arrived ~60 ms later in the start-up benchmark).
        html = html.replace("{{{ SCRIPT }}}", f'{early}<script src="{argv[4]}"></script>')
        # ... and preloaded from the head: without it Chromium asked for the script only after the
        # inline script had run, 10-60 ms after the wasm (issue 11).
        if html.count("</title>") != 1:
            sys.exit(f"finish_html.py: {argv[2]} must contain one </title>")
        html = html.replace("</title>", f'</title>\n<link rel="preload" href="{argv[4]}" as="script">')
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
