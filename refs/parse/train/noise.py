"""The noise people add to reference strings, applied to labelled segments.

Each function takes ``segments`` (``[[label, text], ...]``) and a random generator and
returns new segments (or the same ones when it does not apply), so that the labels
follow the change: a list marker is a ``citation-number``, an annotation after the
reference a ``note``, a line-break hyphen splits a word inside its own segment, and a
missing space glues two tokens into the later field's segment (AnyStyle labels
"2005;12(3):" volume in the same way).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from typing import Any

Segs = list[list[str]]

ANNOTATIONS = [
    "online",
    "Online",
    "excerpt",
    "[on VLE]",
    "available as an eBook from the library",
    "(excerpt)",
    "popular excerpt and text search",
    "Recommended.",
    "(Essential reading)",
    "[e-book]",
    "Chapters 1-3.",
    "Read the introduction.",
    "(lire en ligne)",
    "en ligne",
    "online verfügbar",
    "[in Russian]",
    "[на рус. яз.]",
    "(σε ψηφιακή μορφή)",
    "disponible en línea",
    "[PDF]",
    "(short loan)",
    "Available online.",
    "See especially chapter 4.",
    "also on Moodle",
    "(reserve copy in library)",
    "[Internet]",
    "Volltext",
]
ACCESSED = [
    "(accessed {d})",
    "[accessed {d}]",
    "Accessed {d}.",
    "(consulté le {d})",
    "(abgerufen am {d})",
    "(consultado el {d})",
    "(дата обращения: {d})",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _date_text(rng: random.Random) -> str:
    d, m, y = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2008, 2025)
    return rng.choice(
        [
            f"{d} {MONTHS[m - 1]} {y}",
            f"{MONTHS[m - 1]} {d}, {y}",
            f"{d:02d}.{m:02d}.{y}",
            f"{y}-{m:02d}-{d:02d}",
        ]
    )


def annotation(segs: Segs, rng: random.Random) -> Segs:
    """An annotation after the reference ("online", "[on VLE]", "(accessed …)"): note."""
    r = rng.random()
    if r < 0.2:
        text = rng.choice(ACCESSED).format(d=_date_text(rng))
    elif r < 0.3:
        ident = f"{rng.randint(7, 24):02d}{rng.randint(1, 12):02d}.{rng.randint(1, 19999):05d}"
        text = rng.choice(
            ["arXiv:{i}", "arXiv:{i} [hep-th]", "[arXiv:{i}]", "arXiv {i}", "e-print arXiv:{i}", "hep-ph/{o}"]
        ).format(i=ident, o=f"{rng.randint(94, 99)}{rng.randint(1, 12):02d}{rng.randint(1, 499):03d}")
    else:
        text = rng.choice(ANNOTATIONS)
    out = [list(s) for s in segs]
    if out and out[-1][0] == "note":
        out[-1][1] += " " + text
    else:
        out.append(["note", text])
    return out


def list_marker(segs: Segs, rng: random.Random) -> Segs:
    """A list marker ("1.", "[3]", "•", "12)") before the reference: citation-number."""
    n = rng.choice([rng.randint(1, 30), rng.randint(1, 300)])
    marker = rng.choice([f"{n}.", f"[{n}]", "•", f"{n})", f"({n})", "-", "*", f"{n}", "–", "▪"])
    out = [list(s) for s in segs if s[0] != "citation-number"]
    return [["citation-number", marker]] + out


def drop_punctuation(segs: Segs, rng: random.Random) -> Segs:
    """A missing full stop or comma at the end of a field."""
    cands = [i for i, s in enumerate(segs) if s[1][-1:] in ".,;:" and len(s[1]) > 1]
    if not cands:
        return segs
    i = rng.choice(cands)
    out = [list(s) for s in segs]
    out[i][1] = out[i][1][:-1]
    return out


def bare(segs: Segs, rng: random.Random) -> Segs:
    """Every field's closing punctuation left out ("Smith J 2005 Title Journal 12 3-9"), as in
    hastily typed lists."""
    out = [[lab, t.rstrip(".,;:") or t] for lab, t in segs]
    return out if out != segs else segs


def double_punctuation(segs: Segs, rng: random.Random) -> Segs:
    """A doubled full stop or comma ("Title.." / "Press,,"), or ". ," at a seam."""
    cands = [i for i, s in enumerate(segs) if s[1][-1:] in ".,"]
    if not cands:
        return segs
    i = rng.choice(cands)
    out = [list(s) for s in segs]
    out[i][1] += rng.choice([".", ",", " ."]) if rng.random() < 0.7 else out[i][1][-1]
    return out


_LONG_WORD = re.compile(r"(?<![\w-])([^\W\d_]{7,})(?![\w-])")


def line_hyphen(segs: Segs, rng: random.Random) -> Segs:
    """A line-break hyphen left in a long word ("pro- jections")."""
    cands = [
        (i, m)
        for i, s in enumerate(segs)
        if s[0] in ("title", "container-title", "publisher", "note")
        for m in _LONG_WORD.finditer(s[1])
    ]
    if not cands:
        return segs
    i, m = rng.choice(cands)
    word = m.group(1)
    cut = rng.randint(3, len(word) - 3)
    out = [list(s) for s in segs]
    text = out[i][1]
    out[i][1] = text[: m.start()] + word[:cut] + "- " + word[cut:] + text[m.end() :]
    return out


def missing_space(segs: Segs, rng: random.Random) -> Segs:
    """A space lost between two fields ("Vanity Fair66(6)") or after a comma inside one."""
    out = [list(s) for s in segs]
    seams = [
        i
        for i in range(1, len(out))
        if out[i][0] in ("volume", "date", "pages", "issue")
        and out[i - 1][0] in ("container-title", "volume", "title")
        and out[i - 1][1][-1:].isalpha()
    ]
    if seams and rng.random() < 0.6:
        i = rng.choice(seams)
        head, _, last = out[i - 1][1].rpartition(" ")
        out[i][1] = last + out[i][1]
        if head:
            out[i - 1][1] = head
        else:
            del out[i - 1]
        return out
    cands = [i for i, s in enumerate(out) if re.search(r"[,.:;] \S", s[1])]
    if not cands:
        return segs
    i = rng.choice(cands)
    ms = list(re.finditer(r"(?<=[,.:;]) (?=\S)", out[i][1]))
    m = rng.choice(ms)
    out[i][1] = out[i][1][: m.start()] + out[i][1][m.end() :]
    return out


# -- names written the way CSL styles never write them ----------------------------------


def _initials(given: str) -> str:
    parts = [p for p in re.split(r"[\s.]+", given) if p]
    out = []
    for p in parts:
        out.append("-".join(x[:1] + "." for x in p.split("-") if x))
    return " ".join(out)


def format_names(people: list[dict[str, Any]], form: str) -> str:
    """A name list in one of the non-CSL forms people type."""

    def fam(p: dict[str, Any]) -> str:
        return str(p.get("family", ""))

    def giv(p: dict[str, Any]) -> str:
        return str(p.get("given", ""))

    if form == "caps-paren":  # LENTZ (Thierry), DUPONT (Marie)
        return ", ".join(f"{fam(p).upper()} ({giv(p)})" if giv(p) else fam(p).upper() for p in people)
    if form == "family-paren":  # Lentz (Thierry) et Dupont (Marie)
        items = [f"{fam(p)} ({giv(p)})" if giv(p) else fam(p) for p in people]
        return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " et " + items[-1]
    if form == "caps-comma":  # LENTZ, Thierry; DUPONT, Marie
        return "; ".join(f"{fam(p).upper()}, {giv(p)}" if giv(p) else fam(p).upper() for p in people)
    if form == "german-slash":  # Borowski, P./B. Vogel/H. Wunder
        first = people[0]
        items = [f"{fam(first)}, {_initials(giv(first))}".rstrip(", ")]
        items += [f"{_initials(giv(p))} {fam(p)}".strip() for p in people[1:]]
        return "/".join(items)
    if form == "slash-inverted":  # Borowski, Peter / Vogel, Barbara
        return " / ".join(f"{fam(p)}, {giv(p)}" if giv(p) else fam(p) for p in people)
    if form == "caps-initials":  # LENTZ T., DUPONT M.
        return ", ".join(f"{fam(p).upper()} {_initials(giv(p))}".strip() for p in people)
    raise ValueError(form)


NAME_FORMS = ["caps-paren", "family-paren", "caps-comma", "german-slash", "slash-inverted", "caps-initials"]


def rewrite_authors(segs: Segs, people: list[dict[str, Any]], rng: random.Random) -> Segs:
    """The first author segment rewritten in a non-CSL form ("LENTZ (Thierry)",
    "Borowski, P./B. Vogel/H. Wunder"), keeping the punctuation that closed it."""
    i = next((k for k, s in enumerate(segs) if s[0] == "author"), None)
    if i is None or not people or any("literal" in p or not p.get("family") for p in people):
        return segs
    if "et al" in segs[i][1] or "…" in segs[i][1]:
        people = people[:1]
        tail = " et al."
    else:
        people = people[: rng.choice([len(people), len(people), 1])]
        tail = "" if len(people) == 1 else ""
    text = format_names(people, rng.choice(NAME_FORMS)) + tail
    end = segs[i][1][-1]
    if end in ".,:;" and not text.endswith(end):
        text += end
    out = [list(s) for s in segs]
    out[i][1] = text
    return out


EDITIONS = {
    "de": ["{n}. Auflage", "{n}. Aufl.", "{n}., überarb. Aufl."],
    "fr": ["{n}e éd.", "{n}e édition"],
    "en": ["{n}nd edn", "{n}th ed.", "{n}. ed.", "Revised edition"],
    "es": ["{n}.ª ed."],
    "ru": ["{n}-е изд."],
    "it": ["{n}ª ed."],
    "pt": ["{n}. ed."],
}


def rewrite_edition(segs: Segs, rng: random.Random) -> Segs:
    """The edition in another common form ("5. Auflage", "2e éd.")."""
    i = next((k for k, s in enumerate(segs) if s[0] == "edition"), None)
    if i is None:
        return segs
    m = re.search(r"\d+", segs[i][1])
    n = int(m.group(0)) if m else rng.randint(2, 6)
    form = rng.choice(EDITIONS[rng.choice(list(EDITIONS))]).format(n=n)
    end = segs[i][1][-1]
    out = [list(s) for s in segs]
    out[i][1] = form + (end if end in ".,;:" and not form.endswith(end) else "")
    return out


def isbn(segs: Segs, item: dict[str, Any], rng: random.Random) -> Segs:
    """An ISBN after a book ("…, 2016, ISBN 978-88-304-4614-4."), as Wikipedia and library lists add."""
    if item.get("type") not in ("book", "chapter", "thesis", "report") or any(s[0] == "isbn" for s in segs):
        return segs
    value = str(item.get("ISBN") or "")
    if not value:
        digits = "978" + "".join(str(rng.randint(0, 9)) for _ in range(9))
        check = (10 - sum((3 if i % 2 else 1) * int(d) for i, d in enumerate(digits)) % 10) % 10
        value = f"{digits[:3]}-{digits[3]}-{digits[4:8]}-{digits[8:12]}-{check}"
    out = [list(s) for s in segs]
    k = len(out)
    while k > 0 and out[k - 1][0] == "note":
        k -= 1
    if k and out[k - 1][1][-1:].isalnum():
        out[k - 1][1] += rng.choice([".", ","])
    text = rng.choice(["ISBN {v}", "ISBN {v}.", "ISBN: {v}", "(ISBN {v})", "ISBN {v},"]).format(v=value)
    out.insert(k, ["isbn", text])
    return out


def apply(segs: Segs, item: dict[str, Any], rng: random.Random, kinds: list[str]) -> tuple[Segs, list[str]]:
    """Each kind of noise with its probability; returns the segments and the kinds applied."""
    done = []
    probs = {
        "names": 0.06,
        "edition": 0.5,
        "hyphen": 0.06,
        "drop": 0.12,
        "double": 0.04,
        "space": 0.05,
        "marker": 0.12,
        "note": 0.1,
        "isbn": 0.15,
        "bare": 0.02,
    }
    for kind in kinds:
        if rng.random() >= probs[kind]:
            continue
        before = segs
        segs = _NOISES[kind](segs, item, rng)
        if segs is not before:
            done.append(kind)
    return segs, done


KINDS = ["names", "edition", "hyphen", "drop", "double", "space", "bare", "marker", "isbn", "note"]


#: each kind of noise as ``(segments, record, rng) -> segments``
_NOISES: dict[str, Callable[[Any, dict[str, Any], Any], Any]] = {
    "names": lambda segs, item, rng: rewrite_authors(segs, item.get("author") or [], rng),
    "edition": lambda segs, item, rng: rewrite_edition(segs, rng),
    "hyphen": lambda segs, item, rng: line_hyphen(segs, rng),
    "drop": lambda segs, item, rng: drop_punctuation(segs, rng),
    "double": lambda segs, item, rng: double_punctuation(segs, rng),
    "space": lambda segs, item, rng: missing_space(segs, rng),
    "marker": lambda segs, item, rng: list_marker(segs, rng),
    "note": lambda segs, item, rng: annotation(segs, rng),
    "bare": lambda segs, item, rng: bare(segs, rng),
    "isbn": lambda segs, item, rng: isbn(segs, item, rng),
}
