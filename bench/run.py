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
import os
import platform
import resource
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.preview_timing import preview_times  # noqa: E402
from bench.raw import raw_batch_rate, write_rows  # noqa: E402
from bench.timings import batch, cli, cold_times, median_seconds, subsetter_times, warm_times  # noqa: E402
from factsheet.pipeline import check  # noqa: E402
from factsheet.press.editions import HOME, SHOP  # noqa: E402
from factsheet.resources import EXAMPLE_SHEET  # noqa: E402
from factsheet.sheet.merge import merge_variants  # noqa: E402


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
