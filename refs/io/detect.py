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
    "html": ("html", "htm", "xhtml", "web"),
    "pdf": ("pdf",),
    "docx": ("docx", "word"),
}

EXTENSIONS: dict[str, str] = {
    ".bib": "bibtex",
    ".bibtex": "bibtex",
    ".json": "csl-json",
    ".ris": "ris",
    ".wiki": "wikitext",
    ".wikitext": "wikitext",
    ".mediawiki": "wikitext",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
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


_HTML_START = re.compile(r"(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.I | re.S)
_HTML_TAGS = re.compile(r"<(?:div|p|ul|ol|li|table|span|a\s+href)\b[^>]*>", re.I)
_WIKITEXT = re.compile(r"\{\{\s*(?:[Cc]ite\s+\w+|[Cc]itation)\s*\||<ref[\s>]|^={2,}[^=\n]+={2,}\s*$"
                       r"|^\*\s.*\[\[", re.M)


def sniff_bytes(data: bytes) -> str | None:
    """Binary documents by their signature: PDF, Word (a zip holding word/document.xml)."""
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04") and b"word/" in data:
        return "docx"
    return None


def sniff(text: str) -> str:
    """Guess a format from content: JSON array/object, RIS tags, BibTeX entries, an HTML
    page, wikitext (citation templates, ``<ref>``, ``== headings ==``), else text."""
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
    if _HTML_START.match(head) or (head.startswith("<") and len(_HTML_TAGS.findall(head)) >= 3):
        return "html"
    if _WIKITEXT.search(head):
        return "wikitext"
    return "text"
