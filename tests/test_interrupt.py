"""Ctrl-C during a mail merge (#30): what was finished is kept whole and recorded, nothing is half-written,
and the next run goes on from there without rendering the finished rows again."""

from __future__ import annotations

from pathlib import Path

import pytest

from factsheet.errors import FactsheetError
from factsheet.pipeline import build
from factsheet.produce.report import OutputReport


def rows(path: Path, count: int) -> Path:
    """Merge rows as labelled example data (invented districts and names, 555-01xx fictional numbers)."""
    lines = ["district,name,phone,event_date,event_place,url"]
    lines += [
        f"EXAMPLE District {n},Example Member {n} (EXAMPLE DATA),212-555-01{n:02d},EXAMPLE date,EXAMPLE venue,"
        f"https://example.org/district-{n}"
        for n in range(1, count + 1)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_an_interrupted_merge_keeps_what_it_finished_and_resumes(campaign: Path, tmp_path: Path) -> None:
    merge = rows(tmp_path / "rows.csv", 6)
    output = tmp_path / "out"

    def stop_after_two(report: OutputReport, done: int, total: int) -> None:
        if done == 2:
            raise KeyboardInterrupt

    with pytest.raises(FactsheetError) as stopped:
        build(campaign, merge=merge, combine=True, jobs=1, output_dir=output, progress=stop_after_two)
    assert stopped.value.problems[0].message.startswith("interrupted: 2 of the 6 outputs to build were finished")
    kept = sorted(path.name for path in output.iterdir() if path.suffix == ".pdf")
    assert len(kept) == 2 and not any("merged" in name for name in kept)
    assert sorted(path.name for path in output.iterdir()) == sorted([*kept, ".factsheet-manifest.json"])
    resumed = build(campaign, merge=merge, combine=True, jobs=1, output_dir=output)
    statuses = {report.path.name: report.status for report in resumed.outputs}
    assert [statuses[name] for name in kept] == ["up to date", "up to date"]
    assert sum(status == "built" for status in statuses.values()) == 5, "four rows and the merged file"
