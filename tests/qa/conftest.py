"""A Q&A site's exports on disk, and a real HTTP server on loopback that serves them."""

from __future__ import annotations

import gzip
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data" / "qa"
SITE, TAG = "gis.stackexchange.com", "sunrelay-maps"


def export_path(name: str = "gis-export.json") -> Path:
    return DATA / name


class ExportServer:
    """Serves `body` at any path, gzip-compressed as the Stack Exchange API does."""

    def __init__(self) -> None:
        self.body = export_path().read_bytes()
        self.status = 200
        self.requests: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                server.requests.append(self.path)
                data = gzip.compress(server.body)
                self.send_response(server.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/2.3/questions"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def export_server():
    server = ExportServer()
    yield server
    server.close()
