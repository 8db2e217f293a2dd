"""`factsheet preview`: serve the live preview on 127.0.0.1 until Ctrl-C."""

from __future__ import annotations

import signal
from pathlib import Path
from types import FrameType

import click

from factsheet.cli.group import SHEET_ARGUMENT, known_languages, main
from factsheet.cli.report import announce_the_example, reporting
from factsheet.press.editions import EDITION_NAMES, EditionName
from factsheet.press.layouts import LAYOUTS, PAPER_NAMES, LayoutName, PaperName, layout_help


@main.command()
@SHEET_ARGUMENT
@click.option("--layout", type=click.Choice(tuple(LAYOUTS)), help=f"Layout to show first: {layout_help()}.")
@click.option("--paper", type=click.Choice(sorted(PAPER_NAMES)), help="Paper to show first.")
@click.option("--edition", type=click.Choice(EDITION_NAMES), default="home", show_default=True, help="Edition.")
@click.option(
    "--lang",
    "language",
    callback=lambda context, parameter, value: known_languages((value,))[0] if value else None,
    help="Show a translation (a code the sheet has translations/<code>.po for).",
)
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="0 picks a free port.")
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in the web browser.")
@click.pass_context
def preview(
    context: click.Context,
    sheet: Path | None,
    layout: LayoutName | None,
    paper: PaperName | None,
    edition: EditionName,
    language: str | None,
    port: int,
    open_browser: bool,
) -> None:
    """Show the handout and every verdict in the web browser, rebuilt whenever the sheet, a source, a
    template, a theme, a font, a logo or a translation changes. Stop it with Ctrl-C."""
    from factsheet.campaign import resolve_sheet
    from factsheet.preview.server import PreviewServer
    from factsheet.preview.session import PreviewSession, first_output
    from factsheet.preview.snapshot import Settings

    announce_the_example(sheet)
    with reporting(context):
        sheet_path = resolve_sheet(sheet)
        declared_layout, declared_paper = first_output(sheet_path)
        settings = Settings(layout or declared_layout, paper or declared_paper, edition, language)
        session = PreviewSession(sheet_path, settings)
        try:
            server = PreviewServer(session, port)
        except OSError as error:
            session.stop()
            raise click.ClickException(
                f"cannot listen on 127.0.0.1:{port} ({error.strerror}); another program (or another preview) "
                "uses it: choose another with --port, or --port 0 for any free one"
            ) from None
    session.start()
    click.echo(f"preview of {session.shown_sheet} at {server.url}")
    click.echo("it rebuilds when you save; Ctrl-C stops it", err=True)
    if open_browser:
        import webbrowser

        webbrowser.open(server.url)

    def interrupt(signal_number: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.closing.set()
        server.server_close()
        session.stop()
    click.echo("preview stopped", err=True)
