"""A model's API served over HTTP for the tests of taking and following a model: the documents
as another installation publishes them at /api/v1/code, /versions and /versions/<N>."""

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.helpers.models import gir


class ModelSite:
    """What the served model holds; change `releases` or `routes` to change what it answers."""

    def __init__(self) -> None:
        self.releases: list[dict] = [gir(2016)]
        self.routes: dict[str, tuple[int, bytes]] = {}  # path -> (status, body), overriding
        self.url = ""

    def listing(self) -> list[dict]:
        return [
            {
                "number": r["version"]["number"],
                "sha256": r["version"]["sha256"],
                "previous_sha256": r["version"]["previous_sha256"],
            }
            for r in reversed(self.releases)
        ]

    def answer(self, path: str) -> tuple[int, bytes]:
        if path in self.routes:
            return self.routes[path]
        if path == "/api/v1/code":
            return 200, json.dumps(self.releases[-1]).encode()
        if path == "/api/v1/versions":
            return 200, json.dumps(self.listing()).encode()
        for release in self.releases:
            if path == f"/api/v1/versions/{release['version']['number']}":
                return 200, json.dumps(release).encode()
        return 404, b'{"detail": "not found"}'


@pytest.fixture
def model_site() -> Iterator[ModelSite]:
    site = ModelSite()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            status, body = site.answer(self.path.split("?")[0])
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    site.url = f"http://127.0.0.1:{server.server_port}/api/v1/code"
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
