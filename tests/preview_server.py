"""A preview of a campaign served on a free loopback port for the duration of a test, shared by the HTTP and
the browser tests."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from factsheet.preview.server import PreviewServer
from factsheet.preview.session import PreviewSession
from factsheet.preview.snapshot import Settings


@contextmanager
def serving(campaign: Path) -> Iterator[PreviewServer]:
    """Start a preview session and its server in threads; stop both (and the session's folder) afterwards."""
    session = PreviewSession(campaign, Settings())
    server = PreviewServer(session, 0)
    session.start()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        session.stop()
