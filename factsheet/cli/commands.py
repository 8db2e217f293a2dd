"""The commands beside `build`: check, quotes, find, preflight, proof, schema and new, each a library call."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import click

from factsheet.cli.group import SHEET_ARGUMENT, main
from factsheet.cli.report import announce_the_example, reporting
from factsheet.errors import FactsheetError, display_path
from factsheet.press.layouts import DEFAULT_LAYOUT, LAYOUTS, PAPER_NAMES, LayoutName, PaperName
from factsheet.reading import read_regular

if TYPE_CHECKING:
    from factsheet.verify.sources import Source


@main.command()
@click.argument("source_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def quotes(context: click.Context, source_file: Path) -> None:
    """List the quoted passages in an archived source, with whom it credits and their line, as YAML to paste."""
    from factsheet.verify.sources import load_source

    with reporting(context):
        echo_quoted_passages(load_source(source_file))


def echo_quoted_passages(source: Source) -> int:
    """Print the quoted passages of a source as YAML to paste into a sheet; returns how many there are."""
    from factsheet.verify.curate import quoted_passages

    passages = quoted_passages(source)
    for passage in passages:
        click.echo(f"# {display_path(source.path)}:{passage.line}: {passage.attribution or 'no attribution found'}")
        click.echo(f"- text: {json.dumps(passage.text, ensure_ascii=False)}")
        click.echo(f"  speaker: {json.dumps(passage.speaker, ensure_ascii=False)}")
        click.echo('  role: ""')
        click.echo(f"  source: {source.id}\n")
    return len(passages)


@main.command()
@click.argument("words")
@SHEET_ARGUMENT
@click.pass_context
def find(context: click.Context, words: str, sheet: Path | None) -> None:
    """Search every source of a campaign for WORDS (ignoring case and typography); print exact passages."""
    from factsheet.campaign import Campaign, resolve_sheet
    from factsheet.verify.curate import find_passages
    from factsheet.verify.sources import load_sources

    announce_the_example(sheet)
    with reporting(context):
        campaign = Campaign(resolve_sheet(sheet))
        sheet_path = campaign.sheet_path
        found = find_passages(load_sources(campaign.sources_folder).values(), words)
        for passage in found:
            click.echo(f"{display_path(passage.source.path)}:{passage.line}: {passage.words}")
            click.echo(f"  …{passage.context}…")
        if not found:
            click.echo(f"no source of {display_path(sheet_path.parent)} contains {words!r}", err=True)
            context.exit(1)


MAX_PDF_BYTES = 100_000_000


@main.command()
@click.argument("pdf", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--paper",
    type=click.Choice(sorted(PAPER_NAMES)),
    help="Check every page has this paper's size (and bleed, for a shop PDF).",
)
@click.option("--layout", type=click.Choice(tuple(LAYOUTS)), default=DEFAULT_LAYOUT, show_default=True)
@click.pass_context
def preflight(context: click.Context, pdf: Path, paper: PaperName | None, layout: LayoutName) -> None:
    """Check a finished PDF as a print shop would: page size, fonts, image resolution, margins, tags."""
    from factsheet.isolation import run_isolated
    from factsheet.press.layouts import PAPERS
    from factsheet.press.preflight import preflight as check_pdf

    with reporting(context):
        size = LAYOUTS[layout].page_points(paper) if paper else None
        bleed = PAPERS[paper].bleed_points if paper else None
        data = read_regular(pdf, MAX_PDF_BYTES)
        shown = Path(display_path(pdf))
        checking = partial(check_pdf, data, shown, page_size=size, bleed=bleed)
        report = run_isolated(checking, origin=shown, task="checking the PDF")
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
    from factsheet.isolation import run_isolated
    from factsheet.press.proof import proof as make_proofs

    with reporting(context):
        data = read_regular(pdf, MAX_PDF_BYTES)
        making = partial(make_proofs, data, output_dir, pdf.stem, dpi=dpi)
        for page in run_isolated(making, origin=Path(display_path(pdf)), task="making the proofs"):
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
    from factsheet.scaffold import new_campaign

    with reporting(context):
        sheet_path = new_campaign(folder)
        click.echo(display_path(sheet_path))
        click.echo(f"next: edit it, then run 'factsheet check {display_path(folder)}'", err=True)
