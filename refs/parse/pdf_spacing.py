"""Spaces a PDF's text layer moved, put back before a string is parsed.

Text copied from a PDF (and GROBID's and other extractors' output) often has the space on
the wrong side of the punctuation, or none at all: "Symmetry ,1112 .5166", "Phys .Rev .D85
( 2012)094025", "Leenaarts J2017 A&A 597", "Phys.227 ,605". A string is mended only when it
shows such signs (:func:`spaced`); typed text keeps its spacing (a French " : ", "Jr.", "0.5").
"""

from __future__ import annotations

import re

#: the signs: a comma, semicolon or colon with its space before it ("Symmetry ,1112"), a full
#: stop spaced away from its word ("Phys .Rev"), an opening parenthesis before a spaced number,
#: a number cut at its dot ("1609 .07416")
_SIGNS = re.compile(r"[^\s,.;:] [,;:](?=[^\W_])|[^\W\d_] \.(?=\w)|\( \d|\d \.\d")

_SPLIT_NUMBER = re.compile(r"(?<=\d) \.(?=\d)")  # "1609 .07416"
#: an arXiv identifier (year and month, a full stop, four or five digits) cut after its full stop
_SPLIT_ARXIV = re.compile(r"(?<![\d.])(\d\d(?:0[1-9]|1[0-2]))\. (?=\d{4,5}(?:v\d+)?\b)")
#: a bracket glued to the number before it, opening a preprint's identifier: "466(Preprint"
_PAREN_GLUED = re.compile(r"(?<=\d)\((?=Preprint|arXiv|astro-ph|hep-|gr-qc)")
_STOP_BEFORE = re.compile(r"(?<=\w) \.(?=[,;:)\]]|$)")  # "Ser .," "2011 ."
_MOVED_STOP = re.compile(r"(?<=\w) \.(?=\w)")  # "Phys .Rev"
_MOVED_COMMA = re.compile(r"\s+([,;])\s*(?=[^\s,;:])|\s+(:)(?=[^\s,;:])")  # "Symmetry ,1112" "arXiv :1203"
_SPACED_RANGE = re.compile(r"(?<=\d) ?([-–]) ?(?=\d)")  # "608 -612", "1- 59"
_GLUED_COMMA = re.compile(r"(?<=\S)([,;])(?=[^\W_])")  # "D.N.,Falcone", "Lett. 71,666"
_OPEN_SPACE = re.compile(r"([(\[])\s+")  # "( 2012)"
_CLOSE_SPACE = re.compile(r"\s+([)\]])")  # "(2012 )"
_CLOSE_GLUED = re.compile(r"(?<=[)\]])(?=[^\W_])")  # "(2012)094025"
_YEAR_GLUED = re.compile(r"(?<=\w)(?=\((?:1[6-9]|20)\d\d[a-z]?\))")  # "666-669(1993)"
_INITIAL_YEAR = re.compile(r"(?<=\s[A-Z])(?=(?:1[6-9]|20)\d\d\b)")  # "Leenaarts J2017"
_WORD_NUMBER = re.compile(r"(?<=[^\W\d_]{3})(?=\d+\b)")  # "Preprint1609", "SPIE8443", "Astronomy10"
_ABBREV_NUMBER = re.compile(r"(?<=[^\W\d_]{2}\.)(?=\d)")  # "Phys.227"


def spaced(text: str) -> bool:
    """Whether ``text`` shows the signs of a PDF's moved spaces."""
    return bool(_SIGNS.search(text))


#: what is never mended: an address or a DOI ("10.1007/JHEP06(2010)043" is one identifier)
_KEPT = re.compile(r"(?:https?://|www\.)\S+|10\.\d{4,9}/[^\s,;]+")


def mend(text: str) -> str:
    """``text`` with the moved spaces put back: "Symmetry ,1112 .5166" → "Symmetry, 1112.5166",
    "Phys .Rev .D85 ( 2012)094025" → "Phys. Rev. D85 (2012) 094025", "vol .293 ,no .1" →
    "vol. 293, no. 1", "Leenaarts J2017" → "Leenaarts J 2017", '," Entanglement in many-body
    systems ,"Rev.' → ', "Entanglement in many-body systems," Rev.'."""
    kept: list[str] = []

    def hold(m: re.Match[str]) -> str:
        kept.append(m.group())
        return "\ue000" * len(kept)  # (a placeholder none of the patterns below sees as a word)

    text = _KEPT.sub(hold, text)
    text = _SPLIT_NUMBER.sub(".", text)
    text = _SPLIT_ARXIV.sub(r"\1.", text)
    text = _STOP_BEFORE.sub(".", text)
    text = _MOVED_STOP.sub(". ", text)
    text = _MOVED_COMMA.sub(lambda m: (m.group(1) or m.group(2)) + " ", text)
    text = _SPACED_RANGE.sub(r"\1", text)
    text = _GLUED_COMMA.sub(r"\1 ", text)
    text = _OPEN_SPACE.sub(r"\1", text)
    text = _CLOSE_SPACE.sub(r"\1", text)
    text = _CLOSE_GLUED.sub(" ", text)
    text = _YEAR_GLUED.sub(" ", text)
    text = _INITIAL_YEAR.sub(" ", text)
    text = _WORD_NUMBER.sub(" ", text)
    text = _ABBREV_NUMBER.sub(" ", text)
    text = _PAREN_GLUED.sub(" (", text)
    if text.count('"') % 2 == 0 and '"' in text:
        text = _quotes(text)
    text = re.sub(r" {2,}", " ", text).strip()
    for n in range(len(kept), 0, -1):  # (the longest placeholder first)
        text = text.replace("\ue000" * n, kept[n - 1])
    return text


def _quotes(text: str) -> str:
    """Straight quotation marks, paired in order, each with its space on the outside:
    '," Title ,"Journal' → ', "Title," Journal'."""
    parts = text.split('"')
    for i in range(1, len(parts), 2):  # parts[i] is quoted
        inner = parts[i].strip()
        if not inner:
            continue
        parts[i] = inner
        if parts[i - 1] and not parts[i - 1].endswith((" ", "(", "[")):
            parts[i - 1] += " "
        after = parts[i + 1]
        if after and after[0].isalnum():
            parts[i + 1] = " " + after
    return '"'.join(parts)
