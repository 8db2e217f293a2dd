"""Chinese words kept whole at line ends: a headline breaks between words ("禁止 / 紐約警方"), never inside one
("紐約警方使 / 用"), as Chinese typesetting does and the Unicode line-break rules (any two Han characters)
do not.

Words are found with jieba's dictionary segmenter. Its dictionary is of Simplified Chinese, so Traditional
text is segmented through its character-for-character Simplified form (OpenCC's t2s tables), and the word
boundaries found there are applied to the text as written. jieba keeps its prepared dictionary in factsheet's
cache folder, not in the shared temp folder. Inside each word of two or more Han characters a
word joiner (U+2060: invisible, ignored by screen readers and copy-paste) forbids the break.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from factsheet.caching import cache_folder

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
WORD_JOINER = "\u2060"


def keep_han_words(text: str) -> str:
    """`text` with a word joiner between the Han characters of each word (unchanged without Han)."""
    if not HAN.search(text):
        return text
    simplified = _simplifier().convert(text)
    if len(simplified) != len(text):
        return text
    pieces, position = [], 0
    for word in _segmenter().cut(simplified, HMM=False):
        original = text[position : position + len(word)]
        position += len(word)
        pieces.append(WORD_JOINER.join(original) if len(word) > 1 and all(HAN.match(c) for c in word) else original)
    return "".join(pieces)


@cache
def _segmenter() -> Any:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    folder = cache_folder("jieba")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        jieba.dt.tmp_dir = str(folder)
    except OSError:
        jieba.dt.cache_file = None
    jieba.initialize()
    return jieba


@cache
def _simplifier() -> Any:
    from opencc import OpenCC

    return OpenCC("t2s")
