"""The merged print file's size and time (#30): a print-shop mail merge of N rows (default 1,000) built with
--combine, the merged file beside the separate outputs, and a 10,000-record merged file made from the same
variants ten times over (its records are the 1,000 variants repeated: the same kind of per-record content).

    .venv/bin/python bench/merged.py [ROWS]
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.raw import write_rows  # noqa: E402
from factsheet.pipeline import BuildRequest, build  # noqa: E402
from factsheet.press.document_parts import read_back  # noqa: E402
from factsheet.press.merged import merge_variants  # noqa: E402
from factsheet.resources import EXAMPLE_SHEET  # noqa: E402


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    work = Path(tempfile.mkdtemp(prefix="factsheet-merged-"))
    try:
        rows = write_rows(work / "rows.csv", count)
        request = BuildRequest(merge=rows, combine=True, edition="shop", force=True)
        started = time.perf_counter()
        result = build(EXAMPLE_SHEET, request, output_dir=work / "out")
        built = time.perf_counter() - started
        merged = next(path for path in result.paths if "-merged-" in path.name)
        variants = [path for path in result.paths if path != merged]
        separate = sum(path.stat().st_size for path in variants)
        pages, forms, parts = read_back(merged.read_bytes())
        print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}")
        print(f"{count} rows, shop edition: built with --combine in {built:.1f} s")
        print(f"  separate PDFs: {separate / 1e6:.1f} MB in all ({separate / count / 1e3:.0f} KB each)")
        print(
            f"  merged PDF/VT: {merged.stat().st_size / 1e6:.2f} MB, {pages} pages, {forms} shared form(s), "
            f"{len(parts)} document parts"
        )
        pdfs = [path.read_bytes() for path in variants]
        started = time.perf_counter()
        big = merge_variants(pdfs * 10, [{"record": str(n)} for n in range(len(pdfs) * 10)], print_shop=True)
        print(
            f"  {len(pdfs) * 10} records (the variants ten times over): {len(big) / 1e6:.1f} MB, merged in "
            f"{time.perf_counter() - started:.1f} s"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
