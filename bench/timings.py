"""What the benchmark times in factsheet itself: a warm variant beside raw WeasyPrint, a merge batch, a cold
one-PDF build beside a raw script, and builds with and without the system's subsetter."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from bench.raw import RAW_SCRIPT, RawPrinter, fitted_scale_of, variant_html
from factsheet.pipeline import BuildRequest, CheckResult, build
from factsheet.press.editions import HOME, Edition
from factsheet.press.layouts import LAYOUTS, PaperName
from factsheet.produce.report import OutputReport
from factsheet.render.copyfit import at_scale
from factsheet.render.html import render_html
from factsheet.sheet.merge import Variant

ROOT = Path(__file__).resolve().parent.parent


def warm_times(checked: CheckResult, variants: Sequence[Variant], edition: Edition) -> tuple[float, float, float]:
    """Median warm times, interleaved: raw WeasyPrint on a variant's HTML, factsheet's batch path for the
    variant (composed into the shared page), and factsheet printing the variant whole."""
    from factsheet.produce.document import render_document

    htmls = [variant_html(checked, variant, edition) for variant in variants[:15]]
    raw_printer = RawPrinter(htmls[0], edition)

    def factsheet(index: int, batch: str | None) -> None:
        chosen = variants[index]
        _, _, note, _, _ = render_document(
            checked,
            action=chosen.action,
            row=chosen.row.values,
            edition=edition,
            isolate=False,
            batch=batch,
            cross_check=False,
        )
        assert batch is None or note == "", note

    raw_printer.print(htmls[0])
    factsheet(0, f"bench-{edition.name}")
    factsheet(0, None)
    raw, composed, whole = [], [], []
    for index in range(15):
        raw.append(timed(lambda index=index: raw_printer.print(htmls[index])))
        composed.append(timed(lambda index=index: factsheet(index, f"bench-{edition.name}")))
        whole.append(timed(lambda index=index: factsheet(index, None)))
    return statistics.median(raw), statistics.median(composed), statistics.median(whole)


class BatchRun:
    """One merge build: its wall time, each output's render time, and how many were printed whole."""

    def __init__(self, seconds: float, reports: list[OutputReport]) -> None:
        self.seconds = seconds
        self.per_output = [report.seconds for report in reports]
        self.whole = sum(1 for report in reports if report.note)

    def describe(self) -> str:
        count = len(self.per_output)
        return f"{count / self.seconds:.1f} PDFs/s; {count - self.whole} composed, {self.whole} printed whole"


def batch(
    sheet: Path,
    rows: Path,
    output: Path,
    *,
    workers: int,
    papers: tuple[PaperName, ...] = ("letter",),
    edition: str | None = None,
) -> BatchRun:
    reports: list[OutputReport] = []
    request = BuildRequest(
        papers=papers,
        merge=rows,
        name="{slug}-{district}",
        jobs=workers,
        force=True,
        edition=edition,  # type: ignore[arg-type]
    )
    seconds = timed(lambda: build(sheet, request, output_dir=output, progress=lambda r, d, t: reports.append(r)))
    return BatchRun(seconds, reports)


def cold_times(checked: CheckResult, sheet: Path, work: Path) -> tuple[float, float]:
    """Median cold one-PDF times, interleaved: a raw WeasyPrint script in a new process, and `factsheet build`."""
    rendered = render_html(checked.located, checked.sources, checked.files, printed=checked.report.printed)
    rendered = at_scale(rendered, fitted_scale_of(checked, rendered))
    spec = work / "raw.json"
    fields = {"html": rendered.html, "stylesheets": rendered.stylesheets, "base_url": rendered.base_url}
    spec.write_text(json.dumps({**fields, "variant": HOME.pdf_variant}), encoding="utf-8")
    script = work / "raw.py"
    script.write_text(RAW_SCRIPT, encoding="utf-8")
    layout = LAYOUTS["onepager"].name
    arguments = ["build", str(sheet), "--layout", layout, "--paper", "letter", "--force", "-o", str(work / "cold")]
    raw, factsheet = [], []
    cli(sys.executable, "-m", "factsheet", *arguments)
    for _ in range(9):
        raw.append(timed(lambda: cli(sys.executable, str(script), str(spec), str(work / "raw.pdf"))))
        factsheet.append(timed(lambda: cli(sys.executable, "-m", "factsheet", *arguments)))
    return statistics.median(raw), statistics.median(factsheet)


def cli(*command: str) -> None:
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT, env=USER_ENVIRONMENT)


USER_ENVIRONMENT = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
USER_ENVIRONMENT["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
"""New processes run as on a user's machine: Python keeps compiled bytecode. Some containers set
PYTHONDONTWRITEBYTECODE, which makes every start recompile factsheet (installed editable) from source while
WeasyPrint's bytecode was compiled at install; that would compare unlike with unlike. They import factsheet
from this checkout (the one the benchmark is in), not from wherever it is installed."""


HIDE_SUBSETTER = ROOT / "tests" / "hide_subsetter.py"


def subsetter_times(sheet: Path, work: Path) -> tuple[float, float]:
    """Median cold one-PDF builds with the system's libharfbuzz-subset loadable and hidden, interleaved."""
    arguments = ["build", str(sheet), "--paper", "letter", "--force", "-o", str(work / "subset")]
    with_library, without = [], []
    for _ in range(5):
        with_library.append(timed(lambda: cli(sys.executable, "-m", "factsheet", *arguments)))
        without.append(timed(lambda: cli(sys.executable, str(HIDE_SUBSETTER), *arguments)))
    return statistics.median(with_library), statistics.median(without)


def median_seconds(action: Callable[[], None], count: int) -> float:
    return statistics.median(timed(action) for _ in range(count))


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started
