"""The `factsheet` command: a thin click layer over the library API in `factsheet.pipeline`.

Only this module knows about click and exit codes: 0 when all is well, 1 when the input has problems,
2 for a mistake in the command itself (click's usage errors). Each command imports what it needs when it
runs, so `factsheet --help` answers without loading pydantic, Jinja2 or WeasyPrint.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from factsheet import __version__
from factsheet.errors import FactsheetError, Problem, display_path
from factsheet.press.layouts import LAYOUTS, PAPERS

if TYPE_CHECKING:
    from factsheet.batch.plan import BatchResult, OutputReport

SHEET_ARGUMENT = click.argument("sheet", required=False, type=click.Path(path_type=Path))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="factsheet")
@click.option("--debug", is_flag=True, help="Show a Python traceback for input problems too.")
@click.pass_context
def main(context: click.Context, debug: bool) -> None:
    """Verified, print-ready campaign handouts from a YAML sheet and its archived sources.

    SHEET is a sheet YAML file or a campaign folder holding sheet.yaml; without it, the built-in
    #BantheScan example is used.
    """
    context.obj = {"debug": debug}


@main.command()
@SHEET_ARGUMENT
@click.option(
    "--paper",
    "papers",
    type=click.Choice(sorted(PAPERS)),
    multiple=True,
    help="Paper size, instead of the sheet's declared outputs; repeat for several.",
)
@click.option(
    "-o",
    "--output",
    "output_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Folder to write the PDFs into.",
)
@click.option(
    "--layout",
    type=click.Choice(sorted(LAYOUTS)),
    help="Layout, instead of the sheet's declared ones: onepager, twosided (front and back), poster, halfpage, "
    "trifold (letter-fold brochure) or card (ten wallet cards a sheet).",
)
@click.option(
    "--imposition",
    type=click.Choice(["2up"]),
    help="With --layout halfpage: two flyers side by side on one Letter/A4 sheet, with a cut line.",
)
@click.option(
    "--all",
    "build_all",
    is_flag=True,
    help="Build every declared output of every campaign in SHEET (a folder, default seeds/).",
)
@click.option("--merge", type=click.Path(dir_okay=False, path_type=Path), help="A CSV file: one PDF per row.")
@click.option("--name", "name_pattern", help="Output name pattern for --merge, e.g. '{slug}-{district}'.")
@click.option("--combine", is_flag=True, help="With --merge, also write one PDF with every variant in row order.")
@click.option(
    "--print-shop",
    is_flag=True,
    help="The print-shop edition: CMYK with a CMYK output intent, bleed, TrimBox/BleedBox, PDF/X-4 (file name -shop).",
)
@click.option("--crop-marks", is_flag=True, help="With --print-shop: crop marks outside the bleed.")
@click.option("--job-ticket", is_flag=True, help="With --print-shop: also a one-page job ticket for the shop.")
@click.option(
    "--archive",
    is_flag=True,
    help="The archive edition: PDF/A-3b with the sheet and its sources attached (file name -archive).",
)
@click.option("-j", "--jobs", type=click.IntRange(1, 64), help="Parallel workers (default: all cores).")
@click.option("--force", is_flag=True, help="Rebuild even outputs whose inputs have not changed.")
@click.option("--draft", is_flag=True, help="Render even if verification fails; every page is marked DRAFT.")
@click.pass_context
def build(
    context: click.Context,
    sheet: Path | None,
    papers: tuple[str, ...],
    output_dir: Path,
    layout: str | None,
    imposition: str | None,
    build_all: bool,
    merge: Path | None,
    name_pattern: str | None,
    combine: bool,
    print_shop: bool,
    crop_marks: bool,
    job_ticket: bool,
    archive: bool,
    jobs: int | None,
    force: bool,
    draft: bool,
) -> None:
    """Check sheets and render their PDFs; prints a table of the files (path, pages, size, time).

    Outputs whose inputs are unchanged since the last build are skipped (see output/.factsheet-manifest.json).
    """
    from factsheet.batch.plan import Request, build_batch, find_sheets
    from factsheet.pipeline import resolve_sheet

    with _reporting(context):
        if (name_pattern or combine) and merge is None:
            raise click.UsageError("--name and --combine go with --merge")
        if print_shop and archive:
            raise click.UsageError("choose one edition: --print-shop or --archive (run build twice for both)")
        if (crop_marks or job_ticket) and not print_shop:
            raise click.UsageError("--crop-marks and --job-ticket go with --print-shop")
        edition = "shop" if print_shop else "archive" if archive else None
        chosen = Request(
            Path(),
            layout=layout,
            imposition=imposition,
            edition=edition,
            crop_marks=crop_marks,
            job_ticket=job_ticket,
        )
        if build_all:
            if merge is not None:
                raise click.UsageError("--merge builds one sheet; leave out --all")
            sheets = find_sheets(sheet or Path("seeds"))
            requests = [
                dataclasses.replace(chosen, sheet=path, papers=papers or None, include_declared_merges=True)
                for path in sheets
            ]
        else:
            requests = [
                dataclasses.replace(
                    chosen,
                    sheet=resolve_sheet(sheet),
                    papers=papers or None,
                    merge=merge,
                    name=name_pattern,
                    combine=combine,
                )
            ]
        result = build_batch(requests, output_dir, workers=jobs, draft=draft, force=force, progress=_progress_printer())
        for report in result.reports.values():
            _print_problems(problem for problem in report.problems if problem.severity == "warning")
        click.echo(_summary_table(result))


def _progress_printer() -> Callable[[OutputReport, int, int], None]:
    """A one-line progress bar on a terminal; plain lines when stderr is a file or CI log."""
    interactive = sys.stderr.isatty()

    def show(report: OutputReport, done: int, total: int) -> None:
        if interactive:
            filled = round(30 * done / total)
            bar = "#" * filled + "-" * (30 - filled)
            end = "\n" if done == total else ""
            click.echo(f"\r[{bar}] {done}/{total} {display_path(report.path)[:40]:<40}", err=True, nl=False)
            click.echo(end, err=True, nl=False)
        else:
            click.echo(f"[{done}/{total}] built {display_path(report.path)} in {report.seconds:.2f} s", err=True)

    return show


def _summary_table(result: BatchResult) -> str:
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


@main.command()
@SHEET_ARGUMENT
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json prints a machine-readable report for CI.",
)
@click.option(
    "--record",
    is_flag=True,
    help="If everything checks out, record the sources' fingerprints in sources.lock (after reviewing them).",
)
@click.pass_context
def check(context: click.Context, sheet: Path | None, output_format: str, record: bool) -> None:
    """Validate a sheet and check every quote, excerpt and number against its sources."""
    from factsheet.pipeline import check as check_sheet
    from factsheet.pipeline import record as record_sources

    with _reporting(context, output_format=output_format):
        if record:
            click.echo(f"recorded {display_path(record_sources(sheet))}", err=True)
        result = check_sheet(sheet)
        report = result.report
        if output_format == "json":
            click.echo(json.dumps(_json_report(report.problems, ok=report.ok, summary=report.summary()), indent=2))
        else:
            _print_problems(report.problems)
            click.echo(f"{display_path(result.sheet_path)}: {report.summary()}")
        if not report.ok:
            context.exit(1)


@contextmanager
def _reporting(context: click.Context, output_format: str = "text") -> Iterator[None]:
    """Turn FactsheetError into its problems on stderr (or a JSON report) and exit code 1."""
    try:
        yield
    except FactsheetError as error:
        if context.obj["debug"]:
            raise
        if output_format == "json":
            click.echo(json.dumps(_json_report(error.problems, ok=False, summary=_count(error.problems)), indent=2))
        else:
            _print_problems(error.problems)
            click.echo(_count(error.problems), err=True)
        context.exit(1)


@main.command()
@click.argument("source_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def quotes(context: click.Context, source_file: Path) -> None:
    """List the quoted passages in an archived source, with whom it credits and their line, as YAML to paste."""
    from factsheet.verify.curate import quoted_passages
    from factsheet.verify.sources import load_source

    with _reporting(context):
        source = load_source(source_file)
        for passage in quoted_passages(source):
            click.echo(f"# {display_path(source.path)}:{passage.line}: {passage.attribution or 'no attribution found'}")
            click.echo(f"- text: {json.dumps(passage.text, ensure_ascii=False)}")
            click.echo(f"  speaker: {json.dumps(passage.speaker, ensure_ascii=False)}")
            click.echo('  role: ""')
            click.echo(f"  source: {source.id}\n")


@main.command()
@click.argument("words")
@SHEET_ARGUMENT
@click.pass_context
def find(context: click.Context, words: str, sheet: Path | None) -> None:
    """Search every source of a campaign for WORDS (ignoring case and typography); print exact passages."""
    from factsheet.verify.curate import find_passages
    from factsheet.pipeline import SOURCES_FOLDER, resolve_sheet
    from factsheet.verify.sources import load_sources

    with _reporting(context):
        sheet_path = resolve_sheet(sheet)
        found = find_passages(load_sources(sheet_path.parent / SOURCES_FOLDER).values(), words)
        for passage in found:
            click.echo(f"{display_path(passage.source.path)}:{passage.line}: {passage.words}")
            click.echo(f"  …{passage.context}…")
        if not found:
            click.echo(f"no source of {display_path(sheet_path.parent)} contains {words!r}", err=True)
            context.exit(1)


@main.command()
@click.argument("pdf", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--paper",
    type=click.Choice(sorted(PAPERS)),
    help="Check every page has this paper's size (and bleed, for a shop PDF).",
)
@click.option("--layout", type=click.Choice(sorted(LAYOUTS)), default="onepager", show_default=True)
@click.pass_context
def preflight(context: click.Context, pdf: Path, paper: str | None, layout: str) -> None:
    """Check a finished PDF as a print shop would: page size, fonts, image resolution, margins, tags."""
    from factsheet.press.layouts import bleed_points, sheet_points
    from factsheet.press.preflight import preflight as check_pdf

    with _reporting(context):
        size = sheet_points(layout, paper) if paper else None
        bleed = bleed_points(paper) if paper else None
        report = check_pdf(pdf.read_bytes(), Path(display_path(pdf)), page_size=size, bleed=bleed)
        if not report.ok:
            raise FactsheetError(report.problems)
        click.echo(f"{display_path(pdf)}: {report.pages} page(s), all checks passed: {', '.join(report.checked)}.")


@main.command()
@click.argument("pdf", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    "output_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("proofs"),
    show_default=True,
    help="Folder for the PNG proofs.",
)
@click.option("--dpi", type=click.IntRange(36, 300), default=100, show_default=True, help="Resolution of the PNGs.")
@click.pass_context
def proof(context: click.Context, pdf: Path, output_dir: Path, dpi: int) -> None:
    """Write PNG proofs of a PDF: each page with trim, bleed and safe-zone lines, and a grayscale preview."""
    from factsheet.press.proof import proof as make_proofs

    with _reporting(context):
        for page in make_proofs(pdf.read_bytes(), output_dir, pdf.stem, dpi=dpi):
            click.echo(display_path(page.colour))
            click.echo(display_path(page.grayscale))


@main.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to a file.")
def schema(output: Path | None) -> None:
    """Print the JSON Schema of the sheet format, for editor autocompletion."""
    from factsheet.sheet.model import sheet_schema
    from factsheet.write import write_atomic

    text = json.dumps(sheet_schema(), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomic(output, text.encode("utf-8"))
        click.echo(display_path(output))


@main.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.pass_context
def new(context: click.Context, folder: Path) -> None:
    """Create a starter campaign in FOLDER: a commented sheet.yaml and a sources/ folder, all placeholders."""
    from factsheet.sheet.scaffold import new_campaign

    with _reporting(context):
        sheet_path = new_campaign(folder)
        click.echo(display_path(sheet_path))
        click.echo(f"next: edit it, then run 'factsheet check {display_path(folder)}'", err=True)


def _print_problems(problems: Iterable[Problem]) -> None:
    for problem in problems:
        click.echo(problem.format(), err=True)


def _count(problems: tuple[Problem, ...]) -> str:
    errors = sum(problem.severity == "error" for problem in problems)
    return f"{errors} problem(s) found; nothing was written."


def _json_report(problems: Iterable[Problem], *, ok: bool, summary: str) -> dict[str, object]:
    return {"ok": ok, "summary": summary, "problems": [problem.as_dict() for problem in problems]}


if __name__ == "__main__":
    sys.exit(main())
