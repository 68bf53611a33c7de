"""Format names, their aliases and detection from a file name or from content."""

from __future__ import annotations

import json
import re
from pathlib import Path

#: canonical format name -> accepted spellings
ALIASES: dict[str, tuple[str, ...]] = {
    "bibtex": ("bibtex", "bib", "biblatex"),
    "csl-json": ("csl-json", "csljson", "json", "csl"),
    "ris": ("ris",),
    "wikitext": ("wikitext", "wiki", "mediawiki"),
    "text": ("text", "txt", "plain"),
}

EXTENSIONS: dict[str, str] = {
    ".bib": "bibtex",
    ".bibtex": "bibtex",
    ".json": "csl-json",
    ".ris": "ris",
    ".wiki": "wikitext",
    ".txt": "text",
    ".text": "text",
}


#: the start of a JSON array of objects or of a JSON object
_JSON_START = re.compile(r"\[\s*[{\]]|\{\s*[\"}]")


#: an array whose first element is an array: JSON if the whole text parses as JSON
_NESTED_START = re.compile(r"\[\s*\[")


def _is_json_array(text: str) -> bool:
    try:
        return isinstance(json.loads(text, parse_int=str, parse_float=str, parse_constant=str), list)
    except (ValueError, RecursionError):
        return False


class FormatError(ValueError):
    """An unknown format name or a file whose format cannot be told."""


def canonical(name: str) -> str:
    low = name.strip().lower()
    for canon, spellings in ALIASES.items():
        if low in spellings:
            return canon
    raise FormatError(f"unknown format {name!r} (known: {', '.join(ALIASES)})")


def from_path(path: str) -> str | None:
    """The format a file name implies, or None (``-`` and unknown extensions)."""
    if path in ("", "-"):
        return None
    return EXTENSIONS.get(Path(path).suffix.lower())


def sniff(text: str) -> str:
    """Guess a format from content: JSON array/object, RIS tags, BibTeX entries, else text."""
    head = text.lstrip("\ufeff \t\r\n")[:4096]
    if _JSON_START.match(head):  # not "[1] Smith, J. ...", a numbered reading list
        return "csl-json"
    if _NESTED_START.match(head) and _is_json_array(text):  # [[...], {...}]: not "[[a wiki link]]"
        return "csl-json"
    for line in head.splitlines()[:20]:
        if line.startswith("TY  -"):
            return "ris"
    if re.search(r"^\s*@\s*[A-Za-z]+\s*[{(]", head, re.M):
        return "bibtex"
    return "text"
