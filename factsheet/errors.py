"""User-facing problems and the one exception type that carries them.

Anything a user can fix (a typo in YAML, a misquote, a missing source) is a `Problem` with a location and a
plain-words hint. The CLI prints problems and exits 1; any other exception is a bug in factsheet and keeps its
traceback. Keeping the two apart is what lets the CLI promise "no traceback for your mistake".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Self

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Location:
    """A place in a user's file; line and column are 1-based, either may be unknown."""

    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    @classmethod
    def of(cls, path: Path | str, line: int | None = None, column: int | None = None) -> Location:
        """Build a location whose file is shown relative to the working folder when it lies inside it."""
        return cls(display_path(path), line, column)


def display_path(path: Path | str) -> str:
    """Show a path the way a user typed it: relative to the working folder when possible."""
    resolved = Path(path)
    try:
        return str(resolved.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(resolved)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: where, what, and how to fix it."""

    location: Location
    message: str
    hint: str = ""
    severity: Severity = "error"
    details: tuple[str, ...] = field(default=())

    def format(self) -> str:
        """Render as `file:line:col: error: message` plus indented hint and details lines."""
        lines = [f"{self.location}: {self.severity}: {self.message}"]
        if self.hint:
            lines.append(f"  fix: {self.hint}")
        lines.extend(f"  {detail}" for detail in self.details)
        return "\n".join(lines)

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready form, for reports read by CI."""
        return {
            "file": self.location.file,
            "line": self.location.line,
            "column": self.location.column,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
            "details": list(self.details),
        }


class FactsheetError(Exception):
    """Raised for problems in the user's input; holds every problem found, not just the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(problem.format() for problem in self.problems))

    @classmethod
    def at(cls, location: Location, message: str, hint: str = "", details: Sequence[str] = ()) -> Self:
        """Shorthand for the common case of a single problem."""
        return cls([Problem(location, message, hint, details=tuple(details))])


def renderer_failure(location: Location, trace: str) -> FactsheetError:
    """An error inside the renderer (WeasyPrint, or a library under it) as a message, not a traceback: extreme
    values in a campaign's CSS or templates cause these as often as bugs do. The traceback's last lines go in
    the details, for a bug report."""
    lines = [line for line in trace.strip().splitlines() if line.strip()]
    return FactsheetError.at(
        location,
        f"rendering stopped on an error inside the renderer ({lines[-1].strip() if lines else 'no detail'})",
        "if the campaign brings its own templates or CSS, look there for extreme sizes or counts and simplify "
        "them; otherwise this is a bug in factsheet: please report it with these lines",
        details=tuple(line.rstrip() for line in lines[-4:-1]),
    )


def errors_only(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that stop a build (warnings are reported but do not)."""
    return [problem for problem in problems if problem.severity == "error"]
