#!/usr/bin/env python3
"""Serves dist/ on 127.0.0.1 (./build-wasm.sh serve) with the headers a static host should send.

The page's own <meta> Content-Security-Policy cannot say frame-ancestors (browsers ignore it in a
meta tag), so the refusal to be framed (clickjacking) must come from the server:
  Content-Security-Policy: frame-ancestors 'none'
  X-Frame-Options: DENY                     (for browsers without CSP level 2)
  X-Content-Type-Options: nosniff
  Referrer-Policy: no-referrer
Usage: serve.py DIRECTORY [PORT]
"""
import functools
import http.server
import sys

HEADERS = {
    "Content-Security-Policy": "frame-ancestors 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                      ".js": "text/javascript"}

    def end_headers(self):
        for name, value in HEADERS.items():
            self.send_header(name, value)
        super().end_headers()


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: serve.py DIRECTORY [PORT]")
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 8080
    handler = functools.partial(Handler, directory=sys.argv[1])
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as httpd:
        print(f"Serving {sys.argv[1]} on http://127.0.0.1:{port} (Ctrl+C stops)", flush=True)
        httpd.serve_forever()


if __name__ == "__main__":
    main()
