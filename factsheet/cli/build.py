"""`factsheet build`: flags into a BuildRequest, the one build path, and the table of what it wrote."""

from __future__ import annotations

from pathlib import Path

import click

from factsheet.cli.group import SHEET_ARGUMENT, VERBOSE, languages_option, main, output_option
from factsheet.cli.report import announce_the_example, print_problems, progress_printer, reporting, summary_table
from factsheet.press.editions import EditionName
from factsheet.press.layouts import IMPOSITIONS, LAYOUTS, PAPER_NAMES, Imposition, LayoutName, PaperName, layout_help
from factsheet.produce.kinds import beside_help


@main.command()
@SHEET_ARGUMENT
@click.option(
    "--paper",
    "papers",
    type=click.Choice(sorted(PAPER_NAMES)),
    multiple=True,
    help="Paper size, instead of the sheet's declared outputs; repeat for several.",
)
@output_option("Folder to write the PDFs into.")
@click.option(
    "--layout",
    "layouts",
    type=click.Choice(tuple(LAYOUTS)),
    multiple=True,
    help=f"Layout, instead of the sheet's declared ones; repeat for several: {layout_help()}.",
)
@click.option(
    "--imposition",
    type=click.Choice(IMPOSITIONS),
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
    "--also",
    "also",
    metavar="KIND",
    multiple=True,
    help=f"Also write this kind of file beside each PDF; repeat for several: {beside_help()}.",
)
@click.option(
    "--archive",
    is_flag=True,
    help="The archive edition: PDF/A-3b with the sheet and its sources attached (file name -archive).",
)
@languages_option(
    "Print in this language (en, es, zh-Hant, ...: the sheet's own, or one it has a translation into, "
    "translations/<code>.po); repeat for several. Default: the languages each output declares."
)
@click.option("-j", "--jobs", type=click.IntRange(1, 64), help="Parallel workers (default: all cores).")
@click.option("--force", is_flag=True, help="Rebuild even outputs whose inputs have not changed.")
@click.option("--draft", is_flag=True, help="Render even if verification fails; every page is marked DRAFT.")
@VERBOSE
@click.pass_context
def build(
    context: click.Context,
    sheet: Path | None,
    papers: tuple[PaperName, ...],
    output_dir: Path,
    layouts: tuple[LayoutName, ...],
    imposition: Imposition | None,
    build_all: bool,
    merge: Path | None,
    name_pattern: str | None,
    combine: bool,
    print_shop: bool,
    crop_marks: bool,
    job_ticket: bool,
    also: tuple[str, ...],
    archive: bool,
    languages: tuple[str, ...],
    jobs: int | None,
    force: bool,
    draft: bool,
    verbose: bool,
) -> None:
    """Check sheets and render their PDFs; prints a table of the files (path, pages, size, time).

    Without --paper or --layout, every output the sheet declares is built, mail merges included. Outputs
    whose inputs are unchanged since the last build are skipped (see output/.factsheet-manifest.json).
    """
    if (name_pattern or combine) and merge is None:
        raise click.UsageError("--name and --combine go with --merge")
    if print_shop and archive:
        raise click.UsageError("choose one edition: --print-shop or --archive (run build twice for both)")
    if (crop_marks or job_ticket) and not print_shop:
        raise click.UsageError("--crop-marks and --job-ticket go with --print-shop")
    if build_all and merge is not None:
        raise click.UsageError("--merge builds one sheet; leave out --all")
    edition: EditionName | None = "shop" if print_shop else "archive" if archive else None
    from factsheet.batch.pool import warm_worker

    with warm_worker():
        from factsheet.pipeline import BuildRequest
        from factsheet.pipeline import build as build_sheet
        from factsheet.pipeline import build_all as build_every_sheet

        request = BuildRequest(
            papers=papers,
            layouts=tuple(dict.fromkeys(layouts)),
            edition=edition,
            crop_marks=crop_marks,
            also=tuple(dict.fromkeys([*also, *(["ticket"] if job_ticket else [])])),
            imposition=imposition,
            merge=merge,
            name=name_pattern,
            combine=combine,
            draft=draft,
            force=force,
            jobs=jobs,
            languages=languages,
        )
        if not build_all:
            announce_the_example(sheet)
        with reporting(context):
            if build_all:
                result = build_every_sheet(
                    sheet or Path("seeds"), request, output_dir=output_dir, progress=progress_printer()
                )
            else:
                result = build_sheet(sheet, request, output_dir=output_dir, progress=progress_printer())
            print_problems(result.warnings, verbose=verbose)
            click.echo(summary_table(result))
