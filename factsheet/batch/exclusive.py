"""One build at a time per output folder: two builds writing one folder would each rewrite the manifest from
what they read at the start, and one of them would lose the other's entries.

The lock is a file in the system's temporary folder named after the output folder (so a refused or failing
build writes nothing under the output folder), held with an exclusive advisory lock for the whole build. The
operating system drops it when the process ends, however it ends.
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
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise FactsheetError.at(
                Location.of(output_dir),
                "another build is writing here",
                "wait for it to finish, or write to another folder with -o",
            ) from None
        yield
    finally:
        os.close(descriptor)
