"""A local static server that compresses text as any static host does (gzip, level 6).

Lighthouse measures what a reader's phone would download: served by the
plain test server, every script and stylesheet would travel uncompressed
and the scores would measure the server, not the site.
"""

from __future__ import annotations

import gzip
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache, partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

HOST = "127.0.0.1"
GZIP_LEVEL = 6
# What static hosts compress: text, scripts, styles, data and SVG; never images or archives.
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


@lru_cache(maxsize=512)
def _compressed(path: str, mtime_ns: int, size: int) -> bytes:
    # Static hosts compress a file once and serve the stored copy: compressing it
    # again on every request would add this machine's CPU time to each response,
    # which Lighthouse counts as the server's slowness. The key changes with the file.
    return gzip.compress(Path(path).read_bytes(), GZIP_LEVEL)


class GzipHandler(SimpleHTTPRequestHandler):
    """Serves files from a folder; text goes gzipped to clients that accept it."""

    protocol_version = "HTTP/1.1"  # keep-alive, as a real host

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        content_type = self.guess_type(str(path))
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        # Folders, missing files and binary files are the plain server's business.
        if not path.is_file() or not accepts or not content_type.startswith(COMPRESSED_TYPES):
            return super().send_head()
        stat = path.stat()
        body = _compressed(str(path), stat.st_mtime_ns, stat.st_size)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve_gzipped(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 at a free port, text gzipped; yields the base URL ending in '/'."""
    server = ThreadingHTTPServer((HOST, 0), partial(GzipHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, name="gzip-server", daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
