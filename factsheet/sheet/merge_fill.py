"""Filling a mail-merge call to action from one row: plain substitution of `{column}`s, nothing evaluated."""

from __future__ import annotations

import re
from collections.abc import Mapping

from factsheet.sheet.model import CallToAction
from factsheet.sheet.outputs import MergeAction


def fill_action(action: MergeAction, fields: Mapping[str, str]) -> CallToAction:
    return CallToAction.model_construct(
        heading=fill(action.heading, fields), text=fill(action.text, fields), url=fill(action.url, fields)
    )


BRACED = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


def fill(pattern: str, fields: Mapping[str, str]) -> str:
    """`pattern` with each `{column}` replaced by the row's value and `{{`, `}}` by a brace. Nothing else is
    evaluated (str.format would follow `{name.__class__}` into Python objects): a brace group that is not
    a column of the row stays as written."""

    def replace(match: re.Match[str]) -> str:
        if match.group(0) in ("{{", "}}"):
            return match.group(0)[0]
        name = match.group(1)
        return fields[name] if name in fields else match.group(0)

    return BRACED.sub(replace, pattern)
