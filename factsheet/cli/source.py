"""`factsheet source add`: capture a cited page or report into the campaign's archive."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from factsheet.cli.commands import echo_quoted_passages
from factsheet.cli.group import SHEET_ARGUMENT, main
from factsheet.cli.report import reporting
from factsheet.errors import FactsheetError, Location, display_path


@main.group()
def source() -> None:
    """Archived sources: capture one from a link, a saved web page or a PDF report."""


@source.command()
@click.argument("target")
@SHEET_ARGUMENT
@click.option("--id", "source_id", help="The source's id (file name); default: from its title.")
@click.option("--title", help="The title as the document shows it, where it states none or several.")
@click.option("--author", help="The author(s) as the document shows them ('A; B'), recorded as given by you.")
@click.option("--date", "published", type=click.DateTime(["%Y-%m-%d"]), help="The publication date, YYYY-MM-DD.")
@click.option("--publisher", help="The publisher, as the document shows it.")
@click.option("--min-words", type=click.IntRange(1, 100_000), help="Accept a page with at least this many words.")
@click.option("--replace", is_flag=True, help="Capture an existing source again; the changes are shown.")
@click.pass_context
def add(
    context: click.Context,
    target: str,
    sheet: Path | None,
    source_id: str | None,
    title: str | None,
    author: str | None,
    published: dt.datetime | None,
    publisher: str | None,
    min_words: int | None,
    replace: bool,
) -> None:
    """Archive TARGET (an http(s) address, a saved .html page or a .pdf report) as sources/ID.txt: the
    details the document states and its text, with the page as received kept beside it (ID.warc.gz, or the
    file as given) and fingerprinted in sources.lock. SHEET names the campaign (default: the working folder's)."""
    from factsheet.campaign import Campaign, resolve_sheet, uses_the_example
    from factsheet.capture import capture
    from factsheet.capture.source_file import Given
    from factsheet.verify.sources import load_source

    with reporting(context):
        if uses_the_example(sheet):
            raise FactsheetError.at(
                Location("sheet.yaml"),
                "there is no sheet.yaml here to add a source to",
                "run this inside a campaign folder, or name it: factsheet source add ADDRESS my-campaign/",
            )
        campaign = Campaign(resolve_sheet(sheet)).folder
        given = Given(title, author, published.date() if published else None, publisher)
        captured = capture(target, campaign, source_id=source_id, given=given, replace=replace, min_words=min_words)
        for line in captured.changes:
            click.echo(line, err=True)
        if replace and not captured.changes:
            click.echo("the text is the same as before", err=True)
        added = load_source(captured.source)
        size = f"{len(added.text.split())} words"
        click.echo(f"wrote {display_path(captured.source)} ({size}) and its evidence {display_path(captured.evidence)}")
        click.echo(f"  SHA-256 {captured.sha256} recorded in sources.lock", err=True)
        for name, origin in captured.origins:
            click.echo(f"  {name}: from {origin}", err=True)
        if captured.missing:
            click.echo(
                f"  not stated by the document, left empty: {', '.join(captured.missing)}; fill in only what "
                "the document itself shows",
                err=True,
            )
        for note in captured.notes:
            click.echo(f"  note: {note}", err=True)
        click.echo("quoted passages, as YAML to paste into the sheet:", err=True)
        if not echo_quoted_passages(added):
            click.echo("  none found", err=True)
        click.echo("next: read the text against the page, then cite it and run factsheet check --record", err=True)
