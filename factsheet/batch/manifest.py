"""The build manifest: what each output was made from, so unchanged outputs are skipped and changes named.

Stored as `.factsheet-manifest.json` beside the outputs. For every output it records a digest of each input
(sheet, sources, templates, the merge row, factsheet's version, ...) and the SHA-256 of the PDF itself. An
output is up to date when every input digest matches and the file on disk still has the recorded SHA-256.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from factsheet.write import write_atomic

MANIFEST_NAME = ".factsheet-manifest.json"
FORMAT = 1


@dataclass(frozen=True)
class Entry:
    """What one output was built from, and what came out."""

    inputs: dict[str, str]
    sha256: str
    pages: int
    bytes: int
    scale: float | None = None
    """The type factor copyfitting printed it at; reused while its inputs stay the same."""
    fit: int = 0
    """Which version of copyfitting found `scale` (copyfit.FIT_VERSION)."""


def read_manifest(output_dir: Path) -> dict[str, Entry]:
    """The recorded outputs by file name; an unreadable manifest just means everything is rebuilt."""
    try:
        data = json.loads((output_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return {}
        return {name: Entry(**entry) for name, entry in data["outputs"].items()}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def write_manifest(output_dir: Path, entries: Mapping[str, Entry]) -> None:
    """Replace the manifest atomically, outputs sorted by name so the file diffs cleanly."""
    data = {"format": FORMAT, "outputs": {name: asdict(entries[name]) for name in sorted(entries)}}
    write_atomic(output_dir / MANIFEST_NAME, (json.dumps(data, indent=1, sort_keys=True) + "\n").encode("utf-8"))


def is_up_to_date(path: Path, entry: Entry | None, inputs: Mapping[str, str]) -> bool:
    """True when the output exists unchanged and was made from exactly these inputs."""
    return entry is not None and entry.inputs == dict(inputs) and path.is_file() and file_digest(path) == entry.sha256


def changed_inputs(entry: Entry | None, inputs: Mapping[str, str]) -> list[str]:
    """The names of the inputs that differ from the recorded build (all of them for a new output)."""
    if entry is None:
        return ["new output"]
    names = set(entry.inputs) | set(inputs)
    return sorted(name for name in names if entry.inputs.get(name) != inputs.get(name)) or ["output file changed"]


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str:
    """SHA-256 of a file, cached for the life of the process by path, size and modification time."""
    status = path.stat()
    return _cached_file_digest(path, status.st_size, status.st_mtime_ns)


@cache
def _cached_file_digest(path: Path, _size: int, _mtime: int) -> str:
    return digest(path.read_bytes())


def folder_digest(folder: Path) -> str:
    """One digest for every file under a folder (names and contents), e.g. all built-in templates."""
    files: Iterable[Path] = sorted(path for path in folder.rglob("*") if path.is_file()) if folder.is_dir() else []
    combined = hashlib.sha256()
    for path in files:
        combined.update(str(path.relative_to(folder)).encode("utf-8") + b"\0" + file_digest(path).encode("ascii"))
    return combined.hexdigest()
