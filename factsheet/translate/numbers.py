"""Numbers survive translation: every number in a translated text must be one the English has, by value.

The English is read with its own separators (`9,850`, `2.5`); the translation with its language's, from CLDR
through Babel (`9.850` in Spanish, `9 850` in French, `٩٬٨٥٠` in Arabic digits, `১২,৩৪,৫৬৭` in Bengali lakhs),
so a number copied in the English format where the language reads it differently (`9,850` is 9.85 to a
Spanish reader) is caught too. A month the English writes as a word may appear as a number (`2020年8月7日`),
and nothing else may be added.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from decimal import Decimal, InvalidOperation

from babel import Locale
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol

MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
MONTH_WORD = re.compile(r"\b(" + "|".join(MONTHS) + r")[a-z]*\b", re.IGNORECASE)
ENGLISH_NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?")
SPACES = "\u0020\u00a0\u202f\u2009"


MAGNITUDES: dict[str, dict[str, int]] = {
    "en": {"thousand": 3, "million": 6, "billion": 9, "trillion": 12, "bn": 9},
    "es": {"mil": 3, "millón": 6, "millones": 6, "billón": 12, "billones": 12},
    "fr": {"mille": 3, "million": 6, "millions": 6, "milliard": 9, "milliards": 9},
    "pl": {"tys.": 3, "tysiąc": 3, "tysiące": 3, "tysięcy": 3, "mln": 6, "milion": 6, "miliony": 6, "milionów": 6}
    | {"mld": 9, "miliard": 9, "miliardy": 9, "miliardów": 9},
    "ru": {"тыс.": 3, "тысяча": 3, "тысячи": 3, "тысяч": 3, "млн": 6, "миллион": 6, "миллиона": 6}
    | {"миллионов": 6, "млрд": 9, "миллиард": 9, "миллиарда": 9, "миллиардов": 9},
    "ht": {"mil": 3, "milyon": 6, "milya": 9},
    "zh": {"千": 3, "萬": 4, "万": 4, "億": 8, "亿": 8},
    "ko": {"천": 3, "만": 4, "억": 8},
    "bn": {"হাজার": 3, "লাখ": 5, "লক্ষ": 5, "কোটি": 7},
    "ar": {"ألف": 3, "آلاف": 3, "مليون": 6, "ملايين": 6, "مليار": 9, "مليارات": 9},
    "ur": {"ہزار": 3, "لاکھ": 5, "کروڑ": 7, "ملین": 6, "ارب": 9},
}
"""Words that scale the number before them ("9,8 millones", "1.1万", "৯৮ লাখ"), by language: a number is
compared with its magnitude, so "9.850 millones" is not 9,850."""


def _scaled(value: Decimal, text: str, end: int, language: str) -> Decimal:
    """`value` times every magnitude word right after it ("9 mil millones" is 9 × 10³ × 10⁶)."""
    words = MAGNITUDES.get(language.split("_")[0].split("-")[0], {})
    position = end
    while True:
        rest = text[position:]
        gap = len(rest) - len(rest.lstrip(SPACES))
        found = next((word for word in sorted(words, key=len, reverse=True) if _starts_word(rest[gap:], word)), None)
        if found is None:
            return value
        value *= Decimal(10) ** words[found]
        position += gap + len(found)


def _starts_word(text: str, word: str) -> bool:
    if not text.lower().startswith(word):
        return False
    following = text[len(word) : len(word) + 1]
    return word.endswith(".") or not following.isalpha() or (not word.isascii() and not following.isascii())


def english_numbers(text: str) -> Counter[Decimal]:
    """Every number the English text writes, by value (with its magnitude: "3 million")."""
    return Counter(
        _scaled(_value(match.group(0).replace(",", "")), text, match.end(), "en")
        for match in ENGLISH_NUMBER.finditer(text)
    )


def translated_numbers(text: str, locale: Locale) -> list[tuple[str, Decimal]]:
    """Every number the translation writes, as written and by value in its language's format."""
    group, decimal = _symbols(locale)
    groups = "".join(sorted(set(group + (SPACES if group.strip() == "" else "") + ("٬" if group == "," else ""))))
    decimals = "".join(sorted(set(decimal + ("٫" if decimal == "." else ""))))
    grouped = rf"\d+(?:[{re.escape(groups)}]\d{{3}}(?!\d))*"
    if _secondary_grouping(locale) == 2:
        grouped = rf"\d{{1,2}}(?:[{re.escape(groups)}]\d{{2}})*[{re.escape(groups)}]\d{{3}}(?!\d)|{grouped}"
    pattern = re.compile(rf"(?:{grouped})(?:[{re.escape(decimals)}]\d+)?")
    found = []
    for match in pattern.finditer(text):
        written = match.group(0)
        plain = "".join(str(unicodedata.decimal(c)) if c.isdigit() else c for c in written)
        plain = "".join(c for c in plain if c not in groups)
        value = _value(plain.replace(decimal, ".").replace("٫", "."))
        found.append((written, _scaled(value, text, match.end(), str(locale))))
    return found


def number_problem(english: str, translation: str, locale: Locale) -> tuple[str, str] | None:
    """What is wrong with the translation's numbers (message, fix), or None when they are the English's."""
    wanted = english_numbers(english)
    months = Counter(
        Decimal([name[:3] for name in MONTHS].index(match.group(1).lower()[:3]) + 1)
        for match in MONTH_WORD.finditer(english)
    )
    written = translated_numbers(translation, locale)
    found: Counter[Decimal] = Counter(value for _text, value in written)
    missing = wanted - found
    extra = found - wanted - months
    if not missing and not extra:
        return _percent_problem(english, translation, locale)
    parts = []
    if missing:
        parts.append("drops " + ", ".join(_plain(value) for value in sorted(missing.elements())))
    if extra:
        shown = [
            text if text == f"{value}" else f"{text} (read in {locale.english_name} as {_plain(value)})"
            for text, value in written
            if value in extra
        ]
        parts.append("has " + ", ".join(shown) + ", which the English does not")
    english_written = {
        _scaled(_value(match.group(0).replace(",", "")), english, match.end(), "en"): match.group(0)
        for match in ENGLISH_NUMBER.finditer(english)
    }
    native = ", ".join(_localised(value, english_written[value], locale) for value in sorted(wanted)) or "none"
    return (
        f"the translation {' and '.join(parts)}",
        f"keep the English's numbers, written the {locale.english_name} way: {native}",
    )


ENGLISH_PERCENT = re.compile(r"\d\s?(?:%|percent\b|per\s?cent\b)", re.IGNORECASE)
PERCENT = re.compile(
    r"[%٪﹪％]|por\s?ciento|pour\s?cent|procent|процент|퍼센트|শতাংশ|في\s?المئة|بالمئة|فیصد|pousan|pousant",
    re.IGNORECASE,
)
"""How the languages factsheet prints write 'percent', as a sign or a word."""


def _percent_problem(english: str, translation: str, locale: Locale) -> tuple[str, str] | None:
    """A share stays a share: as many percentages in the translation as in the English ("90%" written as a
    bare 90 reads as a count)."""
    wanted, found = len(ENGLISH_PERCENT.findall(english)), len(PERCENT.findall(translation))
    if wanted == found:
        return None
    return (
        f"the translation writes {found} percentage(s) where the English has {wanted}",
        f"keep each '%' of the English with its number, written the {locale.english_name} way",
    )


def _localised(value: Decimal, english: str, locale: Locale) -> str:
    """The number as the language writes it; grouped only where the English grouped it (years stay 2019)."""
    return format_decimal(value, locale=locale, group_separator="," in english)


def _plain(value: Decimal) -> str:
    """A value as English writes it: 9,850 or 9.85."""
    return f"{int(value):,}" if value == value.to_integral_value() else f"{value.normalize():,f}"


def _secondary_grouping(locale: Locale) -> int:
    """How many digits the language groups above the thousands: 2 where it writes lakhs (১২,৩৪,৫৬৭ in Bengali)."""
    pattern = locale.decimal_formats.get(None)
    return int(pattern.grouping[1]) if pattern is not None else 3


def _symbols(locale: Locale) -> tuple[str, str]:
    return get_group_symbol(locale), get_decimal_symbol(locale)


def _value(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:
        return Decimal(0)
