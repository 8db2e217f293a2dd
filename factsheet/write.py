"""Write outputs atomically, so a crash or a full disk never leaves a truncated PDF where a good one was."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path

from factsheet.errors import FactsheetError, Location


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


def write_atomic(path: Path, data: bytes) -> Path:
    """Write `data` to a temporary file beside `path`, flush it to disk, then rename it over `path`.

    A failure (full disk, no permission) leaves the previous file untouched and no temporary file behind."""
    return publish_all([(path, data)])[0]


def publish_all(items: Sequence[tuple[Path, bytes]]) -> list[Path]:
    """Write every file to a temporary beside its target first, and only when all are safely on disk rename
    them into place: a batch is published whole or not at all."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in items:
            staged.append((_stage(path, data), path))
        for temporary, path in staged:
            _guard(path, partial(temporary.replace, path))
    finally:
        for temporary, _path in staged:
            temporary.unlink(missing_ok=True)
    return [path for path, _data in items]


def _stage(path: Path, data: bytes) -> Path:
    temporary: Path | None = None

    def write() -> None:
        nonlocal temporary
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        temporary = Path(name)
        os.fchmod(handle, 0o666 & ~_UMASK)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())

    try:
        _guard(path, write)
    except FactsheetError:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise
    assert temporary is not None
    return temporary


def _guard(path: Path, operation: Callable[[], object]) -> None:
    try:
        operation()
    except OSError as error:
        raise FactsheetError.at(
            Location.of(path),
            f"could not write this file ({error.strerror or error})",
            "check that the folder exists, is writable and the disk is not full; nothing was changed",
        ) from None


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
