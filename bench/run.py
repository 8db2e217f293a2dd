"""factsheet benchmark: the speed targets, each measured beside raw WeasyPrint on the same HTML in the same run.

    .venv/bin/python bench/run.py            # everything, including the 1,000-output batch (~4 minutes)
    .venv/bin/python bench/run.py --quick    # without the 1,000-output batch

Absolute times drift ±20% between runs on a shared machine, so every factsheet figure has a raw-WeasyPrint
figure beside it, measured in the same run and interleaved with it where the two can alternate; compare the
ratios. The machine's load before and after is printed with the results. The input is the example campaign,
with merge rows generated as labelled example data.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factsheet.pipeline import BuildRequest, CheckResult, build, check  # noqa: E402
from factsheet.press.editions import HOME, SHOP, Edition  # noqa: E402
from factsheet.press.layouts import LAYOUTS, PaperName  # noqa: E402
from factsheet.produce.document import sheet_html, variant_scale  # noqa: E402
from factsheet.produce.report import OutputReport  # noqa: E402
from factsheet.render.copyfit import at_scale  # noqa: E402
from factsheet.render.html import RenderedHtml, render_html  # noqa: E402
from factsheet.render.pdf import find_scale  # noqa: E402
from factsheet.resources import EXAMPLE_SHEET, TEMPLATES_DIR  # noqa: E402
from factsheet.sheet.merge import Variant, merge_variants  # noqa: E402

HEADER = "district,name,phone,event_date,event_place,url\n"
RAW_SCRIPT = """
import json, sys
import weasyprint
from weasyprint.text.fonts import FontConfiguration
spec = json.load(open(sys.argv[1]))
fonts = FontConfiguration()
css = [weasyprint.CSS(string=t, base_url=spec["base_url"], font_config=fonts) for t in spec["stylesheets"]]
html = weasyprint.HTML(string=spec["html"], base_url=spec["base_url"])
html.write_pdf(sys.argv[2], stylesheets=css, font_config=fonts, pdf_tags=True, pdf_variant=spec["variant"])
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="skip the 1,000-output batch")
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="factsheet-bench-"))
    try:
        run(work, quick=options.quick)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(work: Path, *, quick: bool) -> None:
    load_before = os.getloadavg()
    campaign = work / "campaign"
    shutil.copytree(EXAMPLE_SHEET.parent, campaign, ignore=shutil.ignore_patterns("output"))
    rows_100 = write_rows(campaign / "rows-100.csv", 100)
    rows_500 = write_rows(campaign / "rows-500.csv", 500)
    sheet = campaign / "sheet.yaml"
    checked = check(sheet)
    variants = merge_variants(checked.located, rows_100, "{slug}-{district}", checked.located.yaml.locate(()))
    results: list[tuple[str, str, str]] = []
    verdicts: list[tuple[str, bool, str]] = []

    raw, composed, whole = warm_times(checked, variants, HOME)
    results.append(("raw WeasyPrint, one variant's HTML, warm", ms(raw), "median of 15, interleaved"))
    results.append(("factsheet variant, composed (batch path)", ms(composed), f"{composed / raw:.2f}x raw"))
    results.append(("factsheet variant, printed whole", ms(whole), f"{whole / raw:.2f}x raw"))
    verdicts.append(("warm variant <= 1.15x raw WeasyPrint", composed <= 1.15 * raw, f"{composed / raw:.2f}x"))

    shop_raw, shop_composed, _ = warm_times(checked, variants, SHOP)
    results.append(("raw WeasyPrint, shop variant's HTML, warm", ms(shop_raw), "median of 15, interleaved"))
    results.append(("factsheet shop variant, composed", ms(shop_composed), f"{shop_composed / shop_raw:.2f}x raw"))

    raw_rate = raw_batch_rate(checked, variants, workers=2)
    serial = batch(sheet, rows_100, work / "serial", workers=1)
    parallel = batch(sheet, rows_100, work / "parallel", workers=2)
    raw_rate = statistics.median([raw_rate, raw_batch_rate(checked, variants, workers=2)])
    results.append(
        ("raw WeasyPrint, 100 variants' HTML, 2 processes", f"{100 / raw_rate:.1f} s", f"{raw_rate:.1f} PDFs/s")
    )
    results.append(("100 merge rows, 1 worker", f"{serial.seconds:.1f} s", serial.describe()))
    results.append(("100 merge rows, 2 workers", f"{parallel.seconds:.1f} s", parallel.describe()))
    shop = batch(sheet, rows_100, work / "shop", workers=2, edition="shop")
    results.append(("100 merge rows, shop edition, 2 workers", f"{shop.seconds:.1f} s", shop.describe()))
    per_shop = statistics.median(shop.per_output)
    results.append(("shop variant in a batch, per output", ms(per_shop), "median of 100, worker time"))
    verdicts.append(("shop variant in a batch < 400 ms", per_shop < 0.4, ms(per_shop)))
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    results.append(("peak memory of a worker", f"{peak:.0f} MB", "max RSS of any worker process"))
    verdicts.append(("peak memory per worker < 300 MB", peak < 300, f"{peak:.0f} MB"))

    raw_cold, cold = cold_times(checked, sheet, work)
    results.append(
        ("raw WeasyPrint script, one PDF, cold", f"{raw_cold:.2f} s", "new process, median of 9, interleaved")
    )
    results.append(
        ("factsheet build, one PDF, cold", f"{cold:.2f} s", f"{cold / raw_cold:.2f}x raw (checks the sheet too)")
    )
    verdicts.append(
        ("cold one-PDF build <= 1.2x a raw WeasyPrint script", cold <= 1.2 * raw_cold, f"{cold / raw_cold:.2f}x")
    )

    python = [sys.executable, "-m", "factsheet"]
    arguments = ["build", str(sheet), "--merge", str(rows_100), "--name", "{slug}-{district}"]
    noop = median_seconds(lambda: cli(*python, *arguments, "-o", str(work / "parallel")), 5)
    results.append(("no-op rebuild, 100 up-to-date outputs (CLI)", f"{noop:.2f} s", "cold process, median of 5"))
    verdicts.append(("no-op rebuild of 100 outputs < 1 s", noop < 1.0, f"{noop:.2f} s"))
    cold_check = median_seconds(lambda: cli(*python, "check", str(sheet)), 5)
    results.append(("cold CLI check of the example", f"{cold_check:.2f} s", "median of 5"))
    cold_help = median_seconds(lambda: cli(*python, "--help"), 5)
    results.append(("cold CLI --help", f"{cold_help:.2f} s", "median of 5"))
    verdicts.append(("cold --help < 0.3 s", cold_help < 0.3, f"{cold_help:.2f} s"))
    raw_sheet, shown = preview_times(checked, campaign, work)
    results.append(("raw WeasyPrint, the example sheet's HTML, warm", ms(raw_sheet), "median of 7, interleaved"))
    results.append(("preview: a quote saved until its new page shows", ms(shown), f"{shown / raw_sheet:.2f}x raw"))
    verdicts.append(("preview shows a changed quote < 2 s", shown < 2.0, ms(shown)))
    with_library, without_library = subsetter_times(sheet, work)
    ratio = without_library / with_library
    results.append(("one-PDF CLI build, system libharfbuzz-subset", f"{with_library:.2f} s", "median of 5"))
    results.append(("one-PDF CLI build, libharfbuzz-subset hidden", f"{without_library:.2f} s", f"{ratio:.2f}x"))
    verdicts.append(("without libharfbuzz-subset0 <= 1.5x with it", ratio <= 1.5, f"{ratio:.2f}x"))

    if not quick:
        big = batch(sheet, rows_500, work / "big", workers=2, papers=("letter", "a4"))
        raw_big = raw_batch_rate(checked, variants, workers=2, papers=("letter", "a4"))
        results.append(("1,000 outputs (500 rows x 2 papers), 2 workers", f"{big.seconds:.1f} s", big.describe()))
        results.append(
            ("raw WeasyPrint at its rate on 200 of them", f"{1000 / raw_big:.1f} s", f"{raw_big:.1f} PDFs/s, x5")
        )
        verdicts.append(("1,000 variants on 2 cores < 40 s", big.seconds < 40, f"{big.seconds:.1f} s"))

    print(machine())
    load_after = os.getloadavg()
    print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f} (1 minute)")
    print()
    width = max(len(name) for name, _, _ in results)
    for name, value, note in results:
        print(f"{name:<{width}}  {value:>9}  {note}")
    print()
    print("targets")
    for name, ok, value in verdicts:
        print(f"  [{'met' if ok else 'MISSED'}] {name}: {value}")


def write_rows(path: Path, count: int) -> Path:
    """Merge rows as labelled example data: invented districts and names, 555-01xx fictional numbers."""
    lines = [
        f"EXAMPLE District {n},Example Member {n} (EXAMPLE DATA),212-555-01{n % 100:02d},"
        f"EXAMPLE date,EXAMPLE venue,https://example.org/district-{n}\n"
        for n in range(1, count + 1)
    ]
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path


def variant_html(checked: CheckResult, variant: Variant, edition: Edition, paper: PaperName = "letter") -> RenderedHtml:
    """A merge variant's HTML at the type size factsheet prints variants at."""
    layout, row = LAYOUTS["onepager"], variant.row.values
    rendered = sheet_html(checked, layout=layout, paper=paper, edition=edition, action=variant.action, row=row)
    scale = variant_scale(checked, layout=layout, paper=paper, edition=edition, draft=False, language=None, row=row)
    return at_scale(rendered, scale)


def fitted_scale_of(checked: CheckResult, rendered: RenderedHtml) -> float:
    """The type factor copyfitting gives this HTML as a one-page handout, so raw WeasyPrint prints what
    factsheet prints."""
    roots = (TEMPLATES_DIR, checked.campaign.folder)
    layout = LAYOUTS["onepager"]
    return find_scale(rendered, type_scale=layout.type_scale, allowed_roots=roots, origin=checked.sheet_path)


class RawPrinter:
    """WeasyPrint alone, as a script would call it: stylesheets parsed once, the same PDF flavour as factsheet."""

    def __init__(self, rendered: RenderedHtml, edition: Edition) -> None:
        import weasyprint
        from weasyprint.text.fonts import FontConfiguration

        self.fonts = FontConfiguration()
        self.profiles: dict[str, Any] = {}
        self.stylesheets = [
            weasyprint.CSS(string=css, base_url=rendered.base_url, font_config=self.fonts, color_profiles=self.profiles)
            for css in rendered.stylesheets
        ]
        self.edition = edition

    def print(self, rendered: RenderedHtml) -> bytes:
        import weasyprint

        html = weasyprint.HTML(string=rendered.html, base_url=rendered.base_url)
        document = html.render(
            stylesheets=self.stylesheets,
            font_config=self.fonts,
            color_profiles=self.profiles,
            pdf_tags=True,
            pdf_variant=self.edition.pdf_variant,
        )
        pdf = document.write_pdf(pdf_tags=True, pdf_variant=self.edition.pdf_variant)
        assert isinstance(pdf, bytes)
        return pdf


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


def raw_batch_rate(
    checked: CheckResult, variants: Sequence[Variant], *, workers: int, papers: Sequence[PaperName] = ("letter",)
) -> float:
    """PDFs per second of raw WeasyPrint on 100 variants' HTML per paper, split over `workers` forked processes
    (WeasyPrint imported and stylesheets parsed before the fork, which only helps the raw side)."""
    htmls = [variant_html(checked, variant, HOME, paper) for paper in papers for variant in variants[:100]]
    printers = {paper: RawPrinter(variant_html(checked, variants[0], HOME, paper), HOME) for paper in papers}
    count = len(htmls)
    started = time.perf_counter()
    context = multiprocessing.get_context("fork")
    processes = [
        context.Process(target=_raw_share, args=(htmls[share::workers], printers, papers)) for share in range(workers)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    return count / (time.perf_counter() - started)


def _raw_share(htmls: Sequence[RenderedHtml], printers: dict[str, RawPrinter], papers: Sequence[str]) -> None:
    for rendered in htmls:
        paper = next(paper for paper in papers if f"paper-{paper}" in rendered.html)
        printers[paper].print(rendered)
    os._exit(0)


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


def preview_times(checked: CheckResult, campaign: Path, work: Path) -> tuple[float, float]:
    """Median times, interleaved: raw WeasyPrint printing the example's one-pager warm, and `factsheet
    preview` (its own process, as a user starts it) from saving an edit to one quote until the page picture of
    the new build has been fetched, as the page does. The edit toggles a label on a quote's role line."""
    import http.client
    import urllib.parse

    rendered = render_html(checked.located, checked.sources, checked.files, printed=checked.report.printed)
    rendered = at_scale(rendered, fitted_scale_of(checked, rendered))
    raw_printer = RawPrinter(rendered, HOME)
    raw_printer.print(rendered)
    copy = work / "preview-campaign"
    shutil.copytree(campaign, copy)
    sheet = copy / "sheet.yaml"
    original = sheet.read_text(encoding="utf-8")
    role = "    role: Mayor of New York City\n"
    assert role in original
    edited = original.replace(role, role.replace("City", "City (bench edit)"))
    command = [sys.executable, "-m", "factsheet", "preview", str(sheet), "--port", "0"]
    process = subprocess.Popen(command, cwd=ROOT, env=USER_ENVIRONMENT, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        address = urllib.parse.urlsplit(process.stdout.readline().split(" at ")[1].strip())
        token = urllib.parse.parse_qs(address.query)["token"][0]

        def get(path: str) -> bytes:
            connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
            separator = "&" if "?" in path else "?"
            connection.request("GET", f"{path}{separator}token={token}", headers={"Host": address.netloc})
            body = connection.getresponse().read()
            connection.close()
            return body

        def shown_after(text: str, previous: str) -> str:
            sheet.write_text(text, encoding="utf-8")
            while True:
                state = json.loads(get("/state"))
                if state["fresh"] and not state["building"] and state["pages"][0]["url"] != previous:
                    get(state["pages"][0]["url"])
                    return str(state["pages"][0]["url"])
                time.sleep(0.01)

        page = shown_after(original + "\n", "")
        raw, shown = [], []
        for index in range(7):
            raw.append(timed(lambda: raw_printer.print(rendered)))
            started = time.perf_counter()
            page = shown_after(edited if index % 2 == 0 else original, page)
            shown.append(time.perf_counter() - started)
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
    return statistics.median(raw), statistics.median(shown)


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


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    import weasyprint

    return (
        f"machine: {os.cpu_count()} cores ({model}), Python {platform.python_version()}, "
        f"WeasyPrint {weasyprint.__version__}, {platform.system()} {platform.release()}"
    )


if __name__ == "__main__":
    main()
