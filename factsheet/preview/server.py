"""The preview's web server: loopback only, a random token in every URL, the Host header checked.

It answers a fixed list of routes (the page, its script and style, the state as JSON, an event stream, the
page pictures and the PDF of the current build, one item's evidence, and two actions) and nothing else: no
route takes a file path, so no request can read a file. Any web page the user visits could send requests to
127.0.0.1; without the token it cannot, and a DNS-rebinding page (its own name resolving to 127.0.0.1) sends
its own Host name and is refused too.
"""

from __future__ import annotations

import hmac
import json
import secrets
import sys
import threading
from dataclasses import asdict
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from typing import Any
from urllib.parse import parse_qs, urlsplit

from factsheet.errors import FactsheetError
from factsheet.press.editions import EDITION_NAMES
from factsheet.press.layouts import LAYOUTS, PAPER_NAMES
from factsheet.preview.session import PreviewSession
from factsheet.preview.snapshot import Snapshot

ASSETS = {
    "/preview.js": ("preview.js", "text/javascript; charset=utf-8"),
    "/preview.css": ("preview.css", "text/css; charset=utf-8"),
}
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
EVENT_KEEPALIVE_SECONDS = 15.0
MAX_BODY_BYTES = 10_000
LOOPBACK = "127.0.0.1"


IDLE_SECONDS = 30.0


class PreviewServer(ThreadingHTTPServer):
    """An HTTP server bound to 127.0.0.1 that serves one preview session."""

    daemon_threads = True

    def __init__(self, session: PreviewSession, port: int = 0) -> None:
        super().__init__((LOOPBACK, port), PreviewHandler)
        self.session = session
        self.token = secrets.token_urlsafe(24)
        self.closing = threading.Event()

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}/?token={self.token}"

    def allowed_hosts(self) -> set[str]:
        return {f"{LOOPBACK}:{self.port}", f"localhost:{self.port}"}

    def shutdown(self) -> None:
        self.closing.set()
        super().shutdown()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser tab closed mid-answer is not worth a traceback in the user's terminal."""
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)


class PreviewHandler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"
    timeout = IDLE_SECONDS
    """A connection that sends nothing for this long is closed, so idle or stalled clients hold no thread."""

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal shows the preview's address and problems, not every picture fetched."""

    def do_GET(self) -> None:
        if not self._allowed():
            return
        path = urlsplit(self.path).path
        snapshot = self.server.session.snapshot
        if path == "/":
            page = _asset("index.html").replace("{{token}}", self.server.token)
            self._send(HTTPStatus.OK, page.encode(), "text/html; charset=utf-8")
        elif path in ASSETS:
            name, content_type = ASSETS[path]
            self._send(HTTPStatus.OK, _asset(name).encode(), content_type)
        elif path == "/state":
            self._json(HTTPStatus.OK, state(snapshot, self.server.session.shown_sheet))
        elif path == "/events":
            self._events()
        elif path.startswith("/page/") and path.endswith(".png"):
            self._page(snapshot, path)
        elif path == "/handout.pdf" and snapshot.pdf is not None:
            headers = {"Content-Disposition": f'attachment; filename="{snapshot.pdf_name}"'}
            self._send(HTTPStatus.OK, snapshot.pdf, "application/pdf", headers)
        elif path == "/item":
            self._item(self._query().get("key", ""))
        else:
            self._json(HTTPStatus.NOT_FOUND, {"error": "not found"})

    def do_POST(self) -> None:
        if not self._allowed():
            return
        origin = self.headers.get("Origin")
        if origin is not None and origin.removeprefix("http://") not in self.server.allowed_hosts():
            self._json(HTTPStatus.FORBIDDEN, {"error": "this preview takes changes only from its own page"})
            return
        path = urlsplit(self.path).path
        body = self._body()
        if body is None:
            return
        try:
            if path == "/choose":
                chosen = self.server.session.choose(**{key: body[key] for key in body})
                self._json(HTTPStatus.OK, asdict(chosen))
            elif path == "/approve":
                written = self.server.session.approve(str(body.get("id", "")), str(body.get("by", "")))
                self._json(HTTPStatus.OK, {"recorded": written.name})
            else:
                self._json(HTTPStatus.NOT_FOUND, {"error": "not found"})
        except (ValueError, TypeError) as error:
            self._json(HTTPStatus.BAD_REQUEST, {"error": str(error)})
        except FactsheetError as error:
            self._json(HTTPStatus.BAD_REQUEST, {"error": "\n".join(problem.format() for problem in error.problems)})

    def _allowed(self) -> bool:
        """Refuse a foreign Host header (DNS rebinding) and a request without the session's token."""
        host = self.headers.get("Host", "")
        if host not in self.server.allowed_hosts():
            self._json(HTTPStatus.FORBIDDEN, {"error": "this preview answers only at its own address"})
            return False
        token = self._query().get("token", "")
        if not hmac.compare_digest(token.encode(), self.server.token.encode()):
            message = "open the address the preview printed in the terminal: it carries the preview's token"
            self._json(HTTPStatus.FORBIDDEN, {"error": message})
            return False
        return True

    def _query(self) -> dict[str, str]:
        return {key: values[0] for key, values in parse_qs(urlsplit(self.path).query).items()}

    def _body(self) -> dict[str, Any] | None:
        """A JSON object body (a form post from another site cannot send that content type unasked)."""
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 < length <= MAX_BODY_BYTES:
            self.close_connection = True
            self._json(HTTPStatus.BAD_REQUEST, {"error": "send a small JSON object"})
            return None
        data = self.rfile.read(length)
        if not self.headers.get("Content-Type", "").startswith("application/json"):
            self._json(HTTPStatus.BAD_REQUEST, {"error": "send a JSON object (Content-Type: application/json)"})
            return None
        try:
            body = json.loads(data)
        except (ValueError, UnicodeDecodeError):
            body = None
        if not isinstance(body, dict):
            self._json(HTTPStatus.BAD_REQUEST, {"error": "send a JSON object"})
            return None
        return body

    def _page(self, snapshot: Snapshot, path: str) -> None:
        number = path.removesuffix(".png").rsplit("/", 1)[-1]
        if not (number.isascii() and number.isdigit() and len(number) <= 4):
            self._json(HTTPStatus.BAD_REQUEST, {"error": "a page number is 1, 2, 3 ..."})
        elif 1 <= int(number) <= len(snapshot.pages):
            self._send(HTTPStatus.OK, snapshot.pages[int(number) - 1], "image/png")
        else:
            self._json(HTTPStatus.NOT_FOUND, {"error": "no such page"})

    def _item(self, key: str) -> None:
        found = self.server.session.evidence(key)
        if found is None:
            self._json(HTTPStatus.NOT_FOUND, {"error": "no such quote or fact"})
            return
        item, evidence = found
        changes = [asdict(change) for change in self.server.session.snapshot.changes if change.item == key]
        self._json(
            HTTPStatus.OK,
            {"key": item.key, "label": item.label, "evidence": [asdict(e) for e in evidence], "changes": changes},
        )

    def _events(self) -> None:
        """Server-sent events: the generation number each time the state changes, a comment now and then so
        proxies and the browser keep the connection open."""
        self.send_response(HTTPStatus.OK)
        for name, value in {**SECURITY_HEADERS, "Content-Type": "text/event-stream"}.items():
            self.send_header(name, value)
        self.end_headers()
        generation = -1
        try:
            while not self.server.closing.is_set():
                snapshot = self.server.session.wait_for(generation, EVENT_KEEPALIVE_SECONDS)
                if snapshot.generation > generation:
                    generation = snapshot.generation
                    self.wfile.write(f"data: {generation}\n\n".encode())
                else:
                    self.wfile.write(b": still here\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            return
        self.close_connection = True

    def _json(self, status: HTTPStatus, payload: object) -> None:
        self._send(status, json.dumps(payload, ensure_ascii=False).encode(), "application/json; charset=utf-8")

    def _send(self, status: HTTPStatus, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in {**SECURITY_HEADERS, "Content-Type": content_type, **(headers or {})}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def state(snapshot: Snapshot, sheet: str) -> dict[str, object]:
    """The snapshot as the page reads it (page pictures by address, not inline)."""
    return {
        "sheet": sheet,
        "generation": snapshot.generation,
        "building": snapshot.building,
        "fresh": snapshot.fresh,
        "summary": snapshot.summary,
        "seconds": round(snapshot.seconds, 2),
        "settings": asdict(snapshot.settings),
        "choices": {
            "layout": list(LAYOUTS),
            "paper": list(PAPER_NAMES),
            "edition": list(EDITION_NAMES),
            "language": list(snapshot.languages),
        },
        "pages": [
            {"url": f"/page/{snapshot.pages_generation}/{number}.png", "width": width, "height": height}
            for number, (width, height) in enumerate(snapshot.page_sizes, start=1)
        ],
        "pdf": "/handout.pdf" if snapshot.pdf is not None else None,
        "pdf_name": snapshot.pdf_name,
        "problems": sorted(
            (
                {
                    **problem.as_dict(),
                    "where": str(problem.location),
                    "text": problem.format(),
                    "context": list(context),
                }
                for problem, context in zip(snapshot.problems, snapshot.contexts, strict=True)
            ),
            key=lambda problem: problem["severity"] != "error",
        ),
        "items": [
            {
                "key": item.key,
                "kind": item.kind,
                "label": item.label,
                "line": item.line,
                "verdict": item.verdict,
                "messages": [problem.message for problem in item.problems],
            }
            for item in snapshot.items
        ],
        "changes": [asdict(change) for change in snapshot.changes],
    }


def _asset(name: str) -> str:
    return files("factsheet.preview").joinpath("assets", name).read_text(encoding="utf-8")
