"""BibTeX name lists <-> CSL-JSON names.

BibTeX packs a list of people into one string: ``Knuth, Donald E. and van der
Berg, Jan and {RAND Corporation}``. :func:`split_names` cuts it at the ``and``
that are not inside braces, and :func:`parse_name` splits one name the way
BibTeX itself does (Patashnik's rules, as biber and citeproc readers apply them):

* ``First von Last``, ``von Last, First`` and ``von Last, Jr, First``;
* the *von* part is the run of words starting with a lower-case letter before
  the last name (``van der``, ``de la``, ``von``); it becomes the CSL
  ``non-dropping-particle`` (citeproc-js and pandoc read a BibTeX von part so,
  and keep it with the family name: "van der Berg, Jan");
* lower-case words at the end of the first part of a comma form
  (``Beethoven, Ludwig van``) become the CSL ``dropping-particle``, which is how
  citeproc-js parses such names ("Beethoven, Ludwig van" when inverted);
* hyphenated names (``Jean-Paul``, ``Lloyd-Webber``) stay one word; compound
  surnames need the comma form or braces (``García Márquez, Gabriel``);
* a name that is one brace group (``{RAND Corporation}``) is an institution and
  becomes ``{"literal": ...}``; braces inside a word only protect it.

The reverse, :func:`name_to_bibtex`, writes the comma form, which is the one that
reads back unambiguously.
"""

from __future__ import annotations

import re
from functools import lru_cache

from refs.io.latex import decode, is_one_group
from refs.model import Name

__all__ = ["split_names", "parse_name", "parse_names", "name_to_bibtex", "names_to_bibtex"]

#: the word "and" between names (also a stray one at the start or end, or doubled)
_AND_RE = re.compile(r"(?<!\S)and(?!\S)", re.IGNORECASE)


def _split_top(text: str, sep: re.Pattern[str]) -> list[str]:
    """Split ``text`` at matches of ``sep`` that are at brace depth 0.

    The depth at a match is the count of ``{`` minus ``}`` before it (C-level
    ``str.count``, so long author lists stay cheap)."""
    parts: list[str] = []
    start = 0
    for m in sep.finditer(text):
        at = m.start()
        if text.count("{", 0, at) == text.count("}", 0, at):
            parts.append(text[start:at])
            start = m.end()
    parts.append(text[start:])
    return parts


@lru_cache(maxsize=100_000)
def split_names(text: str) -> tuple[str, ...]:
    """The raw (LaTeX) names of a BibTeX name list, ``and`` at brace depth 0 only."""
    text = text.strip()
    if not text:
        return ()
    if not _AND_RE.search(text):
        return (text,)
    if "{" not in text:
        return tuple(p.strip() for p in _AND_RE.split(text) if p.strip())
    return tuple(p.strip() for p in _split_top(text, _AND_RE) if p.strip())


def _tokens(part: str) -> list[str]:
    """Words of a name part: split at whitespace and ``~`` outside braces."""
    words: list[str] = []
    depth = 0
    cur: list[str] = []
    i = 0
    n = len(part)
    while i < n:
        c = part[i]
        if c == "\\" and i + 1 < n:
            cur.append(part[i : i + 2])
            i += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth = max(depth - 1, 0)
        if depth == 0 and (c.isspace() or c == "~"):
            if cur:
                words.append("".join(cur))
                cur = []
        else:
            cur.append(c)
        i += 1
    if cur:
        words.append("".join(cur))
    return words


def _commas(name: str) -> list[str]:
    """Comma-separated parts of one name, commas at brace depth 0 only."""
    if "," not in name:
        return [name]
    parts: list[str] = []
    depth = 0
    start = 0
    for i, c in enumerate(name):
        if c == "{" and (i == 0 or name[i - 1] != "\\"):
            depth += 1
        elif c == "}" and (i == 0 or name[i - 1] != "\\"):
            depth = max(depth - 1, 0)
        elif c == "," and depth == 0:
            parts.append(name[start:i].strip())
            start = i + 1
    parts.append(name[start:].strip())
    return parts


#: generational suffixes that, after the only comma, cannot be a given name
_SUFFIX_RE = re.compile(r"^(?:[JS]r\.?|Jun\.|Sen\.|II|III|IV|2nd|3rd|[4-9]th)$")

_SPECIAL_LOWER = frozenset("ss o ae oe aa l i j dh th ng dj ij".split())
_SPECIAL_UPPER = frozenset("O AE OE AA L DH TH NG DJ IJ SS".split())


def _case(word: str) -> str:
    """'l' if the word starts (BibTeX-wise) lower case, 'u' upper, '' caseless."""
    i = 0
    n = len(word)
    while i < n:
        c = word[i]
        if c.isalpha():
            return "l" if c.islower() else "u"
        if c == "{":
            # {\"u}ber: a special character decides by its letter; {Word}: caseless
            if i + 1 < n and word[i + 1] == "\\":
                m = re.match(r"\{\\([A-Za-z]+|.)\s*\{?\s*\\?([A-Za-z])?", word[i:])
                if m:
                    cmd, letter = m.group(1), m.group(2)
                    if cmd in _SPECIAL_LOWER:
                        return "l"
                    if cmd in _SPECIAL_UPPER:
                        return "u"
                    if letter:
                        return "l" if letter.islower() else "u"
                return ""
            return ""
        if c == "\\":
            m = re.match(r"\\([A-Za-z]+|.)\s*\{?\s*\\?([A-Za-z])?", word[i:])
            if m and m.group(2):
                return "l" if m.group(2).islower() else "u"
            i += 2
            continue
        i += 1
    return ""


def _join(words: list[str]) -> str:
    return decode(" ".join(words)) if words else ""


@lru_cache(maxsize=100_000)
def _parse_name_cached(raw: str) -> tuple[tuple[str, str], ...]:
    raw = raw.strip().strip(",").strip()
    if not raw:
        return ()
    # one brace group for the whole name: an institution
    if raw.startswith("{") and raw.endswith("}") and is_one_group(raw):
        inner = raw[1:-1]
        if inner.startswith("{") and inner.endswith("}") and is_one_group(inner):
            inner = inner[1:-1]  # Better BibTeX's {{Name}}
        literal = decode(inner)
        return (("literal", literal),) if literal else ()
    parts = _commas(raw)
    if "=" in raw and _EXTENDED_KEY.match(parts[0]):
        extended = _extended_name(parts)
        if extended:
            return extended
    first: list[str]
    von: list[str] = []
    last: list[str]
    jr: list[str] = []
    dropping: list[str] = []
    if len(parts) == 2 and _SUFFIX_RE.match(parts[1]):
        # "Martin Luther King, Jr.": BibTeX would make "Jr." the first name; it is the
        # suffix of a name in the First Last form (nobody's given name is "Jr.")
        name = dict(_parse_name_cached(parts[0]))
        if "literal" not in name:
            name["suffix"] = decode(parts[1])
            return tuple(name.items())
    if len(parts) == 1:
        words = _tokens(parts[0])
        if len(words) == 1:
            return (("family", decode(words[0])),)
        cases = [_case(w) for w in words]
        lower = [i for i in range(len(words) - 1) if cases[i] == "l"]
        if lower:
            vs, ve = lower[0], lower[-1]
            first, von, last = words[:vs], words[vs : ve + 1], words[ve + 1 :]
        else:
            first, last = words[:-1], words[-1:]
    else:
        head = _tokens(parts[0])
        if len(parts) == 2:
            first = _tokens(parts[1])
        else:
            jr = _tokens(parts[1])
            first = _tokens(", ".join(parts[2:]))
        cases = [_case(w) for w in head]
        lower = [i for i in range(len(head) - 1) if cases[i] == "l"]
        if lower and cases[0] == "l":
            ve = lower[-1]
            von, last = head[: ve + 1], head[ve + 1 :]
        else:
            last = head
        # Beethoven, Ludwig van: trailing lower-case words of First are a dropping particle
        fcases = [_case(w) for w in first]
        k = len(first)
        while k > 1 and fcases[k - 1] == "l":
            k -= 1
        if k < len(first) and any(c == "u" for c in fcases[:k]):
            first, dropping = first[:k], first[k:]
    out: list[tuple[str, str]] = []
    family = _join(last)
    if family:
        out.append(("family", family))
    if first:
        out.append(("given", _join(first)))
    if dropping:
        out.append(("dropping-particle", _join(dropping)))
    if von:
        out.append(("non-dropping-particle", _join(von)))
    if jr:
        out.append(("suffix", _join(jr)))
    if not family and out:
        # "von" alone or an empty last part: keep what there is as the family name
        text = " ".join(v for _, v in out)
        return (("family", text),)
    return tuple(out)


#: biblatex's extended name format: ``family=Berg, given=Jan, prefix=van den, useprefix=true``
_EXTENDED_KEY = re.compile(r"^\s*(?:family|given|prefix|suffix|useprefix|sortingnamekeytemplatename|"
                           r"[a-z]+-i)\s*=", re.IGNORECASE)
_EXTENDED_PARTS = {"family": "family", "given": "given", "prefix": "non-dropping-particle",
                   "suffix": "suffix"}


def _extended_name(parts: list[str]) -> tuple[tuple[str, str], ...]:
    """A name in biblatex's ``key=value`` format as CSL parts (``useprefix=false``: the
    prefix drops, as for "Ludwig van Beethoven"); () when a part is not ``key=value``."""
    found: dict[str, str] = {}
    useprefix = True
    for part in parts:
        key, sep, value = part.partition("=")
        if not sep:
            return ()
        key = key.strip().lower()
        value = value.strip()
        if value.startswith("{") and value.endswith("}") and is_one_group(value):
            value = value[1:-1]
        if key == "useprefix":
            useprefix = value.strip().lower() != "false"
        elif key in _EXTENDED_PARTS and value:
            found[_EXTENDED_PARTS[key]] = decode(value)
    if "non-dropping-particle" in found and not useprefix:
        found["dropping-particle"] = found.pop("non-dropping-particle")
    if not found.get("family"):
        return ()
    order = ("family", "given", "dropping-particle", "non-dropping-particle", "suffix")
    return tuple((k, found[k]) for k in order if k in found)


def parse_name(text: str) -> Name:
    """One BibTeX name (LaTeX allowed) as a CSL name dict (a fresh dict)."""
    return dict(_parse_name_cached(text))


def parse_names(text: str) -> tuple[list[Name], bool]:
    """A BibTeX name list as CSL names, and whether it ended with ``and others``."""
    names: list[Name] = []
    others = False
    for raw in split_names(text):
        if raw.lower() == "others":
            others = True
            continue
        parsed = _parse_name_cached(raw)
        if parsed:
            names.append(dict(parsed))
    return names, others


# -- writing -----------------------------------------------------------------------------

def _needs_braces(part: str) -> bool:
    return "," in part or bool(_AND_RE.search(f" {part} "))


def name_to_bibtex(name: Name) -> str:
    """A CSL name as BibTeX text (Unicode; the caller escapes for LaTeX).

    The comma form ``von Last, Jr, First`` is used because it reads back without
    guessing; institutions are brace-protected so they stay one name.
    """
    literal = name.get("literal")
    if literal:
        return "{" + literal + "}"
    family = (name.get("family") or "").strip()
    given = (name.get("given") or "").strip()
    suffix = (name.get("suffix") or "").strip()
    ndp = (name.get("non-dropping-particle") or "").strip()
    dp = (name.get("dropping-particle") or "").strip()
    if not family and not given:
        return ""
    words = family.split()
    if _needs_braces(family) or any(_case(w) == "l" for w in words[:-1]):
        family = "{" + family + "}"
    last = f"{ndp} {family}" if ndp else family
    if dp:
        given = f"{given} {dp}".strip()
    if _needs_braces(given):
        given = "{" + given + "}"
    if suffix:
        return f"{last}, {suffix}, {given}"
    if given:
        return f"{last}, {given}"
    if len(last.split()) > 1 and not ndp:
        return "{" + last + "}"
    return last


def names_to_bibtex(names: list[Name], others: bool = False) -> str:
    """A CSL name list as one BibTeX name list (``A and B and others``)."""
    parts = [t for t in (name_to_bibtex(n) for n in names) if t]
    if others:
        parts.append("others")
    return " and ".join(parts)
