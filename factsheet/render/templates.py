"""Jinja2 environments: factsheet's own templates, and a campaign's templates in a sandbox.

Coalitions pass templates between groups, so a campaign's own templates are untrusted code: they run in
Jinja2's ImmutableSandboxedEnvironment (no attribute tricks such as `cycler.__init__.__globals__`), with no
`|safe`, template names that are plain file names, no symlinks out of the template folder, and a cap on output
size. Both environments autoescape every template and fail on undefined names.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from factsheet.errors import FactsheetError, Location
from factsheet.reading import read_regular

MAX_OUTPUT_CHARACTERS = 2_000_000
MAX_TEMPLATE_BYTES = 1_000_000
TEMPLATE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*\.html$")


class ConfinedLoader(jinja2.BaseLoader):
    """Loads plain-named templates from a list of folders, refusing paths and links that leave them."""

    def __init__(self, folders: Sequence[Path]) -> None:
        self.folders = [folder.resolve() for folder in folders]

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        if not TEMPLATE_NAME.match(template):
            raise jinja2.TemplateNotFound(f"{template} (template names are plain file names such as 'card.html')")
        for folder in self.folders:
            path = folder / template
            if not path.is_file():
                continue
            if not path.resolve().is_relative_to(folder):
                raise SecurityError(f"{template} is a link to a file outside {folder.name}/")
            text = read_regular(path, MAX_TEMPLATE_BYTES).decode("utf-8", errors="replace")
            modified = path.stat().st_mtime
            return text, str(path), lambda path=path, modified=modified: path.stat().st_mtime == modified
        raise jinja2.TemplateNotFound(template)


class CampaignSandbox(ImmutableSandboxedEnvironment):
    """The sandbox, plus a bound on the size of repeated strings and lists (`'x' * 50000000`)."""

    intercepted_binops = frozenset(["*", "**"])

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            sizes = [len(value) for value in (left, right) if isinstance(value, str | list | tuple)]
            counts = [value for value in (left, right) if isinstance(value, int)]
            if sizes and counts and sizes[0] * max(counts[0], 0) > MAX_OUTPUT_CHARACTERS:
                raise SecurityError("the template makes a text larger than factsheet allows")
        if operator == "**" and isinstance(right, int) and right > 64:
            raise SecurityError("the template computes a number larger than factsheet allows")
        return super().call_binop(context, operator, left, right)


def make_environment(folders: Sequence[Path], *, sandboxed: bool, filters: Mapping[str, Any]) -> jinja2.Environment:
    """A trusted environment for factsheet's templates, or the sandbox when a campaign brings its own.

    Environments are kept per folder list, so each template is compiled once per process, not per PDF (a
    third of a mail-merge variant's time otherwise); the loader recompiles a template whose file changed."""
    return _environment(tuple(folders), sandboxed, tuple(sorted(filters.items())))


@cache
def _environment(
    folders: tuple[Path, ...], sandboxed: bool, filters: tuple[tuple[str, Any], ...]
) -> jinja2.Environment:
    options: dict[str, Any] = {
        "loader": ConfinedLoader(folders),
        "autoescape": True,
        "undefined": jinja2.StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
    }
    environment: jinja2.Environment = CampaignSandbox(**options) if sandboxed else jinja2.Environment(**options)
    if sandboxed:
        environment.filters.pop("safe", None)
    environment.filters.update(dict(filters))
    return environment


def render_template(environment: jinja2.Environment, name: str, context: Mapping[str, Any]) -> str:
    """Render `name`, turning template mistakes into `template.html:LINE: message` user errors."""
    try:
        template = environment.get_template(name)
        pieces: list[str] = []
        size = 0
        stream = template.generate(context)
        for piece in stream:
            size += len(piece)
            if size > MAX_OUTPUT_CHARACTERS:
                raise OutputTooLargeError(_generating_line(environment, stream, name))
            pieces.append(piece)
        return "".join(pieces)
    except jinja2.TemplateSyntaxError as error:
        raise FactsheetError.at(
            Location.of(error.filename or name, error.lineno), f"template syntax: {error.message}", _HINT
        ) from None
    except jinja2.TemplateNotFound as error:
        where = _template_location(error, name)
        raise FactsheetError.at(where, f"template not found: {error.message}", _HINT) from None
    except RecursionError as error:
        raise FactsheetError.at(
            _template_location(error, name),
            "template error: the template includes itself, or nests includes and macros too deeply",
            "check the template's {% include %}, {% extends %} and macro calls for a loop",
        ) from None
    except (jinja2.UndefinedError, SecurityError, TypeError, ValueError, ArithmeticError, LookupError) as error:
        raise FactsheetError.at(_template_location(error, name), f"template error: {error}", _HINT) from None
    except FactsheetError:
        raise
    except Exception as error:
        if not isinstance(environment, CampaignSandbox):
            raise
        where = _template_location(error, name)
        raise FactsheetError.at(where, f"template error: {type(error).__name__}: {error}", _HINT) from None


class OutputTooLargeError(FactsheetError):
    """The filled template passed MAX_OUTPUT_CHARACTERS; located at the template line writing when it did.
    The caller may know better (a sheet whose own text is too long) and re-raise it at the sheet."""

    def __init__(self, location: Location) -> None:
        super().__init__([])
        self.problems = FactsheetError.at(
            location,
            f"template error: the template's output is larger than {MAX_OUTPUT_CHARACTERS:,} characters",
            "check the template for a loop that repeats too often",
        ).problems


def _generating_line(environment: jinja2.Environment, stream: Any, name: str) -> Location:
    """The template file and line a rendering generator is paused at: the innermost template frame."""
    generator, found = stream, Location.of(name)
    while generator is not None:
        frame = getattr(generator, "gi_frame", None)
        if frame is not None and frame.f_code.co_filename.endswith(".html"):
            template = environment.get_template(Path(frame.f_code.co_filename).name)
            found = Location.of(frame.f_code.co_filename, template.get_corresponding_lineno(frame.f_lineno))
        generator = getattr(generator, "gi_yieldfrom", None)
    return found


_HINT = "fix the template; the names a template can use are listed in the README under 'Changing the look'"


def _template_location(error: BaseException, name: str) -> Location:
    """The template file and line the error happened on, from the traceback Jinja2 rewrites to point there."""
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename.endswith(".html"):
            return Location.of(frame.filename, frame.lineno)
    return Location.of(name)
