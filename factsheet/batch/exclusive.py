"""One build at a time per output folder: two builds writing one folder would each rewrite the manifest from
what they read at the start, and one of them would lose the other's entries.

The lock is a file in the system's temporary folder named after the output folder (so a refused or failing
build writes nothing under the output folder), held with an exclusive advisory lock for the whole build and
removed at its end, so builds leave nothing in the temporary folder. The operating system drops the lock
when the process ends, however it ends (a killed build leaves only its empty file).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from factsheet.errors import FactsheetError, Location


@contextmanager
def building_into(output_dir: Path) -> Iterator[None]:
    """Hold the output folder's build lock, or stop at once when another build holds it."""
    key = hashlib.sha256(str(output_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    path = Path(tempfile.gettempdir()) / f"factsheet-build-{key}.lock"
    descriptor = _locked(path, output_dir)
    try:
        yield
    finally:
        path.unlink(missing_ok=True)
        os.close(descriptor)


def _locked(path: Path, output_dir: Path) -> int:
    """The lock file, opened and locked. The holder removes it when done, so the lock is only ours if the file
    we locked is still the one at `path` (another build may have removed it between our open and our lock):
    otherwise open the new one and try again."""
    while True:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            raise FactsheetError.at(
                Location.of(output_dir),
                "another build is writing here",
                "wait for it to finish, or write to another folder with -o",
            ) from None
        try:
            if path.stat().st_ino == os.fstat(descriptor).st_ino:
                return descriptor
        except FileNotFoundError:
            pass
        os.close(descriptor)
