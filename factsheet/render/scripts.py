"""Spans a stylesheet cannot make itself: Korean words kept whole, runs of a script sized to match Latin, and
hashtags kept left-to-right inside right-to-left text (`#BantheScan`, not `BantheScan#`).

WeasyPrint ignores `word-break: keep-all`, so Korean would break inside words; each word that holds Hangul is
wrapped in a `.kw` span the language stylesheet keeps on one line. WeasyPrint has no `size-adjust` either, so
where a script's font looks smaller than Inter at the same size (Noto Naskh Arabic does), its runs are wrapped
in `.sc` spans the stylesheet enlarges. Only text between tags of the body is touched, never markup.
"""

from __future__ import annotations

import re

from factsheet.translate.languages import Language

SCRIPT_RANGES = {
    "arabic": "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff",
    "bengali": "\u0980-\u09ff",
    "hangul": "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af",
    "han": "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff",
}
_TAG = re.compile(r"(<[^>]*>)")
_HASHTAG = re.compile(r"(?<![\w&#])#[A-Za-z_][A-Za-z0-9_]*")
_KOREAN_WORD = re.compile(rf"[^\s<>]*[{SCRIPT_RANGES['hangul']}][^\s<>]*")


_NAME_TOKEN = re.compile(r"(?<![^\s>])[^\s<]*[A-ZÀ-ÖØ-ÞĄĆĘŁŃŚŹŻА-ЯЁ@/][^\s<]*")
"""A run between spaces holding a capitalised word (a name, an organisation, an English title inside Spanish
text), an e-mail or a web address: never hyphenated, since a reader would take 'Kit-chen' or 'Ins-tagram' for
a typo. The whole run, punctuation included, is wrapped, so the span's edges are spaces: WeasyPrint takes an
inline element's edge as a line-break opportunity. Not inside a link: WeasyPrint would give the span an
annotation of its own outside the link's tag, which PDF/UA refuses (links are unhyphenated by their style)."""


def mark_script_runs(html: str, printed_in: Language) -> str:
    """The document with Korean words and scaled script runs wrapped in spans, as the language asks, and in
    a hyphenated language each run naming something (see _NAME_TOKEN) marked to stay unhyphenated."""
    strings = printed_in.strings
    keep_words = strings.keep_words
    script = strings.script
    scaled = (
        re.compile(rf"[{SCRIPT_RANGES[script]}][{SCRIPT_RANGES[script]}\s\u200c\u200d،؛؟]*")
        if (script in SCRIPT_RANGES and strings.script_scale is not None)
        else None
    )
    right_to_left = printed_in.direction == "rtl"
    unhyphenated = strings.hyphenate is True
    if not keep_words and scaled is None and not right_to_left and not unhyphenated:
        return html
    head, separator, body = html.partition("<body")
    if not separator:
        return html
    parts = _TAG.split(body)
    skipping = in_link = False
    for index, part in enumerate(parts):
        if index % 2:
            lowered = part[:8].lower()
            if lowered.startswith(("<style", "<script", "<svg")):
                skipping = True
            elif lowered.startswith(("</style", "</script", "</svg")):
                skipping = False
            in_link = lowered.startswith(("<a ", "<a>")) or (in_link and not lowered.startswith("</a"))
            continue
        if skipping or not part or index == 0:
            continue
        if right_to_left:
            part = _HASHTAG.sub(lambda match: f'<bdi dir="ltr">{match.group(0)}</bdi>', part)
        if keep_words:
            part = _KOREAN_WORD.sub(lambda match: f'<span class="kw">{match.group(0)}</span>', part)
        if scaled is not None:
            part = scaled.sub(lambda match: _wrap_trimmed(match.group(0)), part)
        if unhyphenated and not in_link:
            part = _NAME_TOKEN.sub(lambda match: f'<span class="nh">{match.group(0)}</span>', part)
        parts[index] = part
    return head + separator + "".join(parts)


def _wrap_trimmed(run: str) -> str:
    trimmed = run.rstrip()
    return f'<span class="sc">{trimmed}</span>{run[len(trimmed) :]}'
