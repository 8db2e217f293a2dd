"""The output matrix: what a build request asks of a checked sheet, as one job per PDF to make.

A request either takes the sheet's declared outputs (mail merges included) or names what to print instead:
each `--layout` on each `--paper`, an edition, or a CSV file to merge. Every job carries the digests of what
its PDF is made from, so the manifest can tell which jobs are already up to date.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from factsheet.batch.manifest import digest, file_digest, folder_digest
from factsheet.campaign import output_name
from factsheet.errors import FactsheetError, Location, Problem
from factsheet.press.editions import EDITIONS
from factsheet.press.layouts import DEFAULT_LAYOUT, LAYOUTS
from factsheet.produce.job import BuildRequest, Gathering, Job
from factsheet.produce.kinds import OutputKind, gathered_kind, kind_named, main_kind
from factsheet.resources import TEMPLATES_DIR
from factsheet.sheet.merge import Variant, merge_variants
from factsheet.sheet.model import Output
from factsheet.version import __version__

if TYPE_CHECKING:
    from factsheet.results import CheckResult

__all__ = ["BuildRequest", "Job", "beside_kinds", "plan_jobs", "refuse_duplicate_outputs"]


def plan_jobs(checked: CheckResult, request: BuildRequest, output_dir: Path) -> list[Job]:
    """Every job the request makes of one checked sheet, in order: each output's papers, then its rows. Two
    declared outputs that a `--layout` or `--lang` makes the same PDF are built once."""
    jobs: list[Job] = []
    common = _common_inputs(checked, request.draft)
    planned: dict[Path, dict[str, str]] = {}
    for output, variants, merge_file, location in _outputs(checked, request):
        beside = beside_kinds(output, location)
        for language in _languages(checked, output, request.languages):
            for job in _expand(checked, output, output_dir, common, variants, merge_file, language, beside):
                if planned.get(job.output) == job.inputs:
                    continue
                planned[job.output] = job.inputs
                jobs.append(job)
    looks: set[tuple[str, str, str, str]] = set()
    for index, job in enumerate(jobs):
        look = (job.kind.name, job.layout.name, job.paper, job.edition.name)
        if look in looks:
            jobs[index] = replace(job, cross_check=False)
        looks.add(look)
    return jobs


def _outputs(
    checked: CheckResult, request: BuildRequest
) -> Iterator[tuple[Output, Sequence[Variant], Path | None, Location]]:
    """The outputs asked for, each with its merge variants, its CSV file and where it is declared."""
    located = checked.located
    declared = located.sheet.outputs
    sheet_location = Location.of(checked.sheet_path)
    if request.merge is not None:
        index = next((index for index, output in enumerate(declared) if output.merge), 0)
        papers = list(request.papers) or (declared[index].papers if declared[index].merge else ["letter"])
        variants = merge_variants(located, request.merge, request.name, located.yaml.locate(("outputs", index)))
        for layout in request.layouts or (DEFAULT_LAYOUT,):
            fields: dict[str, Any] = {"layout": layout, "papers": papers, "merge": str(request.merge)}
            fields |= {"name": request.name, "combine": request.combine, "imposition": request.imposition}
            fields["also"] = list(request.also)
            yield _output(fields, request, sheet_location), variants, request.merge, sheet_location
        return
    chosen = bool(request.papers or request.layouts)
    for index, output in enumerate(declared):
        location = located.yaml.locate(("outputs", index)) if "outputs" in located.yaml.data else sheet_location
        if output.merge is not None and chosen:
            continue
        for layout in request.layouts or (output.layout,):
            fields = {**output.model_dump(), "layout": layout, "papers": list(request.papers or output.papers)}
            if chosen:
                fields["languages"] = []
            if request.imposition:
                fields["imposition"] = request.imposition
            if output.merge is None and request.also:
                fields["also"] = [*output.also, *request.also]
            variants = checked.variants.get(index, [])
            yield _output(fields, request, location), variants, checked.files.merges.get(index), location


def _output(fields: dict[str, Any], request: BuildRequest, location: Location) -> Output:
    """An output with the request's edition applied, checked like a declared one (some combinations cannot be
    printed: crop marks at home, a job ticket per merge row)."""
    if request.edition:
        fields |= {"edition": request.edition, "crop_marks": request.crop_marks}
    try:
        return Output.model_validate(fields)
    except ValidationError as error:
        problems = [
            Problem(location, detail["msg"], str((detail.get("ctx") or {}).get("hint", "")))
            for detail in error.errors(include_url=False)
        ]
        raise FactsheetError(problems) from None


def _languages(checked: CheckResult, output: Output, request_languages: Sequence[str]) -> list[str | None]:
    """The languages one output prints in, None for the sheet's own; a bilingual output prints each translation
    (with the sheet's language on its front) and needs at least one."""
    sheet_language = checked.located.sheet.language
    codes = requested_languages(sheet_language, output, request_languages)
    if LAYOUTS[output.layout].bilingual:
        codes = [code for code in codes if code != sheet_language]
        if not codes:
            raise FactsheetError.at(
                Location.of(checked.sheet_path),
                "the bilingual layout prints the sheet with one of its translations, and none was asked for",
                "add --lang CODE (es, zh-Hant, ...) or `languages: [es]` to the output",
            )
    return [None if code == sheet_language else code for code in codes]


def requested_languages(sheet_language: str, output: Output, request_languages: Sequence[str]) -> list[str]:
    """The languages an output prints in: the request's, else the output's declared ones, else the sheet's
    (a request naming papers or layouts prints the sheet's language unless it names languages too)."""
    return list(dict.fromkeys(request_languages or output.languages or [sheet_language]))


def beside_kinds(output: Output, where: Location) -> tuple[OutputKind, ...]:
    """The registered kinds an output writes beside each PDF, each refused at `where` if it cannot be made for
    this output (a job ticket at home, say), every refusal at once."""
    found: list[OutputKind] = []
    problems: list[Problem] = []
    for name in output.beside:
        try:
            kind = kind_named(name, where)
        except FactsheetError as error:
            problems += error.problems
            continue
        refusal = kind.refuse(output)
        if refusal is None:
            found.append(kind)
        else:
            problems.append(Problem(where, *refusal))
    if problems:
        raise FactsheetError(problems)
    return tuple(found)


def _expand(
    checked: CheckResult,
    output: Output,
    output_dir: Path,
    common: dict[str, str],
    variants: Sequence[Variant],
    merge_file: Path | None,
    language: str | None,
    beside: Sequence[OutputKind],
) -> Iterator[Job]:
    """The jobs of one output in one language: its main file on each paper, the kinds written beside it, and
    for a mail merge one main file per row (gathered into one file when the output combines them)."""
    if language is not None:
        common = {**common, "language": language, "translation": checked.translations[language].digest}
    layout, edition, main = LAYOUTS[output.layout], EDITIONS[output.edition], main_kind(output)
    base = {**common, "layout": layout.name, "imposition": output.imposition or "", "edition": edition.name}
    base["crop marks"] = str(output.crop_marks)
    suffix = f"-{language}" if language else ""
    slug = checked.located.sheet.slug + suffix
    for paper in output.papers:
        label = f"{output.imposition}-{paper}" if output.imposition else layout.sheet(paper).name
        job = Job(
            main,
            checked.sheet_path,
            layout,
            paper,
            edition,
            output_dir / output_name(slug, layout, label, edition),
            {**base, **main.fingerprint(), "paper": paper},
            imposition=output.imposition,
            crop_marks=output.crop_marks,
            merge_file=merge_file,
            language=language,
            direction=checked.printed_in(language).direction,
        )
        if output.merge is None:
            yield job
            for kind in beside:
                inputs = {**job.inputs, **kind.fingerprint()}
                yield replace(job, kind=kind, output=kind.path_beside(job.output), inputs=inputs)
            continue
        gathering = None
        if output.combine:
            gathered = gathered_kind()
            merged = output_name(slug, layout, f"merged-{label}", edition).removesuffix(".pdf") + gathered.extension
            gathering = Gathering(gathered, output_dir / merged)
        for variant in variants:
            inputs = {**job.inputs, "row": digest(json.dumps(variant.row.values, sort_keys=True).encode())}
            inputs["action"] = digest(variant.action.model_dump_json().encode())
            yield replace(
                job,
                output=output_dir / output_name(variant.name + suffix, layout, label, edition),
                inputs=inputs,
                action=variant.action,
                row=variant.row.values,
                gathering=gathering,
            )


def _common_inputs(checked: CheckResult, draft: bool) -> dict[str, str]:
    """Digests of everything a sheet's PDFs are made from, by a name the user recognises."""
    campaign = checked.campaign
    inputs = {"factsheet": __version__, "draft": str(draft)}
    for name, path in campaign.inputs(checked.files.by_name()).items():
        if path not in checked.files.merges.values():
            inputs[name] = file_digest(path)
    inputs["built-in templates"] = folder_digest(TEMPLATES_DIR)
    inputs["campaign templates"] = folder_digest(campaign.templates) if campaign.templates else ""
    return inputs


def refuse_duplicate_outputs(jobs: Sequence[Job]) -> None:
    """Two outputs of one build may not share a file name (two sheets with one slug, say)."""
    seen: dict[Path, Job] = {}
    problems = []
    for job in jobs:
        if job.output in seen:
            problems.append(
                Problem(
                    Location.of(job.sheet_path),
                    f"two outputs would both be written to {job.output.name}",
                    f"give the sheets different slugs (the other is {seen[job.output].sheet_path})",
                )
            )
        seen[job.output] = job
    if problems:
        raise FactsheetError(problems)
