"""The output registry: every kind of file a build can write, each declared once.

A kind says what its file is called, how it is made from a checked sheet, which checks the made file must
pass, what the build manifest fingerprints for it and when it cannot be asked for. Planning, the manifest,
the command line (`--also`), the sheet (`also:`) and the preview read this table; none of them names a kind.

There are three roles, after WeasyPrint's own table of PDF variants:

- `main`: the handout itself, one per layout, paper, edition and language (the PDF, or the flyer imposed
  two-up); merge rows make one each.
- `beside`: a file made for each main output and named after it (the print shop's job ticket).
- `gathered`: one file made from every merge variant of an output (the combined PDF).

A new kind is one `OutputKind(...)` passed to `register`, its producer and its template: see docs/outputs.md.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from factsheet.errors import FactsheetError, Location, Problem

if TYPE_CHECKING:
    from factsheet.produce.job import Job
    from factsheet.results import CheckResult
    from factsheet.sheet.outputs import Output

Role = Literal["main", "beside", "gathered"]


@dataclass(frozen=True)
class Made:
    """What a producer made: the file's bytes, and for a handout the notes copyfitting and batching left."""

    data: bytes
    note: str = ""
    scale: float | None = None
    warnings: tuple[Problem, ...] = ()


Producer = Callable[["CheckResult", "Job", bool, bool], Made]
"""Makes one job's file: (checked sheet, job, draft, isolate) -> what it made."""
Checker = Callable[["Job", bytes], int]
"""Checks a made file (raising FactsheetError with what is wrong) and returns its page count."""
Gatherer = Callable[[Sequence["Job"], Sequence[bytes]], bytes]
"""Makes a gathered kind's one file from its members (their jobs, with each one's merge row) and their files,
in row order."""
Refusal = Callable[["Output"], tuple[str, str] | None]
"""Why an output cannot have this kind (message, how to fix), or None."""


def _no_refusal(output: Output) -> tuple[str, str] | None:
    return None


@dataclass(frozen=True)
class OutputKind:
    """One kind of output. `suffix` and `extension` name a `beside` or `gathered` file after its main one
    (`banthescan-letter-shop.pdf` → `banthescan-letter-shop-ticket.pdf`); `revision` is fingerprinted in the
    manifest, so raising it rebuilds every file of the kind."""

    name: str
    summary: str
    role: Role
    check: Checker
    produce: Producer | None = None
    gather: Gatherer | None = None
    suffix: str = ""
    extension: str = ".pdf"
    revision: str = "1"
    refuse: Refusal = _no_refusal

    def path_beside(self, main: Path) -> Path:
        """Where this kind's file for the main output `main` goes."""
        return main.with_name(f"{main.stem}{self.suffix}{self.extension}")

    def fingerprint(self) -> Mapping[str, str]:
        """What the manifest records for every file of this kind besides the job's own inputs."""
        return {"output kind": f"{self.name} {self.revision}"}


_KINDS: dict[str, OutputKind] = {}


def register(kind: OutputKind) -> OutputKind:
    """Add a kind to the registry (a new kind's module calls this when imported); a name is taken once."""
    if kind.name in _KINDS and _KINDS[kind.name] != kind:
        raise ValueError(f"an output kind named {kind.name!r} is already registered")
    if (kind.role == "gathered") != (kind.gather is not None) or (kind.role != "gathered") != bool(kind.produce):
        raise ValueError(f"output kind {kind.name!r}: a gathered kind gathers, every other kind produces")
    _KINDS[kind.name] = kind
    return kind


def unregister(name: str) -> None:
    """Remove a kind (for a test's throwaway kind)."""
    _KINDS.pop(name, None)


def kinds(role: Role | None = None) -> tuple[OutputKind, ...]:
    """The registered kinds, in registration order, of one role or all."""
    return tuple(kind for kind in _KINDS.values() if role is None or kind.role == role)


def kind_named(name: str, where: Location, role: Role = "beside") -> OutputKind:
    """The kind called `name`, refused at `where` with the kinds one may ask for if there is none."""
    found = _KINDS.get(name)
    if found is None or found.role != role:
        known = ", ".join(kind.name for kind in kinds(role)) or "none"
        raise FactsheetError.at(where, f"there is no output '{name}' to write beside a handout", f"use one of: {known}")
    return found


def beside_help() -> str:
    """The kinds one may ask for beside each PDF, for the command line's help."""
    return ", ".join(f"{kind.name} ({kind.summary})" for kind in kinds("beside"))


def main_kind(output: Output) -> OutputKind:
    """The kind of an output's handout: imposed when it asks for imposition, else the plain document."""
    return _KINDS["imposed" if output.imposition else "document"]


def gathered_kind() -> OutputKind:
    """The kind that gathers merge variants into one file (an output's `combine: true`)."""
    return _KINDS["combined"]
