"""A span's text made a field's value, and where the sentences in it end.

:func:`_strip` and :func:`_title` take off what the span holds around the value (spaces,
punctuation, quotes, unbalanced brackets); :func:`_edition` and :func:`_number` take off the
words around an edition's or a report's number; :func:`_sentence_ends` finds the full stops that
end a sentence and not an abbreviation, where the repairs look for a boundary the model missed.
"""

from __future__ import annotations

import re

from refs.parse.patterns import odd_spaces

_QUOTES = "\"'“”‘’«»„‚‹›"
_EDGE = " .,;:/—–،؛" + _QUOTES  # (with the Arabic comma and semicolon)


_SPACES = re.compile(r"\s+")
#: quotation marks that open and close a quotation inside a value
_PAIRS = (("«", "»"), ("„", "“"), ("“", "”"), ("‚", "‘"), ("‘", "’"), ("‹", "›"), ('"', '"'))


def _strip(text: str) -> str:
    """A span's value: outer spaces, punctuation, quotes and unbalanced brackets removed."""
    if not text:
        return ""
    text = (_SPACES.sub(" ", text) if odd_spaces(text) else text)
    whole = text
    text = text.strip(_EDGE)
    if text and text[-1] not in _QUOTES:  # (a quotation closed at the end stays closed: "Ассоциация «Книга»")
        after = whole[len(whole) - len(whole.lstrip(_EDGE)) + len(text):].lstrip()
        for op, cl in _PAIRS:
            if after[:1] == cl and (text.count(op) % 2 if op == cl else text.count(op) > text.count(cl)):
                text += cl
                break
    if text.startswith("- "):  # (an area's dash set apart: "2004. - Berkut. 13 (1)")
        text = text[2:].strip(_EDGE)
    while len(text) > 1 and text[0] in "([" and text[-1] in ")]" and text.count("(") + text.count("[") <= 1:
        text = text[1:-1].strip(_EDGE)
    for op, cl in ("()", "[]"):  # (a bracket left alone at either end: "Title)", "231301(", ")100503")
        if text.count(op) < text.count(cl):
            text = text.rstrip(cl).strip(_EDGE)
            if text.count(op) < text.count(cl):
                text = text.lstrip(cl).strip(_EDGE)
        if text.count(op) > text.count(cl):
            text = text.lstrip(op).strip(_EDGE)
            if text.count(op) > text.count(cl):
                text = text.rstrip(op).strip(_EDGE)
    return text


_ABBR_END = re.compile(r"(?:\b[^\W\d_]|\.\.|\b(?:al|etc|ed|vol|no|Inc|Ltd|Co|St))\.$")
#: how far from the end a match of :data:`_ABBR_END` can start (searched from there: the
#: pattern tried at every position of a long title costs more than the title's other steps)
_ABBR_END_REACH = 8


def _title(text: str) -> str:
    """A title as printed, without the quotes around it and the punctuation after it
    (an abbreviation's full stop stays: "Proc. Natl. Acad. Sci.", "Phys. Rev. B")."""
    if not text:
        return ""
    text = (_SPACES.sub(" ", text) if odd_spaces(text) else text).strip(" ,;:/—–")
    if text.startswith("- "):
        text = text[2:].lstrip()
    for _ in range(2):
        if text.endswith(".") and not _ABBR_END.search(text, max(0, len(text) - _ABBR_END_REACH)):
            text = text[:-1].rstrip()
        if len(text) > 1 and text[0] in _QUOTES and text[-1] in _QUOTES:
            text = text[1:-1].strip()
        text = text.rstrip(",;:").strip()
    if text[:1] in _QUOTES and sum(text.count(q) for q in _QUOTES) == 1:
        text = text[1:].strip()
    if text[-1:] in _QUOTES and sum(text.count(q) for q in _QUOTES) == 1:
        text = text[:-1].strip()
    # what opens the next field: a bracket ("Civil Procedure ( St. Paul …"), a "by" before the
    # authors ("… Achievement Gaps by Robert Smith")
    if text.endswith(("(", "[", "by", "\n")):  # (where :data:`_DANGLING` can match)
        text = _DANGLING.sub("", text)
    # (no title ends in a hyphen: "The Mill on the Floss- George Eliot", "Title - Author")
    return text.rstrip(" ,;:-")


_DANGLING = re.compile(r"(?:\s+[(\[]|\s+by)$")


_EDITION_NUMBER = re.compile(r"(\d+)(?:st|nd|rd|th|e|ème|\.?\s*[ªºᵃ]|\.|-?е|η)?(?:\s|$)")
_EDITION_WORD = re.compile(
    r"[\s,]*\b(?:ed|edn|edition|éd|édition|Aufl|Auflage|ed\.ª|edición|edizione|edição|изд)\.?$", re.I)
_NUMBER_LABEL = re.compile(r"^(?:[^\W\d_]+\s+)?(?:No\.|no\.|Nr\.|nr\.|№|#|n°)\s*")


def _edition(text: str) -> str:
    """ "2nd ed." → "2", "23.ª ed." → "23", "5. Auflage" → "5"; a worded edition as printed
    without the word "edition" ("Revised ed." → "Revised")."""
    text = _strip(text)
    m = _EDITION_NUMBER.match(text)
    if m:
        return m.group(1)
    return _EDITION_WORD.sub("", text).strip() or text


def _number(text: str) -> str:
    """A report's number without its label: "Publication No. 12345" → "12345"."""
    return _NUMBER_LABEL.sub("", _strip(text))


#: a sentence's end inside a span: a word, its full stop (or "?", "!", a closing quotation
#: mark), spaces, then a capital: "… closing the gap. Cognition", "… ciblées. Objectif"
_SENTENCE_STOP = re.compile(r"(?P<word>[^\W\d_][^\s.?!]*)(?:[.?!][’”'\"]?|[’”'\"][.?!]?)"
                            r"\s+(?=[\"“‘A-ZÀ-ÖØ-Þ])")
#: lower-case abbreviations that end in a full stop without ending a sentence
_LOWER_ABBR = frozenset("eds trans transl repr rev vols nos suppl dept univ ibid comp comps coord".split())
_TERMINAL = frozenset(".?!\"”’'")


def _sentence_ends(text: str, capitalised: bool = False) -> list[tuple[int, int]]:
    """(end of the sentence, start of the next) for each sentence's end in ``text`` that is no
    abbreviation's full stop: after a lower-case word of three letters or more, a question mark
    or a closing quotation mark; with ``capitalised``, after a capitalised word of six letters or
    more too ("Injury.", but also "Astrophys.": only where no abbreviation follows)."""
    out = []
    for m in _SENTENCE_STOP.finditer(text):
        word, stop = m.group("word"), text[m.end("word")]
        letters = word.strip("’'\"”")
        if stop in "?!’”'\"" or (letters.islower() and len(letters) >= 3 and letters not in _LOWER_ABBR) \
                or (capitalised and letters[:1].isupper() and letters[1:].islower() and len(letters) >= 6):
            out.append((m.end("word"), m.end()))
    return out
