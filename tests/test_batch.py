"""Batch builds: the output matrix, mail-merge checks, incremental rebuilds, combining, parallel = serial."""

from __future__ import annotations

import itertools
import multiprocessing
import pickle
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from factsheet.batch.manifest import MANIFEST_NAME, read_manifest
from factsheet.batch.plan import BuildRequest, plan_jobs
from factsheet.batch.pool import warm_worker
from factsheet.errors import FactsheetError
from factsheet.pipeline import BuildResult, build, check
from factsheet.press.layouts import LAYOUTS

HEADER = "district,name,phone,event_date,event_place,url\n"


def row(letter: str, **changes: str) -> str:
    values = {
        "district": f"District {letter}",
        "name": f"Member {letter}",
        "phone": f"555-010{ord(letter) - 64}",
        "event_date": "EXAMPLE date",
        "event_place": "EXAMPLE place",
        "url": f"https://example.org/{letter.lower()}",
    }
    values.update(changes)
    return ",".join(values.values()) + "\n"


def write_csv(folder: Path, *rows: str, header: str = HEADER) -> Path:
    path = folder / "rows.csv"
    path.write_text(header + "".join(rows), encoding="utf-8")
    return path


def merge(
    campaign: Path,
    csv: Path,
    output: Path,
    name: str = "{slug}-{district}",
    combine: bool = False,
    jobs: int | None = None,
) -> BuildResult:
    return build(
        campaign, BuildRequest(papers=("letter",), merge=csv, name=name, combine=combine, jobs=jobs), output_dir=output
    )


def messages(campaign: Path, csv: Path, tmp_path: Path, name: str = "{slug}-{district}") -> list[str]:
    with pytest.raises(FactsheetError) as caught:
        merge(campaign, csv, tmp_path / "out", name)
    assert not (tmp_path / "out").exists(), "nothing may be written when a row is bad"
    return [
        f"{Path(p.location.file).name}:{str(p.location).split(':', 1)[1]}: {p.message}" for p in caught.value.problems
    ]


def test_the_declared_matrix_expands_to_every_output(campaign: Path, tmp_path: Path) -> None:
    jobs = plan_jobs(check(campaign), BuildRequest(), tmp_path)
    assert [(job.output.name, job.paper) for job in jobs] == [
        ("banthescan-letter.pdf", "letter"),
        ("banthescan-a4.pdf", "a4"),
        ("banthescan-example-district-a-letter.pdf", "letter"),
        ("banthescan-example-district-b-letter.pdf", "letter"),
        ("banthescan-example-district-c-letter.pdf", "letter"),
    ]
    assert jobs[2].action is not None and jobs[2].action.heading == "Call Example Council Member A (EXAMPLE DATA)"
    assert jobs[2].action.url == "https://example.org/district-a"
    assert {job.gathering.path.name for job in jobs[2:] if job.gathering} == {"banthescan-merged-letter.pdf"}
    chosen = plan_jobs(check(campaign), BuildRequest(papers=("a4",)), tmp_path)
    assert [job.output.name for job in chosen] == ["banthescan-a4.pdf"]


def test_missing_column_is_reported_at_the_header(campaign: Path, tmp_path: Path) -> None:
    csv = write_csv(tmp_path, row("A").replace(",555-0101", ""), header=HEADER.replace(",phone", ""))
    assert messages(campaign, csv, tmp_path) == [
        "rows.csv:1: column 'phone' is missing (the merge call to action uses it)"
    ]


def test_empty_values_are_reported_with_line_and_column(campaign: Path, tmp_path: Path) -> None:
    csv = write_csv(tmp_path, row("A"), row("B", phone=""), row("C", name="", phone=""))
    assert messages(campaign, csv, tmp_path) == [
        "rows.csv:3:3: column 'phone' is empty in this row",
        "rows.csv:4:2: column 'name' is empty in this row",
        "rows.csv:4:3: column 'phone' is empty in this row",
    ]


def test_duplicate_output_names_name_both_lines(campaign: Path, tmp_path: Path) -> None:
    csv = write_csv(tmp_path, row("A"), row("B"), row("C", district="District a"))
    assert messages(campaign, csv, tmp_path) == [
        "rows.csv:4: the output name 'banthescan-district-a' is used twice (first at line 2)"
    ]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("../{district}", "rows.csv:2: the output name '../district-a' is not a safe file name"),
        ("/etc/{district}", "rows.csv:2: the output name '/etc/district-a' is not a safe file name"),
        ("{district.__class__}", "sheet.yaml:{line}: '{{district.__class__}}' is not a plain column name"),
        ("{slug}", "rows.csv:3: the output name 'banthescan' is used twice (first at line 2)"),
    ],
    ids=["parent", "absolute", "attribute", "constant"],
)
def test_name_patterns_are_safe(campaign: Path, tmp_path: Path, pattern: str, expected: str) -> None:
    csv = write_csv(tmp_path, row("A"), row("B"))
    got = messages(campaign, csv, tmp_path, name=pattern)
    assert got[0].split(":", 1)[0] == expected.split(":", 1)[0]
    assert got[0].split(": ", 1)[1] == expected.split(": ", 1)[1].replace("{{", "{").replace("}}", "}")


def test_ragged_rows_and_bad_addresses(campaign: Path, tmp_path: Path) -> None:
    csv = write_csv(tmp_path, row("A"), "only,three,values\n", row("C", url="not a url"))
    assert messages(campaign, csv, tmp_path) == ["rows.csv:3: this row has 3 values but the header has 6 columns"]
    csv = write_csv(tmp_path, row("A"), row("C", url="javascript:alert(1)"))
    assert messages(campaign, csv, tmp_path) == [
        "rows.csv:3: the call to action's address 'javascript:alert(1)' is not a web address"
    ]


def test_merge_builds_one_pdf_per_row_and_combines_in_order(campaign: Path, tmp_path: Path) -> None:
    csv = write_csv(tmp_path, row("C"), row("A"), row("B"))
    result = merge(campaign, csv, tmp_path / "out", combine=True, jobs=2)
    assert [report.path.name for report in result.outputs] == [
        "banthescan-district-c-letter.pdf",
        "banthescan-district-a-letter.pdf",
        "banthescan-district-b-letter.pdf",
        "banthescan-merged-letter.pdf",
    ]
    combined = PdfReader(tmp_path / "out" / "banthescan-merged-letter.pdf")
    headings = [page.extract_text().split("Call Member ")[1][0] for page in combined.pages]
    assert headings == ["C", "A", "B"]
    assert "555-0103" in PdfReader(tmp_path / "out" / "banthescan-district-c-letter.pdf").pages[0].extract_text()


def test_only_the_outputs_whose_inputs_changed_are_rebuilt(campaign: Path, tmp_path: Path) -> None:
    csv = write_csv(tmp_path, row("A"), row("B"), row("C"))
    output = tmp_path / "out"
    first = merge(campaign, csv, output)
    assert [report.status for report in first.outputs] == ["built"] * 3
    again = merge(campaign, csv, output)
    assert [report.status for report in again.outputs] == ["up to date"] * 3
    write_csv(tmp_path, row("A"), row("B", phone="555-0199"), row("C"))
    changed = merge(campaign, csv, output)
    assert [(report.path.name, report.status, report.changed) for report in changed.outputs] == [
        ("banthescan-district-a-letter.pdf", "up to date", ()),
        ("banthescan-district-b-letter.pdf", "built", ("action", "row")),
        ("banthescan-district-c-letter.pdf", "up to date", ()),
    ]
    (output / "banthescan-district-c-letter.pdf").write_bytes(b"%PDF- tampered")
    repaired = merge(campaign, csv, output)
    assert [(report.status, report.changed) for report in repaired.outputs] == [
        ("up to date", ()),
        ("up to date", ()),
        ("built", ("output file changed",)),
    ]
    manifest = read_manifest(output)
    assert set(manifest) == {path.name for path in output.glob("*.pdf")}
    assert (output / MANIFEST_NAME).is_file()


def test_changing_a_source_rebuilds_that_sheets_outputs(
    campaign: Path, tmp_path: Path, edit_sheet: Callable[[str, str], Path]
) -> None:
    output = tmp_path / "out"
    build(campaign, BuildRequest(papers=("letter", "a4")), output_dir=output)
    edit_sheet("as_of: 2026-11-22", "as_of: 2026-11-23")
    rebuilt = build(campaign, BuildRequest(papers=("letter", "a4")), output_dir=output)
    assert [(report.status, report.changed) for report in rebuilt.outputs] == [
        ("built", ("sheet.yaml",)),
        ("built", ("sheet.yaml",)),
    ]


def test_parallel_and_serial_builds_are_byte_identical(campaign: Path, tmp_path: Path) -> None:
    csv = write_csv(tmp_path, row("A"), row("B"), row("C"))
    serial = merge(campaign, csv, tmp_path / "serial", combine=True, jobs=1)
    parallel = merge(campaign, csv, tmp_path / "parallel", combine=True, jobs=2)
    assert [report.path.name for report in serial.outputs] == [report.path.name for report in parallel.outputs]
    for report in serial.outputs:
        assert report.path.read_bytes() == (tmp_path / "parallel" / report.path.name).read_bytes()


def test_a_failing_sheet_stops_the_whole_batch(
    campaign: Path, tmp_path: Path, edit_sheet: Callable[[str, str], Path]
) -> None:
    edit_sheet('  - figure: "9,850"', '  - figure: "9,851"')
    with pytest.raises(FactsheetError, match="the number 9,851 is not in this fact's excerpt"):
        build(campaign, BuildRequest(papers=("letter", "a4")), output_dir=tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_job_over_its_time_limit_is_stopped(campaign: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import factsheet.batch.pool

    monkeypatch.setattr(factsheet.batch.worker, "JOB_SECONDS", 0.01)
    with pytest.raises(FactsheetError) as caught:
        build(campaign, BuildRequest(papers=("letter",)), output_dir=tmp_path / "out")
    assert [problem.message for problem in caught.value.problems] == [
        "rendering took longer than 0.01 seconds and was stopped"
    ]
    assert not (tmp_path / "out").exists()


def test_ghostscript_cross_checks_one_output_of_each_kind(campaign: Path, tmp_path: Path) -> None:
    """Every variant of a merge is painted in the same colours: Ghostscript renders the first of each layout,
    paper and edition (where installed), and the ink read from the PDF checks every one."""
    csv = write_csv(tmp_path, row("A"), row("B"), row("C"))
    request = BuildRequest(papers=("letter", "a4"), merge=csv, name="{slug}-{district}", edition="shop")
    jobs = plan_jobs(check(campaign), request, tmp_path / "out")
    assert [(job.paper, job.cross_check) for job in jobs] == [
        ("letter", True),
        ("letter", False),
        ("letter", False),
        ("a4", True),
        ("a4", False),
        ("a4", False),
    ]


def test_a_warm_worker_prints_what_a_forked_one_does(campaign: Path, tmp_path: Path) -> None:
    """`factsheet build` starts a worker loading WeasyPrint while the sheet is checked; the jobs reach it
    pickled instead of copied by the fork, which must not change a byte of what it prints."""
    import factsheet.batch.pool

    request = BuildRequest(papers=("letter", "a4"), jobs=1)
    forked = build(campaign, request, output_dir=tmp_path / "forked")
    with warm_worker():
        warmed = build(campaign, request, output_dir=tmp_path / "warm")
        assert factsheet.batch.pool._warm is None, "the build handed its jobs to the warm worker"
    assert [report.path.name for report in warmed.outputs] == [report.path.name for report in forked.outputs]
    for report in forked.outputs:
        assert report.path.read_bytes() == (tmp_path / "warm" / report.path.name).read_bytes()


def test_an_unused_warm_worker_is_stopped(
    campaign: Path, tmp_path: Path, edit_sheet: Callable[[str, str], Path]
) -> None:
    edit_sheet('  - figure: "9,850"', '  - figure: "9,851"')
    before = set(multiprocessing.active_children())
    with warm_worker(), pytest.raises(FactsheetError):
        build(campaign, BuildRequest(papers=("letter",)), output_dir=tmp_path / "out")
    assert set(multiprocessing.active_children()) == before


def test_a_warm_worker_keeps_the_time_limit(campaign: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import factsheet.batch.pool

    monkeypatch.setattr(factsheet.batch.worker, "JOB_SECONDS", 0.01)
    with warm_worker(), pytest.raises(FactsheetError) as caught:
        build(campaign, BuildRequest(papers=("letter",)), output_dir=tmp_path / "out")
    assert [problem.message for problem in caught.value.problems] == [
        "rendering took longer than 0.01 seconds and was stopped"
    ]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_layouts_survive_pickling(name: str) -> None:
    layout = LAYOUTS[name]  # type: ignore[index]
    assert pickle.loads(pickle.dumps(layout)) == layout


def test_workers_start_on_different_kinds_of_variant(campaign: Path, tmp_path: Path) -> None:
    """Merge jobs are handed out taking each paper in turn, so two workers each measure one paper's type
    size and pass it on (through the pool) instead of both measuring both."""
    from factsheet.batch.pool import _interleaved

    csv = write_csv(tmp_path, row("A"), row("B"), row("C"))
    jobs = plan_jobs(check(campaign), BuildRequest(papers=("letter", "a4"), merge=csv), tmp_path / "out")
    papers = [jobs[index].paper for index in _interleaved(jobs, draft=False)]
    assert sorted(papers) == sorted(job.paper for job in jobs)
    assert papers[:2] in (["letter", "a4"], ["a4", "letter"])
    assert all(first != second for first, second in itertools.pairwise(papers))
