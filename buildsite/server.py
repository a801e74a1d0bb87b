"""A local server for the built site with the headers GitHub Pages sends (MIME types, caching,
CORS), so tests see what students get. Serves files; builds nothing."""

import http.server
import sys
import threading
from pathlib import Path

MIME_TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".map": "application/json",
    ".css": "text/css",
    ".html": "text/html",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".zip": "application/zip",
    ".whl": "application/zip",
}


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with the headers GitHub Pages sends: the MIME types Pyodide needs, caching for
    10 minutes (revalidated by Last-Modified) and any origin may read them, so tests see what
    students get."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}
    quiet = False

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()

    def log_message(self, format, *args):
        if not self.quiet:
            super().log_message(format, *args)


class SiteServer(http.server.ThreadingHTTPServer):
    """A browser closing a page mid-download is normal, not an error worth a traceback."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)


def start_server(directory: Path, port: int = 0, quiet: bool = False):
    """Serve directory on 127.0.0.1 in a daemon thread; returns (server, base URL)."""
    handler = type("Handler", (SiteHandler,), {"quiet": quiet})
    server = SiteServer(
        ("127.0.0.1", port), lambda *a: handler(*a, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"
