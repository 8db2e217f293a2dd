"""The output registry is the only seam a new kind of output needs: a throwaway "proof" kind (the handout's
first page, stamped PROOF, beside each PDF) is added here through `register` alone and built by the library
and the command line, fingerprinted in the manifest and skipped when up to date."""

from __future__ import annotations

import json
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from factsheet.errors import FactsheetError, Location
from factsheet.pipeline import build, check
from factsheet.produce.builtin import check_document, make_document
from factsheet.produce.job import Job
from factsheet.produce.kinds import Made, OutputKind, kinds, register, unregister
from factsheet.results import CheckResult
from tests.conftest import run_cli


def make_proof(checked: CheckResult, job: Job, draft: bool, isolate: bool) -> Made:
    """The handout's first page, with PROOF across its top."""
    made = make_document(checked, job, draft, isolate)
    with pikepdf.open(BytesIO(made.data)) as document:
        del document.pages[1:]
        page = document.pages[0]
        font = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)
        page.add_resource(font, pikepdf.Name.Font, pikepdf.Name("/ProofMark"))
        height = float(page.mediabox[3])
        page.contents_add(
            pikepdf.Stream(document, f"BT /ProofMark 14 Tf 20 {height - 14:g} Td (PROOF) Tj ET".encode()), prepend=False
        )
        buffer = BytesIO()
        document.save(buffer)
    return Made(buffer.getvalue())


def check_proof(job: Job, pdf: bytes) -> int:
    pages = len(PdfReader(BytesIO(pdf)).pages)
    if pages != 1:
        raise FactsheetError.at(Location.of(job.output), f"a proof has one page, not {pages}", "report this as a bug")
    return pages


PROOF = OutputKind("proof", "the first page stamped PROOF", "beside", check_proof, produce=make_proof, suffix="-proof")


@pytest.fixture
def proof_kind() -> Iterator[OutputKind]:
    register(PROOF)
    try:
        yield PROOF
    finally:
        unregister(PROOF.name)


def declare(campaign: Path, outputs: str) -> int:
    """Replace the example's declared outputs; returns the line of `outputs:`."""
    text = campaign.read_text(encoding="utf-8")
    head, _, tail = text.partition("outputs:\n")
    _, _, rest = tail.partition("\ncontact:")
    campaign.write_text(f"{head}outputs:\n{outputs}\ncontact:{rest}", encoding="utf-8")
    return head.count("\n") + 1


def test_a_new_kind_is_built_beside_every_pdf_through_the_registry_alone(
    proof_kind: OutputKind, campaign: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = build(campaign, papers=("letter",), layout="twosided", also=("proof",), output_dir=out)
    names = [path.name for path in result.paths]
    assert names == ["banthescan-twosided-letter.pdf", "banthescan-twosided-letter-proof.pdf"]
    proof = PdfReader(out / names[1])
    assert len(PdfReader(out / names[0]).pages) == 2 and len(proof.pages) == 1
    assert "PROOF" in proof.pages[0].extract_text()
    assert "PROOF" not in PdfReader(out / names[0]).pages[0].extract_text()
    manifest = json.loads((out / ".factsheet-manifest.json").read_text(encoding="utf-8"))
    assert manifest["outputs"][names[1]]["inputs"]["output kind"] == "proof 1"
    again = build(campaign, papers=("letter",), layout="twosided", also=("proof",), output_dir=out)
    assert [report.status for report in again.outputs] == ["up to date", "up to date"]


def test_the_sheet_and_the_command_line_ask_for_a_registered_kind_by_name(
    proof_kind: OutputKind, campaign: Path, tmp_path: Path
) -> None:
    declare(campaign, "  - papers: [a4]\n    also: [proof]\n")
    assert check(campaign).input_problems == ()
    code, _out, err = run_cli("build", str(campaign), "-o", str(tmp_path / "out"))
    assert code == 0, err
    assert (tmp_path / "out" / "banthescan-a4-proof.pdf").is_file()
    code, _out, err = run_cli(
        "build", str(campaign), "--also", "proof", "--paper", "letter", "-o", str(tmp_path / "o2")
    )
    assert code == 0, err
    assert (tmp_path / "o2" / "banthescan-letter-proof.pdf").is_file()


def test_a_kind_nobody_registered_is_named_with_the_ones_there_are(campaign: Path, tmp_path: Path) -> None:
    line = declare(campaign, "  - papers: [letter]\n    edition: shop\n    also: [proof, ticket]\n")
    (problem,) = check(campaign).input_problems
    assert (problem.location.file, problem.location.line) == (str(campaign), line + 1)
    assert problem.message == "there is no output 'proof' to write beside a handout"
    assert problem.hint == "use one of: ticket"
    code, _, err = run_cli("build", str(campaign), "--also", "proof", "-o", str(tmp_path / "out"))
    assert code == 1 and "there is no output 'proof'" in err and not (tmp_path / "out").exists()


def test_every_built_in_kind_declares_how_it_is_made_and_checked() -> None:
    assert [(kind.name, kind.role) for kind in kinds()] == [
        ("document", "main"),
        ("imposed", "main"),
        ("ticket", "beside"),
        ("combined", "gathered"),
    ]
    for kind in kinds():
        assert (kind.produce is None) == (kind.role == "gathered") == (kind.gather is not None)
    with pytest.raises(ValueError, match="already registered"):
        register(OutputKind("ticket", "another", "beside", check_document, produce=make_document))
    with pytest.raises(ValueError, match="gathered kind gathers"):
        register(OutputKind("half", "neither", "gathered", check_document))
