"""Shared patterns: the "———" ditto mark that repeats the authors of the entry before,
and the names of newspapers (a periodical without a volume that is one is a daily)."""

from __future__ import annotations

import re

DITTO = re.compile(r"^[—–_\-]{2,}\s*[.,]?\s*")

#: whitespace that collapsing every run of it to one space would change
ODD_SPACE = re.compile(r"[^\S ]|  ")


def odd_spaces(text: str) -> bool:
    """Whether ``text`` has whitespace other than single spaces (:data:`ODD_SPACE`), told
    without the pattern where it can be: every whitespace character but the space is
    unprintable, so a printable text without two spaces in a row has none."""
    return "  " in text or (not text.isprintable() and bool(ODD_SPACE.search(text)))


#: newspapers' names (the words a daily's name ends with, and whole names; plain text)
NEWSPAPER_NAMES = (
    "Times", "Post", "News", "Herald", "Guardian", "Gazette", "Tribune", "Telegraph", "Independent",
    "Observer", "Chronicle", "Le Monde", "Figaro", "Libération", "Zeitung", "Spiegel", "Allgemeine",
    "El País", "El Mundo", "Corriere", "Repubblica", "La Stampa", "Folha", "Estadão", "O Globo",
    "Известия", "Коммерсантъ", "Ведомости", "Газета", "Καθημερινή", "Βήμα", "Wall Street Journal",
    "Público", "Clarín", "La Vanguardia", "La Nación", "Le Soir", "Les Échos", "Ouest-France", "La Croix",
    "Die Welt", "Die Zeit", "Der Standard", "Die Presse", "Handelsblatt", "Il Sole 24 Ore",
    "Il Messaggero", "Expresso", "Diário de Notícias", "Jornal", "Российская газета", "Новая газета",
    "Ελευθεροτυπία", "Τα Νέα", "Έθνος", "Financial Times",
)
NEWSPAPER = re.compile(
    r"(?:The\s+|Le\s+|La\s+|Die\s+|El\s+)?(?:[\w.]+\s+){0,3}"
    r"(?:" + "|".join(NEWSPAPER_NAMES) + r")\b"
    r"(?:\s+\w+){0,2}")


def is_newspaper(text: str) -> bool:
    """Does :data:`NEWSPAPER` find a newspaper in ``text``? (A text holding none of the names
    is told without the pattern, which tries every word of the text.)"""
    return any(map(text.__contains__, NEWSPAPER_NAMES)) and bool(NEWSPAPER.search(text))


#: letters that ``re.IGNORECASE`` takes for one another although ``str.lower`` keeps them
#: apart ("ſ" and "s", "ς" and "σ", "ı" and "i", "ϑ" and "θ", old Cyrillic "ᲂ" and "о" …)
_CASE_TWINS = str.maketrans({
    "ı": "i", "ſ": "s", "µ": "μ", "\u0345": "ι", "\u1fbe": "ι", "ϐ": "β", "ϵ": "ε", "ϑ": "θ", "ϰ": "κ",
    "ϖ": "π", "ϱ": "ρ", "ς": "σ", "ϕ": "φ", "ᲀ": "в", "ᲁ": "д", "ᲂ": "о", "ᲃ": "с", "ᲄ": "т", "ᲅ": "т",
    "ᲆ": "ъ", "ᲇ": "ѣ", "ᲈ": "ꙋ", "ẛ": "ṡ", "\u1fd3": "\u0390", "\u1fe3": "\u03b0", "ﬅ": "ﬆ", "İ": "i",
})


_TWIN = re.compile("[" + "".join(re.escape(chr(c)) for c in _CASE_TWINS) + "]")


def folded(text: str) -> str:
    """``text`` lower-cased so that whatever a case-insensitive pattern finds in ``text``,
    lower-cased, is a substring of it: a cheap test of whether a costly pattern's
    keyword is there at all before the pattern runs. (The twins are replaced only where
    there are any: ASCII text has none, and lower-casing makes none of it.)"""
    if text.isascii():
        return text.lower()
    if _TWIN.search(text):
        text = text.translate(_CASE_TWINS)
    text = text.lower()
    return text.translate(_CASE_TWINS) if _TWIN.search(text) else text
