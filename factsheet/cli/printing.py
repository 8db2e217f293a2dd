"""`factsheet print` and `factsheet pack`: the handout to a printer through CUPS, or packed for a print shop."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from factsheet.cli.group import SHEET_ARGUMENT, known_languages, main, output_option
from factsheet.cli.report import announce_the_example, reporting
from factsheet.press.layouts import DEFAULT_LAYOUT, LAYOUTS, PAPER_NAMES, LayoutName, PaperName, layout_help

if TYPE_CHECKING:
    from factsheet.printing.job import PrintJob, Sides

NOT_SENT = "nothing was sent to the printer"
LANGUAGE = click.option(
    "--lang",
    "language",
    callback=lambda context, parameter, value: known_languages((value,))[0] if value else None,
    help="Print in this language (the sheet's own, or one it has a translation into).",
)


@main.command("print")
@SHEET_ARGUMENT
@click.option("--layout", type=click.Choice(tuple(LAYOUTS)), default=DEFAULT_LAYOUT, help=layout_help())
@click.option("--paper", type=click.Choice(sorted(PAPER_NAMES)), help="Default: the paper the printer is set to.")
@LANGUAGE
@click.option("--copies", type=click.IntRange(1, 9999), default=1, show_default=True, help="How many copies.")
@click.option("--printer", help="The printer (a CUPS queue) to use; default: the system's default printer.")
@click.option("--mono", is_flag=True, help="Print in black and white, even on a colour printer.")
@click.option("--manual-duplex", is_flag=True, help="On a one-sided printer: the fronts, then you turn the stack.")
@click.option("--yes", is_flag=True, help="With --manual-duplex: do not wait for Enter before the backs.")
@click.option("--draft", is_flag=True, help="Print even if verification fails; every page is marked DRAFT.")
@click.option("--dry-run", is_flag=True, help="Build and show the exact print command and options; send nothing.")
@click.option("--list", "list_printers", is_flag=True, help="List the printers and what each can do.")
@click.option("--test-duplex", is_flag=True, help="Print one sheet that shows which way this printer turns paper.")
@click.option(
    "--remember-flip",
    type=click.Choice(["as-asked", "swapped"]),
    help="Record what the test sheet showed for this printer and the layout's orientation (in printers.yaml).",
)
@output_option("Folder the PDFs are built into.")
@click.pass_context
def print_command(
    context: click.Context,
    sheet: Path | None,
    layout: LayoutName,
    paper: PaperName | None,
    language: str | None,
    copies: int,
    printer: str | None,
    mono: bool,
    manual_duplex: bool,
    yes: bool,
    draft: bool,
    dry_run: bool,
    list_printers: bool,
    test_duplex: bool,
    remember_flip: str | None,
    output_dir: Path,
) -> None:
    """Build a handout and print it through the system's print service (CUPS), with the options its layout
    needs: its paper, actual size, two-sided on the right edge. A sheet that fails `check` is never printed."""
    from factsheet.printing.request import PrintRequest, plan_print, send

    with reporting(context, outcome=NOT_SENT):
        if list_printers:
            _list_printers(sheet)
            return
        if remember_flip is not None:
            _remember(sheet, printer, layout, remember_flip)
            return
        if test_duplex:
            _test_duplex(printer, layout, paper, manual_duplex, dry_run, yes, output_dir)
            return
        announce_the_example(sheet)
        request = PrintRequest(layout, paper, language, copies, printer, mono, draft, manual_duplex, output_dir)
        plan = plan_print(sheet, request, dry_run=dry_run)
        for note in plan.notes:
            click.echo(f"note: {note}", err=True)
        if dry_run:
            _show(plan.jobs)
            click.echo("dry run: nothing was sent")
            return
        ids = send(plan, lambda: _between_passes(plan.sides, copies, yes, layout))
        click.echo(f"sent {plan.pdf} to {plan.jobs[0].printer}: job {', '.join(ids)}")


def _show(jobs: list[PrintJob]) -> None:
    for index, job in enumerate(jobs):
        if len(jobs) > 1:
            click.echo("first pass, the fronts:" if index == 0 else "second pass, the backs:")
        click.echo(job.shell_command())
        for line in job.explained():
            click.echo(f"  {line}")


def _between_passes(sides: Sides, copies: int, yes: bool, layout: LayoutName) -> None:
    from factsheet.printing.manual import turn_instruction

    click.echo(turn_instruction(sides, copies=copies, layout=layout))
    if not yes:
        click.pause("Press Enter when the stack is back in the tray, to print the backs...")


def _list_printers(sheet: Path | None) -> None:
    from factsheet.campaign import resolve_sheet
    from factsheet.printing.cups import printer_names, read_printer

    where = resolve_sheet(sheet)
    names, default = printer_names(where)
    if not names:
        click.echo("the print service runs but has no printer: add one in the system's printer settings")
    for name in names:
        printer = read_printer(name, where)
        sides = "two-sided" if printer.two_sided else "one side only"
        colour = "colour" if printer.colour else "black and white"
        mark = " (default)" if name == default else ""
        loaded = printer.default_media or "?"
        click.echo(f"{name}{mark}: {sides}, {colour}, set to {loaded}; takes {', '.join(printer.media) or '?'}")


def _remember(sheet: Path | None, printer: str | None, layout: LayoutName, flip: str) -> None:
    from factsheet.campaign import Campaign, resolve_sheet
    from factsheet.errors import display_path
    from factsheet.printing.cups import choose_printer
    from factsheet.printing.settings import remember_flip

    sheet_path = resolve_sheet(sheet)
    name = printer or choose_printer(None, sheet_path)
    orientation = "landscape" if LAYOUTS[layout].landscape else "portrait"
    path = remember_flip(Campaign(sheet_path).folder, name, orientation, flip)  # type: ignore[arg-type]
    click.echo(f"recorded in {display_path(path)}: {name} turns {orientation} paper {flip.replace('-', ' ')}")


def _test_duplex(
    printer: str | None,
    layout: LayoutName,
    paper: PaperName | None,
    manual: bool,
    dry_run: bool,
    yes: bool,
    output_dir: Path,
) -> None:
    from factsheet.printing.cups import NoPrintServiceError, Printer, choose_printer, read_printer, submit
    from factsheet.printing.job import loaded_paper
    from factsheet.printing.manual import manual_passes
    from factsheet.printing.testsheet import render_test_sheet, test_job, test_sheet_path
    from factsheet.write import publish_all

    tested = LAYOUTS[layout]
    found: Printer | None = None
    try:
        found = read_printer(choose_printer(printer, output_dir), output_dir)
    except NoPrintServiceError:
        if not dry_run:
            raise
    chosen_paper = paper or (loaded_paper(found.default_media) if found else None) or "letter"
    name = found.name if found else (printer or "your printer")
    one_sided = found is not None and not found.two_sided
    path = test_sheet_path(output_dir, tested, chosen_paper)
    publish_all([(path, render_test_sheet(name, tested.name, chosen_paper, manual=manual or one_sided))])
    job = test_job(path, found.name if found else printer, tested, chosen_paper, colour=False)
    if one_sided and not manual:
        click.echo(f"{name} prints on one side only: the test sheet is printed in two passes (--manual-duplex)")
    jobs = list(manual_passes(job)) if manual or one_sided else [job]
    if dry_run:
        _show(jobs)
        click.echo("dry run: nothing was sent")
        return
    for index, each in enumerate(jobs):
        if index:
            _between_passes(job.sides, 1, yes, tested.name)
        click.echo(f"sent the flip-edge test sheet to {name}: job {submit(each.command(), path)}")
    click.echo("Turn the sheet over like a book's page and read side 2: it says what to record.")


@main.command()
@SHEET_ARGUMENT
@click.option("--layout", type=click.Choice(tuple(LAYOUTS)), default=DEFAULT_LAYOUT, help=layout_help())
@click.option("--paper", type=click.Choice(sorted(PAPER_NAMES)), default="letter", show_default=True)
@LANGUAGE
@click.option("--crop-marks", is_flag=True, help="Crop marks outside the bleed (ask the shop whether it wants them).")
@output_option("Folder the PDFs are built into.")
@click.pass_context
def pack(
    context: click.Context,
    sheet: Path | None,
    layout: LayoutName,
    paper: PaperName,
    language: str | None,
    crop_marks: bool,
    output_dir: Path,
) -> None:
    """Pack a handout for a print shop: the shop PDF, its job ticket, proof PNGs and a checksum list, in a
    folder and a zip under OUTPUT/pack/, every file named with the PDF's version so versions cannot mix."""
    from factsheet.errors import display_path
    from factsheet.printing.pack import pack_for_shop

    announce_the_example(sheet)
    with reporting(context):
        packed = pack_for_shop(sheet, layout, paper, language=language, crop_marks=crop_marks, output_dir=output_dir)
        click.echo(f"packed for the print shop: {display_path(packed.zip)}")
        for path in packed.files:
            click.echo(f"  {display_path(path)}")
