"""What may identify a person or organisation in free text: names from a list, contact details, a
perceel number and capitalised words that look like personal names.

Shared by the quote screening of the qualitative chapters and the output check; it imports nothing
from the project, so either can use it.

* :func:`fold` compares text the way a reader would: accents, case, hyphens, spaces and punctuation do
  not count ('Co-valent' = 'Covalent', 'horeca sector' = 'horecasector'); :func:`fold_map` also
  gives, for every folded character, its position in the original text.
* :func:`find_names` finds names of a list in a text on folded text, also inside compounds
  ('horecasector' contains 'horeca'). Names of fewer than :data:`MIN_INSIDE` folded characters count
  only as whole words; a name ending (starting) in a digit is not followed (preceded) by another digit
  ('organisatie 9' is not in 'organisatie 90'); numbers are compared without leading zeros ('gesprek 01'
  = 'gesprek 1'). A match that begins inside one word and ends inside another ('toch outsourcing' for
  'hout') is a coincidence of letters and does not count.
* :data:`EMAIL`, :data:`WEBSITE`, :data:`PHONE` (Belgian landline and mobile numbers, national and
  international, grouped with spaces, dots, slashes or hyphens, also before a full stop or comma) and
  :data:`PERCEEL` ('perceel 4', 'percelen 2 en 3', 'Perceel IV', 'het vierde perceel').
* :func:`find_capitalised`: without a list of persons, a word with a capital initial and further lower
  case (at least three letters) that does not start a sentence is probably a proper noun in Dutch,
  where ordinary nouns are lower case; words of an allow-list are exempt, abbreviations in capitals
  never match.

A :class:`Hit` has the kind (a Dutch label for messages) and the position in the original text; a
message shows those, never the matched text itself.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

__all__ = [
    "Hit",
    "fold",
    "fold_map",
    "find_names",
    "find_patterns",
    "find_capitalised",
    "find_identifiers",
    "name_kind",
    "EMAIL",
    "WEBSITE",
    "PHONE",
    "PERCEEL",
    "PATTERNS",
    "MIN_INSIDE",
    "DENY_KIND",
    "PERSON_KIND",
]

# a name of at least this many folded characters is also found inside a longer word (a compound)
MIN_INSIDE = 4
# the kind of names that come from a deny list rather than from the metadata
DENY_KIND = "weigerlijst"
PERSON_KIND = "mogelijke persoonsnaam"

_SEP = r"(?:\s?[./-]\s?|\s)?"  # between digit groups: nothing, a space, or '.', '/', '-' with optional spaces


# Belgian telephone numbers: national 0 + 8 digits (landline, 'zone' 0X or 0XX) or 0 + 9 digits (mobile 04XX),
# international +32 / 0032 without the 0 (optionally '(0)'), the zone optionally in brackets; not part of a
# longer number (no digit right before or after), so a number before '.', ',', ';' or ')' is found
def _phone(separator: str, not_after: str) -> re.Pattern:
    return re.compile(
        rf"(?<![{not_after}])(?:"
        rf"(?:\+|00)\s?32{separator}(?:\(0\){separator})?[1-9](?:{separator}\d){{7,8}}"
        rf"|\(0[1-9]\d{{0,2}}\)\s?\d(?:{separator}\d){{4,7}}"
        rf"|0[1-9](?:{separator}\d){{7,8}}"
        r")(?!\d)"
    )


PHONE = _phone(_SEP, r"\w+")
# in whole reports (references with DOIs such as 10.1108/ER-08-2020-0386, thousands such as 1.072.640) a number
# only counts when its groups are separated by spaces, dots or slashes on one line and it does not continue
# another number or code
PHONE_IN_DOCUMENTS = _phone(r"(?:[ \t]?[./][ \t]?|[ \t])?", r"\w+./\-")
EMAIL = re.compile(r"[\w.+-]+(?:@|\s?[\[(]at[\])]\s?)[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
WEBSITE = re.compile(
    r"\b(?:https?://\S*\w|www\.[\w-]+(?:\.[\w-]+)+|[\w-]+\.(?:be|com|eu|org|net|nl|vlaanderen|"
    r"brussels|info)\b)",
    re.IGNORECASE,
)
_NUMBER = r"(?:\d+|[ivx]+|één|twee|drie|vier|vijf|zes)\b"
PERCEEL = re.compile(
    r"(?:\b(?:eerste|tweede|derde|vierde|vijfde|zesde)\s+perce(?:el|len)\b"
    rf"|perce(?:el|len)\s*(?:nr\.?\s*|nummer\s*)?{_NUMBER}(?:\s*(?:,|en|of|&|-|–|tot)\s*{_NUMBER})*)",
    re.IGNORECASE,
)
PATTERNS = {"e-mailadres": EMAIL, "webadres": WEBSITE, "telefoonnummer": PHONE, "perceelnummer": PERCEEL}

_SENTENCE_START = set(".!?:…") | set("\"'“”„‘’«»‹›") | set("([{")
_WORD = r"[^\W_](?:[^\W_]|[\u0300-\u036f])*"  # letters and digits, with combining accents (decomposed text)
_LETTERS = r"[^\W\d_](?:[^\W\d_]|[\u0300-\u036f])*"


@dataclass(frozen=True)
class Hit:
    """Something identifying at ``start:end`` (0-based, end exclusive) of the original text."""

    kind: str
    start: int
    end: int

    @property
    def position(self) -> str:
        """'teken 34-41': the first and last character, counted from 1."""
        return f"teken {self.start + 1}-{self.end}"

    def describe(self) -> str:
        """Kind and position, for a message; never the text itself."""
        return f"{self.kind} op {self.position}"


def name_kind(kind: str) -> str:
    """The label of a hit on a name of ``kind`` ('sectorfonds' -> 'naam uit de metadata: sectorfonds')."""
    return "woord uit de weigerlijst" if kind == DENY_KIND else f"naam uit de metadata: {kind}"


def fold_map(text: str) -> tuple[str, list[int]]:
    """The folded text (letters and digits only, without accents, case-folded) and for each of its
    characters the position of the character of ``text`` it comes from."""
    out: list[str] = []
    positions: list[int] = []
    for i, char in enumerate(str(text)):
        for part in unicodedata.normalize("NFKD", char):
            if unicodedata.combining(part):
                continue
            for c in part.casefold():
                if c.isalnum():
                    out.append(c)
                    positions.append(i)
    return "".join(out), positions


def fold(text: str) -> str:
    """``text`` as compared: no accents, case, spaces, hyphens or punctuation ('Co-valent' -> 'covalent')."""
    return fold_map(text)[0]


def _variants(name: str) -> set[str]:
    """Folded forms of a name: as is, and with its numbers without leading zeros and padded to two digits."""
    folded = fold(name)
    if not any(c.isdigit() for c in folded):
        return {folded} if folded else set()
    stripped = re.sub(r"\d+", lambda m: m.group().lstrip("0") or "0", folded)
    padded = re.sub(r"\d+", lambda m: m.group().zfill(2), stripped)
    return {v for v in (folded, stripped, padded) if v}


def _word_bounds(text: str) -> list[tuple[int, int]]:
    """For every character of ``text``, the start and end of the run of letters and digits it is in."""
    bounds: list[tuple[int, int]] = [(i, i + 1) for i in range(len(text))]
    for match in re.finditer(_WORD, text):
        for i in range(match.start(), match.end()):
            bounds[i] = (match.start(), match.end())
    return bounds


def _valid(text: str, bounds: list[tuple[int, int]], start: int, end: int, name: str) -> bool:
    """May a folded match of ``name`` at ``start:end`` of ``text`` count as that name?"""
    word_start, word_end = bounds[start][0], bounds[end - 1][1]
    if name[-1].isdigit() and end < len(text) and text[end].isdigit():
        return False
    if name[0].isdigit() and start > 0 and text[start - 1].isdigit():
        return False
    if len(name) < MIN_INSIDE:
        return start == word_start and end == word_end  # whole words only
    if bounds[start] == bounds[end - 1]:
        return True  # within one word: the word itself or a compound containing it
    return start == word_start or end == word_end  # across words: not from the middle of one into another


def _allowed(text: str, bounds: list[tuple[int, int]], start: int, end: int, allow: set[str]) -> bool:
    """Is the hit inside one word that the allow-list names and that is longer than the hit (an ordinary
    word containing a name, 'opbouwen' for 'bouw')? A name itself is never allowed."""
    word = bounds[start]
    if word != bounds[end - 1] or word == (start, end):
        return False
    return fold(text[word[0] : word[1]]) in allow


def find_names(
    text: str, names: Mapping[str, Iterable[str]], allow: Iterable[str] = (), shortest: int = 3
) -> list[Hit]:
    """Every occurrence of a name of ``names`` (kind -> names) in ``text``, on folded text (see module
    doc); names of fewer than ``shortest`` folded characters are ignored ('ja', a single initial).
    ``allow``: ordinary words that may contain a name (not the name itself)."""
    text = str(text)
    folded, positions = fold_map(text)
    bounds = _word_bounds(text)
    allowed = {fold(w) for w in allow}
    hits: list[Hit] = []
    for kind, values in names.items():
        forms = set().union(*(_variants(str(v)) for v in values)) if values else set()
        for form in sorted(f for f in forms if len(f) >= shortest):
            at = folded.find(form)
            while at >= 0:
                start, end = positions[at], positions[at + len(form) - 1] + 1
                if _valid(text, bounds, start, end, form) and not _allowed(text, bounds, start, end, allowed):
                    hits.append(Hit(name_kind(kind), start, end))
                at = folded.find(form, at + 1)
    return hits


def find_patterns(text: str) -> list[Hit]:
    """E-mail and web addresses, telephone numbers and perceel numbers in ``text``."""
    text = str(text)
    hits = []
    for kind, pattern in PATTERNS.items():
        for match in pattern.finditer(text):
            if kind == "telefoonnummer" and not _phone_digits(match.group()):
                continue
            hits.append(Hit(kind, match.start(), match.end()))
    return hits


def _phone_digits(number: str) -> bool:
    digits = re.sub(r"\D", "", number.replace("(0)", ""))
    if digits.startswith("0032"):
        digits = digits[4:]
    elif number.lstrip().startswith("+"):
        digits = digits[2:]
    else:
        return len(digits) in (9, 10)
    return len(digits) in (8, 9)


def _starts_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in _SENTENCE_START


def find_capitalised(text: str, allow: Iterable[str] = ()) -> list[Hit]:
    """Words that look like proper nouns: a capital initial ('IJ' counts as one letter) and further lower
    case, at least three letters, not at the start of a sentence (after the start of the text, '.', '!',
    '?', ':', a quote mark or an opening bracket), not in ``allow`` (compared folded)."""
    text = str(text)
    allowed = {fold(w) for w in allow}
    hits = []
    for match in re.finditer(_LETTERS, text):
        word = match.group()
        rest = word[2:] if word[:2] == "IJ" else word[1:]
        if len(word) < 3 or not word[0].isupper() or not rest or not rest.islower():
            continue
        if _starts_sentence(text, match.start()) or fold(word) in allowed:
            continue
        hits.append(Hit(PERSON_KIND, match.start(), match.end()))
    return hits


def find_identifiers(
    text: str, names: Mapping[str, Iterable[str]] | None = None, allow: Iterable[str] = ()
) -> list[Hit]:
    """All hits of :func:`find_names`, :func:`find_patterns` and :func:`find_capitalised` in ``text``,
    in order of position; a hit inside a longer one (a sector inside a fund's name, a capitalised word
    inside a name) is left out, as are repeats of a span."""
    allow = list(allow)
    found = find_names(text, names or {}, allow) + find_patterns(text) + find_capitalised(text, allow)
    # longest first; the first kind found for a span wins (names and patterns before the heuristic)
    order = sorted(range(len(found)), key=lambda i: (-(found[i].end - found[i].start), i))
    kept: list[Hit] = []
    for i in order:
        hit = found[i]
        if not any(k.start <= hit.start and hit.end <= k.end for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: (h.start, h.end))
