"""Write outputs atomically, so a crash or a full disk never leaves a truncated PDF where a good one was."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from factsheet.errors import FactsheetError, Location


def write_atomic(path: Path, data: bytes) -> Path:
    """Write `data` to a temporary file beside `path`, flush it to disk, then rename it over `path`.

    A failure (full disk, no permission) leaves the previous file untouched and no temporary file behind."""
    temporary: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        temporary = Path(name)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.replace(path)
    except OSError as error:
        raise FactsheetError.at(
            Location.of(path),
            f"could not write this file ({error.strerror or error})",
            "check that the folder exists, is writable and the disk is not full; the previous file is unchanged",
        ) from None
    finally:
        if temporary is not None and temporary.exists():
            temporary.unlink()
    return path


def refuse_overwriting_inputs(outputs: Iterable[Path], inputs: Iterable[Path]) -> None:
    """Stop before writing if any output would replace one of the files the handout is made from."""
    protected = {path.resolve() for path in inputs}
    for output in outputs:
        if output.resolve() in protected:
            raise FactsheetError.at(
                Location.of(output),
                "writing the PDF here would overwrite one of the handout's own input files",
                "choose another output folder with -o",
            )
