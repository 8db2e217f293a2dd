"""People's names as the news writes them: runs of capitalized words with their initials ("C. Eugene
Steuerle", "William G. Gale"), particles ("Ursula von der Leyen", "de Blasio") and suffixes ("King Jr."),
honorifics and titles dropped ("Mr. Reeves", "Dr. Shadlen", "Council Member Lena Park"), and what is not a
person's name: a place after a preposition, a possessive, an alias ("his Budgethawk alias"), an organisation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

PARTICLES = frozenset({"de", "van", "von", "da", "del", "der", "la", "le", "al", "bin", "du", "di", "dos", "ten"})
NOT_NAMES = frozenset(
    {
        *("The", "A", "An", "In", "On", "At", "But", "And", "Yet", "He", "She", "They", "It", "This", "That"),
        *("We", "I", "His", "Her", "Their", "Its", "Our", "My", "You", "Your", "As", "If", "When", "After"),
        *("January", "February", "March", "April", "May", "June", "July", "August", "September", "October"),
        *("November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    }
)
PLACE_WORDS = frozenset(
    {"in", "at", "from", "of", "to", "across", "near", "outside", "inside", "around", "for", "by", "with", "against"}
)
"""A capitalized run right after one of these is a place, an organisation or someone spoken of ("in New York",
"by NYPD"), not the speaker; so is a possessive ("Amnesty International's director")."""
HONORIFICS = frozenset(
    {"Mr", "Mrs", "Ms", "Mx", "Dr", "Sen", "Gov", "Rev", "Rep", "Det", "Sgt", "Lt", "Gen", "Prof", "Capt", "Col"}
    | {"Insp", "Atty", "Supt", "Cmdr", "Adm", "Hon", "Fr"}
)
"""Abbreviated honorifics and ranks written with a full stop before a name: the stop does not end the name."""
TITLES = frozenset(
    {
        *("Mayor", "Senator", "Representative", "Council", "Member", "Councilmember", "Director", "Commissioner"),
        *("Governor", "President", "Chief", "Officer", "Judge", "Detective", "Assemblymember", "Secretary"),
        *("Minister", "Chair", "Chairman", "Chairwoman", "Professor", "Executive", "Deputy", "Attorney", "General"),
        *("Speaker", "Sergeant", "Captain", "Lieutenant", "Reverend", "Doctor", "Spokesperson", "Spokesman"),
        *HONORIFICS,
    }
)
"""Words of a title before a name ("Council Member Lena Park"): the speaker is the name after them."""
NAME_SUFFIXES = frozenset({"Jr", "Sr", "II", "III", "IV", "PhD", "MD", "Esq"})
ALIAS_WORDS = frozenset({"alias", "handle", "username", "pseudonym", "nickname", "moniker", "account"})
ORGANISATION_WORDS = frozenset(
    {
        *("Department", "Council", "Center", "Centre", "Institute", "Institution", "University", "College"),
        *("Police", "Agency", "Office", "Committee", "Association", "Project", "Union", "Party", "Court"),
        *("Board", "Commission", "Hall", "Times", "News", "Post", "Company", "Inc", "Corp", "Foundation"),
        *("Coalition", "Network", "Services", "Group", "Bureau", "Administration", "Authority", "Senate"),
    }
)
QUOTE_MARKS = '"“”«»„'
"""A quotation mark at a word's edge ends a name: "... not the NYPD," Cahn added" names Cahn, not "NYPD Cahn"."""
INITIAL = re.compile(r"^(?:[A-Z]\.){1,2}$")
NOT_AFTER_ABBREVIATION = "(?<!\\b[A-Z])" + "".join(f"(?<!\\b{word})" for word in sorted(HONORIFICS))
"""Lookbehinds for a full stop that ends no sentence: after an initial ("C.") or an honorific ("Mr.")."""


@dataclass(frozen=True)
class Run:
    """A run of capitalized words: the name (its last three words, titles dropped) and the token indexes it
    spans in the text it was found in."""

    name: str
    start: int
    end: int
    full: str = ""
    """Every word of the name as written, titles dropped ("Ursula von der Leyen")."""

    @property
    def is_person(self) -> bool:
        """Not an organisation's name ("Test Police Department") nor an acronym ("NYPD")."""
        words = self.name.split()
        return not (set(words) & ORGANISATION_WORDS) and not (len(words) == 1 and words[0].isupper())


def name_runs(text: str) -> list[Run]:
    """Runs of capitalized words (with particles such as 'de' and initials such as 'G.'), less runs right
    after a preposition of place ("in New York"), possessives, aliases and words that are never names."""
    tokens = text.split()
    runs: list[Run] = []
    current: list[str] = []
    start = 0
    previous = ""

    def close(end: int, dropped: bool = False) -> None:
        following = tokens[end].strip(",.;:'’\"()").lower() if end < len(tokens) else ""
        if current and not dropped and following not in ALIAS_WORDS and not all(w in PARTICLES for w in current):
            words = untitled(current)
            kept = [word for word in words if word.rstrip(".") not in NAME_SUFFIXES]
            short = words[len(kept) - 3 :] if len(kept) > 3 else words
            runs.append(Run(" ".join(short), start, end, " ".join(words)))
        current.clear()

    for index, token in enumerate(tokens):
        if token[:1] in QUOTE_MARKS:
            close(index)
        bare = token.strip(",;:'’\"()")
        initial = INITIAL.match(bare) is not None or (bare.rstrip(".") in HONORIFICS and bare.endswith("."))
        suffix = bare.rstrip(".,") in NAME_SUFFIXES and bare.rstrip(",").endswith(".")
        word = bare.rstrip(",") if initial or suffix else bare.strip(".").removesuffix("’s").removesuffix("'s")
        following = tokens[index + 1][:1] if index + 1 < len(tokens) else ""
        particle = word in PARTICLES and (bool(current) or following.isupper())
        is_name = bool(word) and word not in NOT_NAMES and (word[:1].isupper() or particle)
        if is_name and not (not current and previous in PLACE_WORDS):
            if not current:
                start = index
            current.append(word)
        else:
            close(index)
        if token[-1:] in QUOTE_MARKS or (not initial and token.endswith((",", "’s", "'s", ".", ";", ":"))):
            close(index + 1, dropped=token.rstrip(",.;:").endswith(("’s", "'s")))
        previous = word.lower()
    close(len(tokens))
    return runs


def untitled(run: list[str]) -> list[str]:
    """A name without the titles, honorifics and descriptions before it ("Dr. Jo Ann Hardtest" is "Jo Ann
    Hardtest", "NYC Mayor Bill de Blasio" is "Bill de Blasio")."""
    words = list(run)
    titles = [index for index, word in enumerate(words[:-1]) if word.rstrip(".") in TITLES]
    return words[titles[-1] + 1 :] if titles else words


def named_elsewhere(word: str, text: str) -> bool:
    """Whether the source writes `word` capitalized in the middle of a sentence somewhere (after a word or a
    comma, not after a full stop or a quotation mark): then it is a name, not a capitalized first word."""
    return re.search(rf"[\w,]\s+{re.escape(word)}\b", text) is not None


def surname(speaker: str) -> str:
    """The word a source uses to name a speaker after first mention: the last word of the name, a suffix
    such as "Jr." aside (Martin Luther King Jr. is "King")."""
    words = [word for word in re.findall(r"[\w'’-]+", speaker) if word not in NAME_SUFFIXES]
    return words[-1] if words else speaker


def full_name(name: str, paragraphs: Iterable[str]) -> str:
    """The fullest form of `name` the paragraphs write ("Kleinman" → "Michael Kleinman"), for suggestions."""
    last = surname(name)
    fuller = [
        run.full
        for paragraph in paragraphs
        for run in name_runs(paragraph)
        if run.is_person and surname(run.full) == last and len(run.full.split()) <= 5
    ]
    return max(fuller, key=lambda candidate: len(candidate.split()), default=name)
