"""The misquote gate: every quote, excerpt and number is proven against the archived source it cites.

Rules (see README, "What check enforces"): exact match after typography-blind normalization, on word
boundaries; only `...` cuts, `[bracketed]` insertions, `[sic]` and the first letter's case may differ, and no
cut or bracket may remove or add a negation, number, hedge or condition; the speaker must be the one the
source credits; numbers in a fact must stand in its excerpt as whole tokens. Nothing is fuzzy: the closest
passage is shown to help the reviewer, never accepted.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from factsheet.errors import Location, Problem
from factsheet.sheet.load import Path_
from factsheet.sheet.validate import LocatedSheet
from factsheet.verify.alterations import QuoteAlterations
from factsheet.verify.archive import check_archive, placeholder_warnings, shorten
from factsheet.verify.diff import closest_passage
from factsheet.verify.evidence import check_evidence, correction_hint
from factsheet.verify.lock import read_lock
from factsheet.verify.normalize import normalize, suspicious_character
from factsheet.verify.numbers import check_numbers
from factsheet.verify.passage import CHECK_SECONDS, Match, search
from factsheet.verify.quotes import check_quote
from factsheet.verify.repeats import repeated_quotes
from factsheet.verify.review import changes
from factsheet.verify.roles import role_signables
from factsheet.verify.signable import Signable, quote_signables
from factsheet.verify.sources import Source


@dataclass(frozen=True)
class VerificationReport:
    """What was checked and what failed; `ok` is False when any problem is an error."""

    problems: tuple[Problem, ...] = ()
    quotes_checked: int = 0
    excerpts_checked: int = 0
    numbers_checked: int = 0
    alterations: tuple[QuoteAlterations, ...] = ()
    """Every quote's alterations against its source passage (the preview marks them in the passage)."""
    signables: tuple[Signable, ...] = ()
    """Everything a person signs off (alterations, unstated roles, source corrections), signed or not, for
    `check` to list and `review` to walk."""
    hand_typed: tuple[str, ...] = ()
    """The sources with no captured page to compare their text with (typed in by hand)."""
    sources: int = 0
    printed: dict[int, str] = field(default_factory=dict)
    """Each verified quote as the handout prints it, by its index (an unmarked edge cut gains an ellipsis)."""

    @property
    def ok(self) -> bool:
        return not any(problem.severity == "error" for problem in self.problems)

    def summary(self) -> str:
        errors = sum(problem.severity == "error" for problem in self.problems)
        warnings = len(self.problems) - errors
        checked = (
            f"{_plural(self.quotes_checked, 'quote')}, {_plural(self.excerpts_checked, 'excerpt')} and "
            f"{_plural(self.numbers_checked, 'number')} checked against their sources"
        )
        if self.hand_typed:
            checked += f" ({len(self.hand_typed)} of {self.sources} typed in by hand, with no captured page)"
        if errors:
            return f"{checked}: {errors} error(s), {warnings} warning(s). Nothing will be printed until fixed."
        return f"{checked}: all verified, {warnings} warning(s)."


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


@dataclass(frozen=True)
class _Passage:
    """One quote or excerpt to prove: where it is written, its words, its source and (for quotes) speaker."""

    kind: str
    path: Path_
    text: str
    source_id: str
    speaker: str | None = None
    page: int | None = None


def verify(located: LocatedSheet, sources: Mapping[str, Source], *, recording: bool = False) -> VerificationReport:
    """Check every quote, excerpt and number in the sheet; collect all problems rather than stopping early.

    `recording` skips the fingerprint comparison: the user is about to record the archive as reviewed."""
    campaign = located.yaml.file.parent
    lock = read_lock(campaign)
    passages = list(_passages(located))
    checked = _Checked()
    problems = [problem for passage in passages for problem in _check_passage(located, passage, sources, checked)]
    problems += repeated_quotes(located)
    evidence = check_evidence(campaign, dict(sources), lock)
    signables = [item for quote in checked.alterations for item in quote_signables(quote)]
    signables += role_signables(located, sources)
    signables += evidence.corrections
    problems += evidence.problems
    problems += _unsigned(located, signables)
    numbers, number_problems = check_numbers(located, sources)
    problems += number_problems
    problems += check_archive(located, sources, lock, compare_fingerprints=not recording)
    problems += placeholder_warnings(located)
    quotes = sum(passage.kind == "quote" for passage in passages)
    return VerificationReport(
        tuple(problems),
        quotes,
        len(passages) - quotes,
        numbers,
        tuple(checked.alterations),
        signables=tuple(signables),
        hand_typed=tuple(evidence.hand_typed),
        sources=len(sources),
        printed=checked.printed,
    )


@dataclass
class _Checked:
    """What the quote checks found beyond problems: alterations to sign off, quotes as printed."""

    alterations: list[QuoteAlterations] = field(default_factory=list)
    printed: dict[int, str] = field(default_factory=dict)
    deadline: float = field(default_factory=lambda: time.monotonic() + CHECK_SECONDS)


def _unsigned(located: LocatedSheet, items: list[Signable]) -> list[Problem]:
    """An error for every change without the approvals the sheet's policy asks for: the build refuses it
    (a draft aside). A change one person approved that needs two says who approved it."""
    problems = []
    for change in changes(located.yaml.file.parent, items, located.sheet.signoff):
        if change.signed:
            continue
        item = change.item
        so_far = f"; approved so far by {change.approvers}" if change.approvals else ""
        approve = f"factsheet review, or factsheet review --approve {item.identifier} --by 'Their Name'"
        hint = {
            "correction": correction_hint(item),
            "role": f"write the role as the source gives it; if it is right, people who checked it sign it off: "
            f"{approve}",
        }.get(item.kind, f"a person checks it keeps the speaker's meaning: {approve}")
        if change.needed > 1:
            hint += f" ({change.needed} different people must approve it{so_far})"
        location = (
            located.yaml.locate(item.path)
            if item.path is not None
            else Location.of(item.source_file or located.yaml.file, item.source_line)
        )
        problems.append(Problem(location, shorten(item.unsigned), hint, details=item.details))
    return problems


def _passages(located: LocatedSheet) -> Iterator[_Passage]:
    for index, quote in enumerate(located.sheet.quotes):
        yield _Passage("quote", ("quotes", index, "text"), quote.text, quote.source, quote.speaker)
    for field_name in ("facts", "sections", "demands"):
        for index, item in enumerate(getattr(located.sheet, field_name)):
            for cite_index, citation in enumerate(item.cite):
                if citation.excerpt:
                    path = (field_name, index, "cite", cite_index, "excerpt")
                    yield _Passage("excerpt", path, citation.excerpt, citation.source, page=citation.page)


def _check_passage(
    located: LocatedSheet, passage: _Passage, sources: Mapping[str, Source], checked: _Checked
) -> list[Problem]:
    location = located.yaml.locate(passage.path)
    suspicious = suspicious_character(passage.text)
    if suspicious:
        index, reason = suspicious
        return [
            Problem(
                located.yaml.locate_character(passage.path, passage.text[index]),
                f"this {passage.kind} contains {reason}",
                "retype the word by hand: it cannot match the source as it is",
            )
        ]
    wanted = normalize(passage.text)
    cited = sources[passage.source_id]
    found = search(wanted, cited, checked.deadline)
    if not found.matches:
        refusal = (found.refusal, found.refusal_offset)
        return [_not_found(location, passage, wanted, cited, refusal, sources, checked.deadline)]
    matches = found.matches
    if passage.page is not None:
        on_page = [match for match in matches if cited.page_at(match.start) == passage.page]
        if not on_page:
            return [_not_on_page(located, passage, cited, matches)]
        matches = on_page
    if passage.speaker:
        verdict = check_quote(passage.text, wanted, passage.speaker, cited, matches, passage.path)
        if verdict.problem:
            line = cited.line_at(verdict.offset)
            details = (f"the words are at {cited.path.name} line {line}",)
            return [Problem(location, shorten(verdict.problem), verdict.hint, details=details)]
        if verdict.ambiguous:
            return [_ambiguous(location, passage, cited, verdict.ambiguous)]
        assert verdict.alterations is not None
        if verdict.alterations.alterations:
            checked.alterations.append(verdict.alterations)
        checked.printed[int(passage.path[1])] = verdict.display
        return []
    if len({cited.normalized[match.start : match.end] for match in matches}) > 1:
        return [_ambiguous(location, passage, cited, matches)]
    return []


def _not_on_page(located: LocatedSheet, passage: _Passage, cited: Source, matches: list[Match]) -> Problem:
    """A cited page that does not hold the excerpt: the page it is on, or why the source has no pages."""
    location = located.yaml.locate((*passage.path[:-1], "page"))
    if not cited.pages:
        return Problem(
            location,
            f"'{cited.id}' has no pages: page is for a report captured from a PDF",
            "remove the page line, or capture the report itself: factsheet source add REPORT.pdf",
        )
    found_on = sorted({page for match in matches if (page := cited.page_at(match.start)) is not None})
    return Problem(
        location,
        f"this excerpt is on page {', '.join(map(str, found_on))} of '{cited.id}', not on page {passage.page}",
        f"cite page: {found_on[0]}" if found_on else "check the page number against the report",
    )


def _ambiguous(location: Location, passage: _Passage, cited: Source, matches: list[Match]) -> Problem:
    lines = ", ".join(str(cited.line_at(match.start)) for match in matches)
    altered = any(mark in passage.text for mark in ("...", "…", "["))
    return Problem(
        location,
        f"this {passage.kind} fits {len(matches)} different passages of '{cited.id}' (lines {lines})",
        "quote more words around each '...' or [bracket] so only one passage fits"
        if altered
        else "quote more of the sentence, so only one passage fits",
    )


def _not_found(
    location: Location,
    passage: _Passage,
    wanted: str,
    cited: Source,
    why: tuple[str, int],
    sources: Mapping[str, Source],
    deadline: float,
) -> Problem:
    refusal, refusal_offset = why
    elsewhere = [
        other.id for other in sources.values() if other.id != cited.id and search(wanted, other, deadline).matches
    ]
    if elsewhere:
        return Problem(
            location,
            f"this {passage.kind} is not in '{cited.id}' but is in '{elsewhere[0]}'",
            f"cite '{elsewhere[0]}' as its source",
        )
    if refusal:
        return Problem(
            location,
            f"this {passage.kind} alters its source: {refusal}",
            "keep every negation, number, hedge (may, allegedly) and condition (if, unless) the source has",
            details=(f"at {cited.path.name} line {cited.line_at(refusal_offset)}",),
        )
    return Problem(
        location,
        f"this {passage.kind} is not word for word in '{cited.id}'",
        "copy the words exactly; mark cuts with '...' and your own words with [brackets]",
        details=closest_passage(wanted, cited) if time.monotonic() < deadline else (),
    )
