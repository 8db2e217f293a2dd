"""factsheet benchmark: the targets of the batch-build issue, measured in one run on the same input.

    .venv/bin/python bench/run.py            # everything, including the 1,000-output batch (~2 minutes)
    .venv/bin/python bench/run.py --quick    # without the 1,000-output batch

Every number is measured side by side in this run, because absolute times drift ±20% between runs on a
shared machine; compare the ratios. The input is the example campaign, with merge rows generated as
labelled example data.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factsheet.pipeline import BuildRequest, build, check  # noqa: E402
from factsheet.press.layouts import PaperName  # noqa: E402
from factsheet.resources import EXAMPLE_SHEET, TEMPLATES_DIR  # noqa: E402

HEADER = "district,name,phone,event_date,event_place,url\n"


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
    campaign = work / "campaign"
    shutil.copytree(EXAMPLE_SHEET.parent, campaign, ignore=shutil.ignore_patterns("output"))
    rows_100 = write_rows(campaign / "rows-100.csv", 100)
    rows_500 = write_rows(campaign / "rows-500.csv", 500)
    sheet = campaign / "sheet.yaml"
    results: list[tuple[str, str, str]] = []

    raw, variant = warm_render_times(sheet)
    results.append(("raw WeasyPrint, same HTML (floor)", f"{raw * 1000:.0f} ms", "median of 15, warm"))
    overhead = variant / raw - 1
    results.append(("factsheet per variant, warm", f"{variant * 1000:.0f} ms", f"{overhead:+.1%} over raw"))

    serial = batch_seconds(sheet, rows_100, work / "serial", workers=1)
    parallel = batch_seconds(sheet, rows_100, work / "parallel", workers=2)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    results.append(("100 merge rows, 1 worker", f"{serial:.1f} s", f"{100 / serial:.1f} PDFs/s"))
    results.append(("100 merge rows, 2 workers", f"{parallel:.1f} s", f"{100 / parallel:.1f} PDFs/s"))
    speedup = serial / parallel
    results.append(("peak memory of a worker", f"{peak:.0f} MB", "max RSS of any worker process"))

    python = [sys.executable, "-m", "factsheet"]
    noop = median_seconds(
        lambda: cli(
            *python,
            "build",
            str(sheet),
            "--merge",
            str(rows_100),
            "--name",
            "{slug}-{district}",
            "-o",
            str(work / "parallel"),
        ),
        5,
    )
    results.append(("no-op rebuild, 100 up-to-date outputs (CLI)", f"{noop:.2f} s", "cold process, median of 5"))
    cold_build = median_seconds(lambda: cli(*python, "build", str(sheet), "--force", "-o", str(work / "cold")), 3)
    results.append(("cold CLI build, the example's declared outputs", f"{cold_build:.2f} s", "6 PDFs, median of 3"))
    with_library, without_library = subsetter_times(sheet, work)
    subsetter_ratio = without_library / with_library
    results.append(("one-PDF CLI build, system libharfbuzz-subset", f"{with_library:.2f} s", "median of 5"))
    results.append(
        ("one-PDF CLI build, libharfbuzz-subset hidden", f"{without_library:.2f} s", f"{subsetter_ratio:.2f}x")
    )
    cold_check = median_seconds(lambda: cli(*python, "check", str(sheet)), 5)
    results.append(("cold CLI check of the example", f"{cold_check:.2f} s", "median of 5"))
    cold_help = median_seconds(lambda: cli(*python, "--help"), 5)
    results.append(("cold CLI --help", f"{cold_help:.2f} s", "median of 5"))
    big = None
    if not quick:
        big = batch_seconds(sheet, rows_500, work / "big", workers=2, papers=("letter", "a4"))
        results.append(("1,000 outputs (500 rows × 2 papers), 2 workers", f"{big:.1f} s", f"{1000 / big:.1f} PDFs/s"))

    print(machine())
    print()
    width = max(len(name) for name, _, _ in results)
    for name, value, note in results:
        print(f"{name:<{width}}  {value:>9}  {note}")
    print()
    print("targets")
    verdicts = [
        ("warm per-variant overhead over raw WeasyPrint <= 15%", overhead <= 0.15, f"{overhead:+.1%}"),
        ("parallel >= 1.7x serial throughput on 2 cores", speedup >= 1.7, f"{speedup:.2f}x"),
        ("no-op rebuild of 100 outputs < 1 s", noop < 1.0, f"{noop:.2f} s"),
        ("cold check < 0.5 s", cold_check < 0.5, f"{cold_check:.2f} s"),
        ("cold --help < 0.3 s", cold_help < 0.3, f"{cold_help:.2f} s"),
        ("peak memory per worker < 300 MB", peak < 300, f"{peak:.0f} MB"),
        ("without libharfbuzz-subset0 <= 1.5x with it", subsetter_ratio <= 1.5, f"{subsetter_ratio:.2f}x"),
    ]
    if big is not None:
        verdicts.append(("1,000-output batch < 60 s (goal)", big < 60, f"{big:.1f} s"))
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


def warm_render_times(sheet: Path) -> tuple[float, float]:
    """Median warm times: WeasyPrint alone on factsheet's HTML, and factsheet's whole per-variant path."""
    import weasyprint

    from factsheet.batch.merge import merge_variants
    from factsheet.render.html import render_html
    from factsheet.render.output import render_document
    from factsheet.render.pdf import _font_configuration

    checked = check(sheet)
    variants = merge_variants(
        checked.located, sheet.parent / "rows-100.csv", "{slug}-{district}", checked.located.yaml.locate(())
    )
    first = variants[0]
    rendered = render_html(checked.located, checked.sources, checked.files, action=first.action, row=first.row.values)
    fonts = _font_configuration()
    stylesheets = [
        weasyprint.CSS(string=css, base_url=rendered.base_url, font_config=fonts) for css in rendered.stylesheets
    ]
    options = {"presentational_hints": False, "pdf_tags": True, "uncompressed_pdf": False}

    def raw() -> None:
        html = weasyprint.HTML(string=rendered.html, base_url=TEMPLATES_DIR.as_uri() + "/")
        html.write_pdf(stylesheets=stylesheets, font_config=fonts, **options)

    def variant(index: int = 0) -> None:
        chosen = variants[index % len(variants)]
        render_document(checked, action=chosen.action, row=chosen.row.values, isolate=False)

    raw()
    variant()
    raw_times, variant_times = [], []
    for index in range(15):
        raw_times.append(timed(raw))
        variant_times.append(timed(lambda index=index: variant(index)))
    return statistics.median(raw_times), statistics.median(variant_times)


def batch_seconds(
    sheet: Path, rows: Path, output: Path, *, workers: int, papers: tuple[PaperName, ...] = ("letter",)
) -> float:
    request = BuildRequest(papers=papers, merge=rows, name="{slug}-{district}", jobs=workers, force=True)
    return timed(lambda: build(sheet, request, output_dir=output))


def cli(*command: str) -> None:
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT)


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
