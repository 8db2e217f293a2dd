"""Reading a file someone else gave us: only a regular file, and never more than a set number of bytes.

A path can name a FIFO (reading it waits forever), a device such as /dev/zero (reading it never ends), or a
file far larger than any sheet, CSV or PDF needs. So every input is checked to be a regular file on the open
handle itself, and read with a cap, before a byte of it is used.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from factsheet.errors import FactsheetError, Location


def read_regular(path: Path, max_bytes: int, location: Location | None = None) -> bytes:
    """The bytes of `path`, or a user error at `location` (the file itself by default) when it is not a regular
    file, cannot be read, or holds more than `max_bytes`."""
    where = location or Location.of(path)
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        raise FactsheetError.at(
            where, f"cannot read this file ({error.strerror or error})", "check the path and permissions"
        ) from None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise FactsheetError.at(
                where,
                "this is not a regular file (a device, pipe or folder)",
                "give the path of an ordinary file",
            )
        if status.st_size > max_bytes:
            raise FactsheetError.at(
                where,
                f"this file is {status.st_size:,} bytes; the limit is {max_bytes:,}",
                "split the content or remove what is not needed",
            )
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise FactsheetError.at(where, f"cannot read this file ({error.strerror or error})", "") from None
    finally:
        os.close(descriptor)
    if len(data) > max_bytes:
        raise FactsheetError.at(
            where,
            f"this file is larger than {max_bytes:,} bytes, the limit",
            "split the content or remove what is not needed",
        )
    return data
