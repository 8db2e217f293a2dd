"""Output safety: atomic writes that survive a failure midway, and inputs that can never be overwritten."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from factsheet.errors import FactsheetError
from factsheet.pipeline import BuildRequest, build
from factsheet.write import write_atomic

OLD = b"%PDF-1.7 the good handout from yesterday\n"


def test_write_replaces_the_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "out" / "a.pdf"
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert [path.name for path in target.parent.iterdir()] == ["a.pdf"]


def test_a_failure_midway_leaves_the_old_pdf_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, campaign: Path
) -> None:
    output = tmp_path / "out"
    output.mkdir()
    (output / "banthescan-letter.pdf").write_bytes(OLD)

    def disk_full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(FactsheetError) as caught:
        build(campaign, BuildRequest(papers=("letter",)), output_dir=output)
    (problem,) = caught.value.problems
    assert problem.message == "could not write this file (No space left on device)"
    assert problem.location.file.endswith("banthescan-letter.pdf")
    assert [path.name for path in output.iterdir()] == ["banthescan-letter.pdf"]
    assert (output / "banthescan-letter.pdf").read_bytes() == OLD


def test_an_output_that_would_replace_an_input_is_refused(tmp_path: Path, campaign: Path) -> None:
    sources = campaign.parent / "sources"
    trap = sources / "banthescan-letter.pdf"
    trap.symlink_to(sources / "verge-ingram-facial-recognition.txt")
    before = (sources / "verge-ingram-facial-recognition.txt").read_bytes()
    with pytest.raises(FactsheetError, match="would overwrite one of the handout's own input files"):
        build(campaign, BuildRequest(papers=("letter",)), output_dir=sources)
    assert (sources / "verge-ingram-facial-recognition.txt").read_bytes() == before


def test_unwritable_output_folder_is_a_user_error(tmp_path: Path, campaign: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the output folder should be")
    with pytest.raises(FactsheetError, match="could not write this file"):
        build(campaign, BuildRequest(papers=("letter",)), output_dir=blocker / "out")


def test_a_batch_is_published_whole_or_not_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, campaign: Path
) -> None:
    output = tmp_path / "out"
    output.mkdir()
    (output / "banthescan-letter.pdf").write_bytes(OLD)
    real_fsync = os.fsync
    calls = []

    def second_fails(descriptor: int) -> None:
        calls.append(descriptor)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", second_fails)
    with pytest.raises(FactsheetError, match="No space left on device"):
        build(campaign, BuildRequest(papers=("letter", "a4")), output_dir=output)
    assert [path.name for path in output.iterdir()] == ["banthescan-letter.pdf"]
    assert (output / "banthescan-letter.pdf").read_bytes() == OLD


def test_a_source_linked_from_outside_the_campaign_is_refused(campaign: Path) -> None:
    (campaign.parent / "sources" / "secrets.txt").symlink_to("/etc/passwd")
    with pytest.raises(FactsheetError) as caught:
        build(campaign, BuildRequest(papers=("letter",)), output_dir=campaign.parent / "out")
    (problem,) = caught.value.problems
    assert problem.location.file.endswith("sources/secrets.txt")
    assert problem.message == "this source is a link to a file outside the campaign folder"
