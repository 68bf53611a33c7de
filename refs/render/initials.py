"""Given names to initials, the way citeproc-js does it.

A port of citeproc-js's ``CSL.Util.Names.initializeWith`` with its two halves,
``doInitialize`` (``initialize-with`` set: ``John Ronald`` → ``J. R.``) and
``doNormalize`` (``initialize="false"``: only what already looks like initials is
touched, ``B.-U.`` → ``B. U.``, ``Mohammad-H.`` kept). Following it step by step is
what makes odd input come out as Zotero users see it (``Cynthia. A.`` stays, a
lowercase part after a hyphen belongs to the word before it: ``Min-jun`` → ``M.``).
"""

from __future__ import annotations

import re

_LETTERS = ("\u0e01-\u0e5b\u00c0-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05d4\u05d6-\u05ff"
            "\u1f00-\u1fff\u0600-\u06ff\u200c\u200d\u200e\u0218-\u021b\u202a-\u202e")
_ROMANESQUE_RE = re.compile(f"[-0-9a-zA-Z{_LETTERS}]")
_STARTS_ROMANESQUE_RE = re.compile(f"^[&a-zA-Z{_LETTERS}]")
_INITIAL_RE = re.compile(
    "^([A-Z\u0e01-\u0e5b\u00c0-\u017f\u0400-\u042f\u0590-\u05d4\u05d6-\u05ff\u0600-\u06ff\u0370\u0372"
    "\u0376\u0386\u0388-\u03ab\u03e2\u03e4\u03e6\u03e8\u03ea\u03ec\u03ee\u03f4\u03f7\u03fd-\u03ff])"
    "([a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0400-\u052f\u0600-\u06ff\u0370-\u03ff\u1f00-\u1fff]*|)(\\.)*")
_SPLIT_RE = re.compile(r"([-\s]+)")
_TRAILING_WS_RE = re.compile("[\t\n\x0b\x0c\r \ufeff\u00a0]+$")
_WS_RE = re.compile("[\t\n\x0b\x0c\r ]+")


def initialize(name: str, terminator: str, normalize_only: bool, hyphen: bool = True) -> str:
    """``name`` (a given name) initialised with ``terminator`` (``initialize-with``);
    ``normalize_only`` for ``initialize="false"``; ``hyphen`` false for
    ``initialize-with-hyphen="false"``."""
    if not name:
        return ""
    terminator = terminator or ""
    if name in ("Lord", "Lady") or (not _STARTS_ROMANESQUE_RE.match(name) and "%s" not in terminator):
        return name
    if not hyphen:
        name = name.replace("-", " ")
    name = re.sub(r"\s*-\s*", "-", name)
    name = re.sub(r"\s+", " ", name)
    name = re.sub(r"-([a-z])", "\u2013\\1", name)
    name = re.sub(r"\.(?=[^ ])", ". ", name)
    pieces = _SPLIT_RE.split(name)
    if len(pieces) == 1:
        tail = re.search(r"[^.]+$", pieces[0])
        if tail and len(tail.group()) == 1 and tail.group() != tail.group().lower():
            pieces[0] += "."
    out = _normalize(pieces, terminator) if normalize_only else _initialize(pieces, terminator)
    return re.sub("\u2013([a-z])", "-\\1", out)


def _tidy(parts: list[str]) -> str:
    out = _TRAILING_WS_RE.sub("", "".join(parts))
    out = re.sub(r"\s*-\s*", "-", out)
    return _WS_RE.sub(" ", out)


def _normalize(parts: list[str], terminator: str) -> str:
    n = len(parts)
    abbrev = []
    for i, el in enumerate(parts):
        if len(el) > 1 and el.endswith("."):
            parts[i] = re.sub(r"^(.*)\.(.*)$", r"\1\2", el, flags=re.S)
            abbrev.append(True)
        else:
            abbrev.append(len(el) == 1 and el.upper() == el)
    for i in range(0, n, 2):
        if not abbrev[i]:
            continue
        if i < n - 2:
            if not abbrev[i + 2]:
                parts[i + 1] = parts[i + 1] + " "
            if len(parts[i + 2]) > 1:
                parts[i + 1] = terminator.rstrip("\ufeff") + parts[i + 1]
            else:
                parts[i + 1] = terminator
        if i == n - 1:
            parts[i] = parts[i] + terminator
    return _tidy(parts)


def _initialize(parts: list[str], terminator: str) -> str:
    n = len(parts)
    templated = "%s" in terminator
    for i in range(0, n, 2):
        word = parts[i]
        if not word:
            continue
        m = _INITIAL_RE.match(word)
        groups: list[str | None] | None = [m.group(1), m.group(2), m.group(3)] if m else None
        if groups is None and not _STARTS_ROMANESQUE_RE.match(word) and len(word) > 1 and templated:
            groups = [word[0], word[1:], None]
        if groups and groups[1] and groups[2]:
            groups = [str(groups[0]) + str(groups[1]), "", groups[2]]
        first = str(groups[0]) if groups else ""
        if groups and first[:1] == first[:1].upper():
            rest = groups[1] or ""
            extra = ""
            if rest:
                caps = ""
                for c in rest:
                    if c != c.upper():
                        break
                    caps += c
                if len(caps) < len(rest):
                    extra = caps.lower()
            parts[i] = first + extra
            if i < n - 1:
                if templated:
                    parts[i] = terminator.replace("%s", parts[i])
                elif "-" in parts[i + 1]:
                    parts[i + 1] = terminator + "-"
                else:
                    parts[i + 1] = terminator
            elif templated:
                parts[i] = terminator.replace("%s", parts[i])
            else:
                parts.append(terminator)
        elif _ROMANESQUE_RE.search(word) and not (groups and groups[2]):
            parts[i] = " " + word
    return _tidy(parts)
