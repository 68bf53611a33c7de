"""One reference string → one :class:`~refs.model.Record`.

1. normalise the string (NFC, spaces, ligatures, line-break hyphens) and strip the list
   marker ("↑", "^", "[1]", "1.", "(17)") and a reading-list label ("Optional:");
2. take out, with rules, what has a fixed shape (:mod:`refs.parse.extras`): URLs, DOI,
   ISBN, archive and access notices, "online"/"excerpt" markers and the annotations after them;
3. label the tokens of the rest with the sequence model (:mod:`refs.parse.model`);
4. turn the labelled spans into CSL fields and choose the type (:mod:`refs.parse.assemble`).
"""

from __future__ import annotations

import re
import unicodedata

from refs.model import Record
from refs.parse import assemble, model, pdf_spacing
from refs.parse.extras import extract
from refs.parse.memo import memo
from refs.parse.patterns import DITTO, odd_spaces

#: list markers: footnote arrows and carets with Wikipedia's back-link letters, numbers
_MARKER = re.compile(
    r"^\s*(?:"
    # "↑", "^ a b", "↑ 1,0 1,1", "↑ 1 2", "↑ а б"
    r"(?:[↑^*•·■▪◦‣►]+|[\-–—](?![\-–—_]))\s*(?:(?:[a-zа-яα-ω]|\d{1,2}(?:[,.]\d{1,2})?)\s+)*"
    r"|\[\s*\d+[a-z]?\s*\]\s*"  # [1]
    r"|(?!\((?:1[5-9]|20)\d\d\))\(\s*\d+\s*\)\s+"  # (1), not a year: "(1992) Title, Publisher"
    r"|\d{1,4}\s*[.)]\s+"  # 1.  1)
    r"|\d{1,4}\.(?=[^\W\d_]{2})"  # 1.Smith
    r"|\d{1,4}\s+(?=[^\W\d])"  # 33 Bergk
    r")")


def parse_reference(raw: str, source: str = "", line: int | None = None) -> Record:
    """Parse one reference string into a Record (id empty: keys are assigned later)."""
    text = strip_marker(normalize(raw))
    lang = _LANG_TAG.match(text)
    if lang:
        text = text[lang.end():]
    text, extras = extract(text)
    return assemble.build(model.label(text), extras, raw, source, line,
                          language=lang.group("lang").lower() if lang else "")


def normalize(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u00a0", " ").replace("\u2009", " ").replace("\u202f", " ")
    if not text.isascii():
        text = _INVISIBLE.sub("", text)  # zero-width and direction marks (Wikipedia)
    text = _PUA_BULLET.sub("", text)  # a private-use bullet glyph copied from a PDF
    text = text.replace("ﬁ", "fi").replace("ﬂ", "fl").replace("ﬀ", "ff")
    text = (_SPACES.sub(" ", text) if odd_spaces(text) else text).strip()
    if "``" in text or "''" in text:
        text = _TEX_QUOTES.sub('"', text)
    # a word hyphenated across a line break: "Mur- phy" -> "Murphy" (not a compound's first part
    # before "and": "pre- and post-war", "Ein- und Ausfuhr", "Mond- en klauwzeer", "Jurist- og …")
    if "- " in text:
        text = _LINE_BREAK_HYPHEN.sub(r"\1\2", text)
    if " / / " in text:
        text = text.replace(" / / ", " // ")  # GOST's "//" before a container, spaced apart
    if (" ," in text or " ." in text or "( " in text) and pdf_spacing.spaced(text):
        text = pdf_spacing.mend(text)
    return text


#: zero-width spaces, direction marks and word joiners; a zero-width (non-)joiner inside a word
#: is spelling (Persian "زرین‌کوب", Indic scripts) and stays
_INVISIBLE = re.compile("[\u200b\u200e\u200f\u2060\ufeff]|[\u200c\u200d](?!\\w)|(?<!\\w)[\u200c\u200d]")
_PUA_BULLET = re.compile("^[\ue000-\uf8ff]+\\s*")
_SPACES = re.compile(r"\s+")
_TEX_QUOTES = re.compile(r"``|''")
_LINE_BREAK_HYPHEN = re.compile(r"([a-zà-ÿа-яα-ω])- (?!(?:and|or|to|und|oder|bis|bzw|sowie|en|of|og|och|eller"
                                r"|et|ou|y|e|o|i|a|lub|és|vagy|и|или|και|ή)\b)"
                                r"([a-zà-ÿа-яα-ω])")


#: reading-list labels before an entry: "Optional: Treisman, Daniel, ed. ..."
_LABEL = re.compile(r"^(?:Optional|Recommended|Required|Suggested|Further|Additional|Background|Supplementary"
                    r"|See(?:\s+also)?|Also|Cf\.|Facultatif|Obligatoire|Empfohlen|Pflichtlektüre|Zusätzlich"
                    r"|Opcional|Obligatorio|Facoltativo|Obbligatorio|Dopolnitel'no|Дополнительно|Обязательно)"
                    r"(?:\s+(?:reading|readings|text|lecture|Lektüre|lectura|lettura))?\s*:\s+(?=\S)", re.I)


def strip_marker(text: str) -> str:
    for _ in range(2):  # "12. [3] Smith ..." has two
        m = _MARKER.match(text)
        if m:
            text = text[m.end():]
    text = _LABEL.sub("", text.strip())
    return text.strip()


#: French Wikipedia's language tag before a reference: "(en) Ronald D. Asmus, ..."
_LANG_TAG = re.compile(r"^\((?P<lang>[a-zA-Z]{2,3}(?:-[A-Za-z]{2,4})?)\)\s+")


def is_ditto(text: str) -> bool:
    """ "———. Title", "– 2005: Title": the same authors as the entry before."""
    # (told cheaply first: the mark is two dashes in a row, or a dash and a year, and
    # normalising makes no dash)
    return bool(_DASH_PAIR.search(text) or _DASH_YEAR.match(text)) and _is_ditto(text)


#: one dash for the authors of the entry before, then the year and a colon ("– 2005: Title",
#: author-year lists; GOST's areas after a dash never have a year and a colon)
_DASH_YEAR = re.compile(r"\s*[—–]\s+(?:1[5-9]|20)\d\d[a-z]?\s*:")


_DASH_PAIR = re.compile("[—–_\\-][\u200b-\u200f\u2060\ufeff]*[—–_\\-]")


@memo(4096)
def _is_ditto(text: str) -> bool:
    text = normalize(text)
    return bool(DITTO.match(strip_marker(text)) or _DASH_YEAR.match(text))
