"""Noticing that a campaign's files changed: a poll of their sizes and modification times.

A campaign is a few dozen small files (the sheet, sources, lock, sign-off, translations, theme fonts, logo,
its own templates) plus factsheet's templates, so reading their metadata four times a second costs nothing
measurable. Polling also sees what file-system events miss: editors that save by writing a new file and
renaming it over the old one, folders on network drives, and files added to a folder not yet watched.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

POLL_SECONDS = 0.25
SETTLE_SECONDS = 0.1
MAX_WATCHED_FILES = 5_000
SKIPPED_FOLDERS = frozenset({".git", "__pycache__", "node_modules", ".venv", "output"})

Fingerprint = dict[str, tuple[int, int]]


def fingerprint(folders: Iterable[Path]) -> Fingerprint:
    """Each file's size and modification time under `folders` (hidden folders and build output skipped),
    at most MAX_WATCHED_FILES of them, so a campaign folder holding a huge tree cannot stall the preview."""
    seen: Fingerprint = {}
    for folder in folders:
        for root, folder_names, file_names in os.walk(folder):
            folder_names[:] = sorted(
                name for name in folder_names if name not in SKIPPED_FOLDERS and not name.startswith(".")
            )
            for name in sorted(file_names):
                path = Path(root) / name
                try:
                    status = path.stat()
                except OSError:
                    continue
                seen[str(path)] = (status.st_mtime_ns, status.st_size)
                if len(seen) >= MAX_WATCHED_FILES:
                    return seen
    return seen


class Watcher:
    """Calls `changed()` from its own thread once the files under `folders` change and then stay unchanged
    for SETTLE_SECONDS (an editor's save is often a truncate and a write, or several files at once)."""

    def __init__(self, folders: Callable[[], list[Path]], changed: Callable[[], None]) -> None:
        self._folders = folders
        self._changed = changed
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="factsheet-preview-watch", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _run(self) -> None:
        last = fingerprint(self._folders())
        while not self._stop.wait(POLL_SECONDS):
            current = fingerprint(self._folders())
            if current == last:
                continue
            while not self._stop.wait(SETTLE_SECONDS):
                settled = fingerprint(self._folders())
                if settled == current:
                    break
                current = settled
            last = current
            if not self._stop.is_set():
                self._changed()
