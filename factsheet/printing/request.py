"""`factsheet print` as a library call: build the handout, match it to the printer, and send it.

`plan_print` builds through the one build path (the gate refuses a misquote before anything reaches a
printer), reads what the printer can do, and refuses in plain words what would come out wrong: paper the
printer lacks, or has loaded in the other size; a two-sided layout on a one-sided printer (unless the volunteer
asks for manual duplex). `send` hands the planned jobs to CUPS.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from factsheet.errors import FactsheetError, Location
from factsheet.press.layouts import DEFAULT_LAYOUT, LAYOUTS, LayoutName, PaperName
from factsheet.printing.cups import NoPrintServiceError, Printer, choose_printer, read_printer, submit
from factsheet.printing.job import (
    MEDIA_NAMES,
    PrintJob,
    Sides,
    layout_sides,
    loaded_paper,
    printed_sheet,
    swapped_sides,
)
from factsheet.printing.manual import manual_passes
from factsheet.printing.settings import Orientation, printer_flip


@dataclass(frozen=True)
class PrintRequest:
    """What to print, how many, on which printer; None lets factsheet choose (the default printer, and the
    paper that printer has loaded)."""

    layout: LayoutName = DEFAULT_LAYOUT
    paper: PaperName | None = None
    language: str | None = None
    copies: int = 1
    printer: str | None = None
    monochrome: bool = False
    draft: bool = False
    manual_duplex: bool = False
    output_dir: Path = Path("output")


@dataclass
class PrintPlan:
    """The built PDF and the job(s) that print it (two, fronts then backs, for manual duplex), with notes."""

    pdf: Path
    jobs: list[PrintJob]
    sides: Sides
    """How the sheet turns: the layout's flip edge, or the other one for a printer recorded as swapping them."""
    notes: list[str] = field(default_factory=list)
    printer: Printer | None = None


def plan_print(sheet: Path | None, request: PrintRequest, *, dry_run: bool = False) -> PrintPlan:
    """Build the handout and plan its jobs. A dry run without a print service still plans, for the default
    printer, and says so."""
    from factsheet.campaign import Campaign, resolve_sheet
    from factsheet.pipeline import build

    sheet_path = resolve_sheet(sheet)
    layout = LAYOUTS[request.layout]
    imposed = layout.imposable
    printer: Printer | None = None
    notes: list[str] = []
    try:
        printer = read_printer(choose_printer(request.printer, sheet_path), sheet_path)
    except NoPrintServiceError as missing:
        if not dry_run:
            paper = request.paper or "letter"
            pdf = _build(build, sheet_path, request, paper, imposed)
            raise _with_viewer_settings(missing, pdf, request.layout, paper, imposed) from None
        notes.append(f"no print service to ask ({missing.problems[0].message}): planned for the default printer")
    paper = request.paper or (loaded_paper(printer.default_media) if printer else None) or "letter"
    pdf = _build(build, sheet_path, request, paper, imposed)
    media = MEDIA_NAMES[printed_sheet(layout, paper, imposed=imposed).name]
    sides = layout_sides(layout, imposed=imposed)
    if printer is not None and sides != "one-sided":
        orientation: Orientation = "landscape" if layout.landscape else "portrait"
        if printer_flip(Campaign(sheet_path).folder, printer.name, orientation) == "swapped":
            sides = swapped_sides(sides)
            notes.append(f"asking {printer.name} for the other edge: the campaign recorded that it swaps them")
    colour = not request.monochrome and (printer is None or printer.colour)
    if printer is not None and not printer.colour and not request.monochrome:
        notes.append(f"{printer.name} prints in black and white: the handout's colours come out as greys")
    job = PrintJob(pdf, pdf.name, media, sides, colour, request.copies, printer.name if printer else request.printer)
    if printer is not None:
        _refuse_what_comes_out_wrong(printer, job, request, pdf)
    needs_two_passes = request.manual_duplex and sides != "one-sided"
    jobs = list(manual_passes(job)) if needs_two_passes else [job]
    return PrintPlan(pdf, jobs, sides, notes, printer)


def send(plan: PrintPlan, between_passes: Callable[[], None]) -> list[str]:
    """Send the plan's jobs; `between_passes` runs after the fronts of a manual duplex (to show the turn and
    wait for the volunteer). The print service's job ids."""
    ids = []
    for index, job in enumerate(plan.jobs):
        if index:
            between_passes()
        ids.append(submit(job.command(), plan.pdf))
    return ids


def _build(build: Callable[..., object], sheet: Path, request: PrintRequest, paper: PaperName, imposed: bool) -> Path:
    result = build(
        sheet,
        layouts=(request.layout,),
        papers=(paper,),
        languages=(request.language,) if request.language else (),
        draft=request.draft,
        imposition="2up" if imposed else None,
        output_dir=request.output_dir,
    )
    return result.paths[0]  # type: ignore[attr-defined, no-any-return]


def _refuse_what_comes_out_wrong(printer: Printer, job: PrintJob, request: PrintRequest, pdf: Path) -> None:
    where = Location.of(pdf)
    takes = ", ".join(printer.media) or "no paper sizes it reports"
    if printer.media and job.media not in printer.media:
        raise FactsheetError.at(
            where,
            f"the printer '{printer.name}' has no {job.media} paper, which the {request.layout} layout prints on "
            f"(it takes: {takes})",
            "print another layout or paper size on it, or take the print-shop pack to a shop: "
            f"factsheet pack --layout {request.layout}",
        )
    loaded = printer.default_media
    family = loaded_paper(loaded)
    if family is not None and loaded_paper(job.media) is not None and loaded != job.media:
        raise FactsheetError.at(
            where,
            f"the printer '{printer.name}' is set to {loaded} paper, and this handout is {job.media}: the printer "
            "would crop or shrink it",
            f"print the {loaded} version (--paper {family}), or load {job.media} paper and set the "
            f"printer to it: lpoptions -p {printer.name} -o PageSize={job.media}",
        )
    if job.sides != "one-sided" and not printer.two_sided and not request.manual_duplex:
        raise FactsheetError.at(
            where,
            f"the printer '{printer.name}' prints on one side only, and the {request.layout} layout has a front and "
            "a back",
            "print it in two passes: add --manual-duplex (factsheet prints the fronts, shows how to turn the "
            "stack, then prints the backs)",
        )


def _with_viewer_settings(
    missing: NoPrintServiceError, pdf: Path, layout: LayoutName, paper: PaperName, imposed: bool
) -> NoPrintServiceError:
    """The print service's absence, with the PDF that is ready and how to print it from any viewer."""
    from factsheet.errors import display_path
    from factsheet.printing.job import viewer_settings

    problem = missing.problems[0]
    settings = viewer_settings(LAYOUTS[layout], paper, imposed=imposed)
    details = (f"the PDF is ready: {display_path(pdf)}; print it from any PDF viewer with", *settings)
    return NoPrintServiceError.at(Location.of(pdf), problem.message, problem.hint, details)
