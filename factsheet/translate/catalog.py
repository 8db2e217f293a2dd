"""PO files for a sheet's translations: extract, update after the English changes, report, and load for a build.

A PO file is what volunteer translators already know (Poedit, Weblate, Crowdin open it): one entry per
translatable field, its context the field's YAML path (`facts[0].label`), a comment saying what the field is,
and a reference to the sheet's line. When the English of a field changes, `update` keeps the old translation
but marks it fuzzy with the previous English beside it, and a build refuses it until a translator has looked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

from factsheet.errors import FactsheetError, Location, Problem
from factsheet.reading import read_regular
from factsheet.sheet.validate import LocatedSheet
from factsheet.translate.checks import content_problems, hidden_problems
from factsheet.translate.fields import Field, translatable_fields
from factsheet.translate.languages import Language, language
from factsheet.write import write_atomic

TRANSLATIONS_FOLDER = "translations"
MAX_PO_BYTES = 2_000_000


@dataclass(frozen=True)
class Translation:
    """A sheet's texts in one language, by YAML path, checked against the English they translate."""

    language: Language
    po_file: Path
    texts: dict[tuple[str | int, ...], str]
    digest: str
    untranslated: tuple[str, ...] = ()
    """Fields printed in English because a draft was built with them missing, fuzzy or refused."""
    problems: tuple[Problem, ...] = ()
    reviewed: bool = False
    """Whether the PO file's header says a native speaker has reviewed it (`# Reviewed: yes, by ...`); until
    then the handout's small print says the translation is not yet reviewed."""


@dataclass
class Status:
    """How far one language's translation is: entries translated, fuzzy (English changed), missing."""

    language: str
    po_file: Path
    total: int = 0
    translated: int = 0
    fuzzy: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    outdated: list[str] = field(default_factory=list)


def po_path(located: LocatedSheet, code: str) -> Path:
    """Where a language's PO file is, confined to the campaign folder like its sources and templates (read
    and written): a translations folder or file that links elsewhere is refused."""
    campaign = located.yaml.file.parent.resolve()
    path = located.yaml.file.parent / TRANSLATIONS_FOLDER / f"{code}.po"
    for part in (path.parent, path):
        if part.is_symlink() or (part.exists() and not part.resolve().is_relative_to(campaign)):
            raise FactsheetError.at(
                Location.of(part),
                "the translation is a link to a file or folder outside the campaign",
                "copy the translation into the campaign's translations folder instead of linking to it",
            )
    return path


def extract(located: LocatedSheet, code: str) -> tuple[Path, int]:
    """Write a new, empty PO file for the language; returns it and its entry count. An existing file is kept."""
    target = language(code, located.yaml.locate(()))
    path = po_path(located, target.code)
    if path.exists():
        raise FactsheetError.at(
            Location.of(path),
            f"a translation into {target.name} already exists",
            f"run `factsheet translate update --lang {target.code}` to bring it up to date with the English",
        )
    catalog = _new_catalog(located, target)
    fields = list(translatable_fields(located.yaml))
    for item in fields:
        catalog.add(item.text, "", locations=_where(located, item), auto_comments=[item.what], context=item.context)
    _write(path, catalog)
    return path, len(fields)


def update(located: LocatedSheet, code: str) -> tuple[Path, int, int, int]:
    """Merge the PO file with the sheet's current English: (file, added, changed and so fuzzy, removed).
    An entry whose English changed is written with the old English as `#| msgid`; Babel does not read that
    line back, so a second update before the translator has looked keeps the entry fuzzy but drops the line."""
    target = language(code, located.yaml.locate(()))
    path = po_path(located, target.code)
    old = _read(path)
    by_context = _entries(old)
    catalog = _new_catalog(located, target)
    catalog.header_comment = old.header_comment
    added = changed = 0
    fields = list(translatable_fields(located.yaml))
    for item in fields:
        previous = by_context.get(item.context)
        message = catalog.add(
            item.text, "", locations=_where(located, item), auto_comments=[item.what], context=item.context
        )
        assert message is not None
        if previous is None:
            added += 1
            continue
        message.string = previous.string
        message.user_comments = previous.user_comments
        message.flags = set(previous.flags)
        if previous.id != item.text:
            changed += 1
            message.previous_id = [str(previous.id)]
            if message.string:
                message.flags.add("fuzzy")
    removed = len(set(by_context) - {item.context for item in fields})
    _write(path, catalog)
    return path, added, changed, removed


def status(located: LocatedSheet) -> list[Status]:
    """Every translation of the sheet with what is missing, fuzzy or outdated in it."""
    folder = located.yaml.file.parent / TRANSLATIONS_FOLDER
    fields = list(translatable_fields(located.yaml))
    found = []
    for path in sorted(folder.glob("*.po")):
        catalog = _read(path)
        by_context = _entries(catalog)
        report = Status(path.stem, path, total=len(fields))
        for item in fields:
            message = by_context.get(item.context)
            if message is None or not message.string:
                report.missing.append(item.context)
            elif message.fuzzy:
                report.fuzzy.append(item.context)
            elif message.id != item.text:
                report.outdated.append(item.context)
            else:
                report.translated += 1
        found.append(report)
    return found


def load_translation(located: LocatedSheet, code: str, *, also_covered: frozenset[int] = frozenset()) -> Translation:
    """The sheet's translation into `code`, with a problem at its PO line for every field that is missing,
    fuzzy, translates older English, loses or changes a number or a {column}, or has a character the
    language's fonts lack. Such a field keeps its English in `texts`; the build refuses the translation
    unless it is a draft. A missing or unreadable PO file raises."""
    from factsheet.sheet.glyphs import covered_characters

    target = language(code, located.yaml.locate(("language",)))
    path = po_path(located, target.code)
    if not path.is_file():
        raise FactsheetError.at(
            Location.of(path),
            f"the sheet has no translation into {target.name}",
            f"run `factsheet translate extract --lang {target.code}`, translate the file, and build again",
        )
    data = read_regular(path, MAX_PO_BYTES)
    catalog = _read(path, data)
    lines = data.decode("utf-8", errors="replace").splitlines()
    by_context = _entries(catalog)
    covered = covered_characters(target.code) | also_covered
    texts: dict[tuple[str | int, ...], str] = {}
    problems: list[Problem] = []
    untranslated: list[str] = []
    for item in translatable_fields(located.yaml):
        message = by_context.get(item.context)
        where = _msgstr_location(path, lines, message)
        if message is None or not message.string:
            untranslated.append(item.context)
            problems.append(Problem(where, f"{item.context} is not translated into {target.name}", _fill_hint(target)))
            continue
        if message.fuzzy or message.id != item.text:
            untranslated.append(item.context)
            hint = "check the translation against the new English, then clear the fuzzy mark (Poedit: 'Needs work')"
            if not message.fuzzy:
                hint = f"run `factsheet translate update --lang {target.code}`, then {hint}"
            problems.append(
                Problem(
                    where, f"the English of {item.context} changed since it was translated (the entry is fuzzy)", hint
                )
            )
            continue
        found = hidden_problems(item, str(message.string), path, lines, where)
        found = found or content_problems(item, str(message.string), target, where, covered)
        if found:
            untranslated.append(item.context)
            problems += found
        else:
            texts[item.path] = str(message.string)
    return Translation(
        target,
        path,
        texts,
        hashlib.sha256(data).hexdigest(),
        tuple(untranslated),
        tuple(problems),
        reviewed=is_reviewed(catalog.header_comment),
    )


def is_reviewed(header_comment: str) -> bool:
    """Whether the header has a `# Reviewed: yes ...` line (a native speaker has read the translation)."""
    for line in header_comment.splitlines():
        label, _, answer = line.lstrip("# ").partition(":")
        if label.strip().lower() == "reviewed":
            return answer.strip().lower().startswith("yes")
    return False


def _entries(catalog: Catalog) -> dict[str | None, Message]:
    """The catalog's entries by context; a plural entry (which no sheet field makes) is left out."""
    return {message.context: message for message in catalog if message.id and isinstance(message.id, str)}


def _fill_hint(target: Language) -> str:
    return f"write its {target.name} in the msgstr line (Poedit shows it as untranslated), or build with --draft"


def _msgstr_location(path: Path, lines: list[str], message: Message | None) -> Location:
    if message is None or message.lineno is None:
        return Location.of(path)
    for index in range(message.lineno - 1, min(len(lines), message.lineno + 200)):
        if lines[index].startswith("msgstr"):
            return Location.of(path, index + 1)
    return Location.of(path, message.lineno)


def _where(located: LocatedSheet, item: Field) -> list[tuple[str, int]]:
    return [(located.yaml.file.name, item.line or 1)]


def _new_catalog(located: LocatedSheet, target: Language) -> Catalog:
    catalog = Catalog(
        locale=target.locale,
        project=f"factsheet sheet '{located.sheet.slug}'",
        charset="utf-8",
        creation_date=dt.datetime(2000, 1, 1, tzinfo=dt.UTC),
        fuzzy=False,
    )
    catalog.header_comment = (
        f"# {target.name} translation of {located.yaml.file.name} ({located.sheet.title}).\n"
        "# Each entry is one field of the sheet: translate msgid into msgstr. Keep every number (write it the\n"
        "# way your language does) and every {column}. Quotes are printed with their original beside them.\n"
        "# Reviewed: no (change to 'Reviewed: yes, by <name>' once a native speaker has read every entry;\n"
        "# until then the handout's small print says the translation is not yet reviewed)"
    )
    catalog.language_team = target.name
    return catalog


def _read(path: Path, data: bytes | None = None) -> Catalog:
    data = data if data is not None else read_regular(path, MAX_PO_BYTES)
    try:
        return read_po(io.BytesIO(data), abort_invalid=True)
    except Exception as error:  # babel raises PoFileError, or ValueError for a broken header
        raise FactsheetError.at(
            Location.of(path, getattr(error, "lineno", None)),
            f"the PO file cannot be read: {error}",
            "open it in Poedit, which points at the broken entry, or run `factsheet translate update` on a copy",
        ) from None


def _write(path: Path, catalog: Catalog) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, omit_header=False, include_previous=True, sort_output=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, buffer.getvalue())
