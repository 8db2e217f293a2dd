"""One preview: a sheet, the layout, paper, edition and language chosen on the page, and the latest result.

Each change (a file, a choice on the page, an approval) queues a rebuild on one builder thread, which takes
the one build path, `factsheet.pipeline.build`, into a private folder: the same check, the same render limits
(each render runs in a forked worker with a time limit and a memory ceiling) and the same PDF a build prints.
The pages shown are pictures of that PDF. While the sheet is broken, the last good pages are kept and
marked out of date beside the problems, so a typo never blanks the screen.

The preview process keeps the renderer loaded, so each build's worker is forked warm. A worker is not kept
waiting between builds: a long-lived fork of this threaded server holds copies of whatever sockets and pipes
were open when it forked (a browser's event stream, another program's pipes), which then never close.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from factsheet.campaign import Campaign, resolve_sheet
from factsheet.errors import FactsheetError, Location, Problem, display_path, errors_only
from factsheet.press.editions import EDITION_NAMES
from factsheet.press.layouts import DEFAULT_LAYOUT, LAYOUTS, PAPER_NAMES, LayoutName, PaperName
from factsheet.preview.evidence import Evidence, Item, context_lines, sheet_items
from factsheet.preview.pictures import page_pictures
from factsheet.preview.snapshot import Change, Settings, Snapshot
from factsheet.preview.watch import Watcher
from factsheet.resources import TEMPLATES_DIR


class PreviewSession:
    """The state of one preview, safe to read from the server's threads while the builder thread works."""

    def __init__(self, sheet: Path | None, settings: Settings) -> None:
        self.sheet_path = resolve_sheet(sheet)
        self.campaign = Campaign(self.sheet_path)
        self._work = Path(tempfile.mkdtemp(prefix="factsheet-preview-"))
        self._condition = threading.Condition()
        self._snapshot = Snapshot(settings=settings, languages=self._languages())
        self._wanted = 1
        self._stopping = False
        self._builder = threading.Thread(target=self._build_loop, name="factsheet-preview-build", daemon=True)
        self._watcher = Watcher(lambda: [self.campaign.folder, TEMPLATES_DIR], self.rebuild)

    def start(self) -> None:
        self._builder.start()
        self._watcher.start()

    def stop(self) -> None:
        """Stop watching and building (a render under way is left to its worker's time limit) and remove the
        private build folder."""
        with self._condition:
            self._stopping = True
            self._condition.notify_all()
        self._watcher.stop()
        if self._builder.is_alive():
            self._builder.join(timeout=35)
        shutil.rmtree(self._work, ignore_errors=True)

    @property
    def snapshot(self) -> Snapshot:
        with self._condition:
            return self._snapshot

    def wait_for(self, generation: int, timeout: float) -> Snapshot:
        """The snapshot once its generation passes `generation`, or the current one after `timeout`."""
        with self._condition:
            self._condition.wait_for(lambda: self._snapshot.generation > generation or self._stopping, timeout)
            return self._snapshot

    def rebuild(self) -> None:
        """Queue a rebuild; several queued before the builder gets to them make one."""
        with self._condition:
            self._wanted += 1
            self._condition.notify_all()

    def choose(self, **fields: str | None) -> Settings:
        """Switch layout, paper, edition or language; unknown names raise ValueError with the choices."""
        current = self.snapshot.settings
        allowed: dict[str, Sequence[str | None]] = {
            "layout": tuple(LAYOUTS),
            "paper": PAPER_NAMES,
            "edition": EDITION_NAMES,
            "language": (None, *self.snapshot.languages),
        }
        for name, value in fields.items():
            if name not in allowed:
                raise ValueError(f"unknown setting {name!r}")
            if value not in allowed[name]:
                raise ValueError(f"{name} must be one of: {', '.join(str(choice) for choice in allowed[name])}")
        chosen = replace(current, **fields)  # type: ignore[arg-type]
        with self._condition:
            self._snapshot = replace(self._snapshot, settings=chosen, generation=self._snapshot.generation + 1)
            self._wanted += 1
            self._condition.notify_all()
        return chosen

    def evidence(self, key: str) -> tuple[Item, tuple[Evidence, ...]] | None:
        """The item with this key and where its words stand in their sources."""
        for item in self.snapshot.items:
            if item.key == key:
                return item, item.evidence
        return None

    def approve(self, identifier: str, by: str) -> Path:
        """Sign off one alteration exactly as `factsheet review --approve ID --by NAME` does."""
        from factsheet.pipeline import check
        from factsheet.verify.review import approve

        checked = check(self.sheet_path)
        known = {change.identifier: change for change in checked.changes()}
        where = Location.of(self.sheet_path)
        if identifier not in known:
            raise FactsheetError.at(
                where,
                f"no alteration {identifier} in this sheet",
                "the quote or its source changed since the page was drawn; choose the quote again",
            )
        path = approve(self.campaign.folder, [known[identifier]], by, where)
        self.rebuild()
        return path

    def _languages(self) -> tuple[str, ...]:
        from factsheet.translate.catalog import TRANSLATIONS_FOLDER

        folder = self.campaign.folder / TRANSLATIONS_FOLDER
        return tuple(sorted(path.stem for path in folder.glob("*.po"))) if folder.is_dir() else ()

    def _build_loop(self) -> None:
        built = 0
        while True:
            with self._condition:
                self._condition.wait_for(partial(self._queued_since, built))
                if self._stopping:
                    return
                built = self._wanted
                self._snapshot = replace(
                    self._snapshot, building=True, generation=self._snapshot.generation + 1, languages=self._languages()
                )
                self._condition.notify_all()
                settings = self._snapshot.settings
            try:
                result = self._refresh(settings)
            except Exception:
                traceback.print_exc(file=sys.stderr)
                problem = Problem(
                    Location.of(self.sheet_path),
                    "the preview could not build this sheet because of an error inside factsheet",
                    "the traceback is in the terminal running the preview; please report it as a bug",
                )
                result = {"problems": (problem,), "contexts": ((),), "fresh": False, "summary": "internal error"}
            with self._condition:
                current = self._snapshot
                if current.settings != settings:
                    result = {key: value for key, value in result.items() if key not in ("pages", "pdf", "fresh")}
                self._snapshot = replace(current, building=False, generation=current.generation + 1, **result)
                if "pages" in result:
                    self._snapshot = replace(self._snapshot, pages_generation=self._snapshot.generation)
                self._condition.notify_all()

    def _queued_since(self, built: int) -> bool:
        return self._stopping or self._wanted > built

    def _refresh(self, settings: Settings) -> dict[str, Any]:
        """Check the sheet, then build the chosen output; what changed, as Snapshot fields."""
        from factsheet.batch.plan import BuildRequest
        from factsheet.pipeline import build, check

        started = time.perf_counter()
        languages = (settings.language,) if settings.language else ()
        problems: list[Problem] = []
        fields: dict[str, Any] = {"fresh": False, "items": (), "changes": ()}
        try:
            checked = check(self.sheet_path, languages=languages)
        except FactsheetError as error:
            problems += error.problems
            summary = "the sheet cannot be read or is not valid"
        else:
            problems += checked.problems
            items = sheet_items(checked.located, checked.sources, problems)
            fields["items"] = tuple(items)
            fields["changes"] = self._changes(checked)
            summary = checked.summary()
            if LAYOUTS[settings.layout].bilingual and not settings.language:
                problems.append(self._bilingual_needs_a_language())
                summary = "choose the bilingual sheet's second language"
            if not errors_only(problems):
                request = BuildRequest(
                    layouts=(settings.layout,),
                    papers=(settings.paper,),
                    edition=settings.edition,
                    languages=languages,
                    jobs=1,
                )
                try:
                    result = build(self.sheet_path, request, output_dir=self._work)
                except FactsheetError as error:
                    problems += error.problems
                    summary = "the handout could not be printed"
                else:
                    problems += result.render_warnings
                    pdf_path = result.outputs[0].path
                    pdf = pdf_path.read_bytes()
                    pages, sizes = page_pictures(pdf)
                    fields |= {"pdf": pdf, "pdf_name": pdf_path.name, "pages": pages, "page_sizes": sizes}
                    fields["fresh"] = True
        allowed = [self.campaign.folder, TEMPLATES_DIR]
        fields["problems"] = tuple(problems)
        read: dict[Path, list[str]] = {}
        fields["contexts"] = tuple(tuple(context_lines(problem, allowed, read)) for problem in problems)
        fields["summary"] = summary
        fields["seconds"] = time.perf_counter() - started
        return fields

    def _bilingual_needs_a_language(self) -> Problem:
        languages = self._languages()
        return Problem(
            Location.of(self.sheet_path),
            "the bilingual layout prints the sheet with one of its translations on the back",
            f"choose it in the Language menu ({', '.join(languages)})"
            if languages
            else "this sheet has no translation yet: factsheet translate extract --lang CODE makes one",
        )

    def _changes(self, checked: Any) -> tuple[Change, ...]:
        return tuple(
            Change(
                change.identifier,
                "/".join(map(str, change.item.path[:2])) if change.item.path else change.item.subject,
                change.item.change,
                change.item.evidence,
                ", ".join(approval.approved_by for approval in change.approvals) or None,
                change.needed,
                change.signed,
            )
            for change in checked.changes()
        )

    @property
    def shown_sheet(self) -> str:
        return display_path(self.sheet_path)


def first_output(sheet_path: Path) -> tuple[LayoutName, PaperName]:
    """The layout and paper of the sheet's first declared output, to show first; one-pager on Letter when the
    sheet cannot be read yet (the page then shows why)."""
    from factsheet.pipeline import locate

    try:
        output = locate(sheet_path).sheet.outputs[0]
    except FactsheetError:
        return DEFAULT_LAYOUT, "letter"
    return output.layout, output.papers[0]
