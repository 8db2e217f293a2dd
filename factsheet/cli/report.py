"""How the command line shows results: problems on stderr, a JSON report for CI, the build's table and its
progress line. Only the CLI knows exit codes: 0 all well, 1 problems in the input, 2 a mistake in the command."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from factsheet.errors import FactsheetError, Problem, display_path

if TYPE_CHECKING:
    from factsheet.pipeline import BuildResult
    from factsheet.produce.report import OutputReport, Progress


@contextmanager
def reporting(
    context: click.Context, output_format: str = "text", outcome: str = "nothing was written"
) -> Iterator[None]:
    """Turn FactsheetError into its problems on stderr (or a JSON report) and exit code 1; `outcome` says
    what the command therefore did not do."""
    try:
        yield
    except FactsheetError as error:
        if context.obj["debug"]:
            raise
        if output_format == "json":
            click.echo(
                json.dumps(json_report(error.problems, ok=False, summary=count(error.problems, outcome)), indent=2)
            )
        else:
            print_problems(error.problems)
            click.echo(count(error.problems, outcome), err=True)
        context.exit(1)


def announce_the_example(sheet: Path | None) -> None:
    """Say so on the first line when no sheet was given and the working folder has none: the example is used."""
    from factsheet.campaign import uses_the_example

    if uses_the_example(sheet):
        click.echo(
            "no sheet.yaml here: using the built-in example campaign (#BantheScan); give a SHEET, or start your "
            "own with: factsheet new FOLDER",
            err=True,
        )


def print_problems(problems: Iterable[Problem], *, verbose: bool = True) -> None:
    """Every error in full. Warnings of one kind (the same fix) are shown once with a count unless `verbose`:
    a wall of repeated warnings teaches people to skip warnings."""
    shown: dict[str, int] = {}
    hidden: dict[str, int] = {}
    for problem in problems:
        kind = problem.hint or problem.message
        if problem.severity == "warning" and not verbose and kind in shown:
            hidden[kind] = hidden.get(kind, 0) + 1
            continue
        shown.setdefault(kind, 0)
        click.echo(problem.format(), err=True)
    if hidden:
        count = sum(hidden.values())
        kinds = len(hidden)
        click.echo(f"... and {count} more warning(s) of the {kinds} kind(s) above; --verbose lists every one", err=True)


def count(problems: tuple[Problem, ...], outcome: str = "nothing was written") -> str:
    errors = sum(problem.severity == "error" for problem in problems)
    return f"{errors} problem(s) found; {outcome}."


def json_report(problems: Iterable[Problem], *, ok: bool, summary: str) -> dict[str, object]:
    return {"ok": ok, "summary": summary, "problems": [problem.as_dict() for problem in problems]}


def progress_printer() -> Progress:
    """A one-line progress bar on a terminal, with the rate and the time left; plain lines when stderr is a
    file or CI log."""
    interactive = sys.stderr.isatty()
    started = time.perf_counter()
    first_done: list[int] = []

    def pace(done: int, total: int) -> str:
        if not first_done:
            first_done.append(done - 1)
        made = done - first_done[0]
        elapsed = time.perf_counter() - started
        if total < 10 or made < 2 or elapsed <= 0:
            return ""
        rate = made / elapsed
        left = (total - done) / rate
        return f" {rate:.1f}/s, {_duration(left)} left" if done < total else f" {rate:.1f}/s"

    def show(report: OutputReport, done: int, total: int) -> None:
        full = f" (printed in full: {report.note})" if report.note else ""
        speed = pace(done, total)
        if interactive:
            filled = round(30 * done / total)
            bar = "#" * filled + "-" * (30 - filled)
            end = "\n" if done == total else ""
            name = display_path(report.path)[:32]
            click.echo(f"\r[{bar}] {done}/{total}{speed} {name:<32}", err=True, nl=False)
            if full:
                click.echo(f"\n{display_path(report.path)}{full}", err=True)
            click.echo(end, err=True, nl=False)
        else:
            seconds = f" in {report.seconds:.2f} s"
            click.echo(f"[{done}/{total}{speed}] built {display_path(report.path)}{seconds}{full}", err=True)

    return show


def _duration(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest:02d} s" if minutes else f"{rest} s"


def summary_table(result: BuildResult) -> str:
    rows = [
        (
            display_path(report.path),
            str(report.pages),
            f"{report.size / 1000:,.0f} KB",
            f"{report.seconds:.2f} s" if report.status == "built" else "up to date",
        )
        for report in result.outputs
    ]
    width = max([len("file"), *(len(row[0]) for row in rows)])
    lines = [f"{'file':<{width}}  {'pages':>5}  {'size':>8}  {'time':>10}"]
    lines += [f"{path:<{width}}  {pages:>5}  {size:>8}  {seconds:>10}" for path, pages, size, seconds in rows]
    built = len(result.built)
    lines.append(f"{len(rows)} output(s): {built} built, {len(rows) - built} up to date, in {result.seconds:.2f} s")
    return "\n".join(lines)
