"""Normalised features of a record, and blocking: which pairs are worth comparing.

Comparing every pair is quadratic (JabRef's approach; it never finishes on large
libraries). Instead each record gets a handful of *blocking keys* and only records
sharing a key are compared:

* ``d:`` its DOI and ``i:`` each ISBN (identifiers are the strongest evidence);
* ``t:`` each pair of its three rarest significant title words (rarest within this
  input, so that a typo in one word still leaves a pair to meet on, and common words
  such as "learning" never make huge blocks), and its rarest word alone when at most
  :data:`RARE_WORD` titles have it (in a million titles every word is shared by
  dozens, and such a block would only repeat the pairs' comparisons);
* ``a:`` a phonetic key (Metaphone) of the first author's family name plus the year,
  which catches titles that are missing, garbled or translated, and misspelled
  authors ("Azmus" and "Asmus" share ``ASMS``);
* ``p:`` the title's first twelve letters with spaces, punctuation and a leading
  article removed, alone and (``q:``) with the first author's phonetic key, which
  survive split or joined words ("architec ture"), late typos and a miscited year.

A block larger than ``max_block`` is not compared all-pairs: its records are sorted
by title and first author and each is compared with its ``window`` neighbours
(the sorted-neighbourhood method), so even a library where one title recurs
thousands of times stays linear. Most candidate pairs of a large library are
unrelated (one author's other papers of the year); :func:`refs.dedup.score.quick_reject`
settles those from cheap fields before the full rules run.
"""

from __future__ import annotations

import html
import re
import sys
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import jellyfish
import numpy as np

from refs.dedup.names import name_sets_of
from refs.dedup.venue import known_venue, venue_key
from refs.model import Record
from refs.model import fold as _slow_fold

#: Words that say nothing about which work a title names.
STOPWORDS = frozenset(
    "a an the of on in at to for and or but from by with about into over under via is are be as its"
    " it this that these those their his her our we you not no"
    " der die das den dem des ein eine einer und im zur zum von mit auf fur"
    " le la les un une des du de et en au aux pour par sur dans"
    " el los las lo del y con por para il gli di da della e o os as do dos".split()
)

#: Words that make a container title a journal (or other periodical) ...
_JOURNAL_WORDS = frozenset(
    "journal j jour trans transactions letters lett review rev quarterly magazine mag bulletin bull"
    " annals ann record newsletter gazette acta revue zeitschrift zeitung periodical".split()
)
#: ... and those that make it a conference proceedings.
_PROCEEDINGS_WORDS = frozenset(
    "proceedings proc conference conf symposium symp workshop congress meeting colloquium".split()
)

#: CSL type -> the kind of publication it is; kinds that differ mean different works.
TYPE_KIND = {
    "article-journal": "journal",
    "article-magazine": "magazine",
    "article-newspaper": "newspaper",
    "paper-conference": "conference",
    "chapter": "chapter",
    "entry-encyclopedia": "entry",
    "entry-dictionary": "entry",
    "entry": "entry",
    "book": "book",
    "report": "report",
    "thesis": "thesis",
    "review": "review",
    "review-book": "review",
    "webpage": "web",
    "post": "web",
    "post-weblog": "web",
    "article": "preprint",
    "manuscript": "manuscript",
    "dataset": "dataset",
    "software": "software",
    "patent": "patent",
    "speech": "speech",
    "motion_picture": "film",
    "broadcast": "broadcast",
    "legislation": "legal",
    "legal_case": "legal",
    "bill": "legal",
    "treaty": "legal",
    "map": "map",
    "song": "music",
    "musical_score": "music",
    "interview": "interview",
}

#: Kinds that publish a whole work; a single page on them is a pinpoint, not a location.
WHOLE_KINDS = frozenset({"book", "report", "thesis", "manuscript", "dataset", "software", "web"})

#: One shared empty set (most titles have no numbers, most records no ISBN).
EMPTY: frozenset[str] = frozenset()

#: Letters of the squashed title used as a prefix key.
PREFIX = 12

_ARTICLES = frozenset("the a an der die das le la les l el il lo".split())

#: Authors compared per record (long author lists are often in different orders).
MAX_NAMES = 30

_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_MARKUP = re.compile(r"[<&\\{}]")
_TAG = re.compile(r"<[^>]+>")
_LATEX_CMD = re.compile(r"\\[a-zA-Z]+\s*")
_DOI = re.compile(r"10\.\d{4,9}/\S+", re.I)
_ERRATUM_TITLE = re.compile(
    r"^\s*(?:errat(?:um|a)|corrigend(?:um|a)|correction\s+to|retraction|retracted)\b", re.I
)
#: Web of Science titles a correction "Original title (vol 20, pg 455, 2018)".
_WOS_CORRECTION = re.compile(r"\(\s*vol\.?\s*\w+\s*,\s*pg\.?\s*\w+", re.I)
_REVIEW_TITLE = re.compile(
    r"^\s*(?:\[?\s*)?(?:a\s+)?(?:review(?:ed)?\s+(?:of|by)|book\s+reviews?\b|rezension)", re.I
)


@dataclass(slots=True)
class Features:
    """Everything the scorer needs, computed once per record."""

    index: int
    id: str
    kind: str = ""
    title: str = ""  # folded
    squash: int = 0  # hash of the folded title without parenthetical notes, spaces or punctuation
    core: str = ""  # folded title without notes and genre labels ("Tutorial: ...", "... - Book Review"),
    # "" when that is the title itself
    head: str = ""  # its first PREFIX letters without a leading article (for the prefix blocking key)
    numbers: frozenset[str] = frozenset()  # numbers in the title (part 1 vs part 2)
    main: str = ""  # folded title before a subtitle separator ("" when there is none)
    tokens: tuple[str, ...] = ()  # significant title words (sorted, unique)
    families: tuple[str, ...] = ()  # folded family names (first MAX_NAMES authors)
    initials: tuple[str, ...] = ()  # given-name initials, aligned with families
    longnames: tuple[tuple[str, ...], ...] = ()  # every long name word of each author
    surnames: tuple[str, ...] = ()  # family names however the parse split them (names.py)
    name_words: tuple[str, ...] = ()  # every long word of every name (sorted)
    phon: str = ""  # metaphone of the first family name
    n_authors: int = 0
    year: int | None = None
    container: str = ""  # raw container title (for abbreviation checks)
    container_key: str = ""  # folded container title
    venue: str = ""  # ISO 4 abbreviated container, or a known venue's canonical name (venue.py)
    venue_known: bool = False  # the container is a known venue (an alias in venue.py)
    publisher: str = ""  # folded publisher (or institution)
    volume: str = ""
    issue: str = ""
    page_first: str = ""
    page_last: str = ""
    doi: str = ""
    isbns: frozenset[str] = frozenset()
    edition: str = ""
    number: str = ""
    url: str = ""  # the URL without scheme, "www." or trailing slash, when it has a path
    review: bool = False


# -- normalisation helpers --------------------------------------------------------------

_NON_WORD = re.compile(r"[^\w]+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """:func:`refs.model.fold` with an ASCII fast path and a cache (names, journals and
    publishers repeat across a library; folding is most of the feature cost). Titles,
    which do not repeat, are folded by ``fold.__wrapped__``, past the cache."""
    if text.isascii():
        return _NON_WORD.sub(" ", text.lower()).strip()
    return _slow_fold(text)


def clean_text(text: object) -> str:
    """Text without HTML tags, entities or LaTeX commands, ready for :func:`fold`."""
    s = str(text or "")
    if not _MARKUP.search(s):
        return s
    s = html.unescape(s)
    s = _TAG.sub(" ", s)
    s = _LATEX_CMD.sub("", s)
    return s.replace("{", "").replace("}", "")


_SUBTITLE = re.compile(r"\s*(?::|\?|!|\s[-\u2013\u2014]+\s|\.\s)")


def main_title(s: str) -> str:
    """The folded title before its subtitle (``Opening NATO's Door: How ...``), or "";
    ``s`` is the title after :func:`clean_text`."""
    m = _SUBTITLE.search(s)
    if not m:
        return ""
    head = s[: m.end()] if s[m.start() : m.end()].strip() in ("?", "!") else s[: m.start()]
    head = fold(head)
    words = [w for w in head.split() if w not in STOPWORDS]
    if len(words) < 2 or len(head) < 10:
        return ""
    return head


#: A genre label before or after a title: what the item is, not what it is called
#: ("Tutorial: Data access", "Data access (tutorial session)", "X - Book Review",
#: "X - Guest Editor's Introduction").
_LABEL_BEFORE = re.compile(
    r"^\s*(?:tutorial|panel|keynote(?:\s+(?:address|talk))?|invited\s+talk|demo(?:nstration)?|poster)"
    r"\s*(?::|\s[-\u2013\u2014]+)\s*",
    re.I,
)
_LABEL_AFTER = re.compile(
    r"\s*(?::|\s[-\u2013\u2014]+)\s*(?:an?\s+)?(?:book\s+review|tutorial|panel|keynote|"
    r"guest\s+editor'?s?\s+(?:introduction|foreword|preface)|(?:extended\s+)?abstract)\s*$",
    re.I,
)


#: Words of the genre labels above (a quick test before the regular expressions).
_LABEL_WORDS = ("tutorial", "panel", "keynote", "invited", "demo", "poster", "review", "guest", "abstract")


def core_title(clean: str) -> str:
    """The folded title without parenthetical notes and genre labels (see
    :data:`_LABEL_BEFORE`); ``clean`` is the title after :func:`clean_text`."""
    return _core_of(_PAREN.sub(" ", clean))


def _core_of(stripped: str) -> str:
    """:func:`core_title` of a title whose notes are already removed."""
    return canonical_parts(fold.__wrapped__(_LABEL_AFTER.sub("", _LABEL_BEFORE.sub("", stripped))))


_ROMAN = {r: str(n) for n, r in enumerate("i ii iii iv v vi vii viii ix x xi xii".split(), 1)}
_NUMBER_WORDS = {
    w: str(n) for n, w in enumerate("one two three four five six seven eight nine ten".split(), 1)
} | {w: str(n) for n, w in enumerate("first second third fourth fifth sixth".split(), 1)}
_PART_WORDS = ("part", "pt", "vol", "volume", "book", "chapter", "no", "teil", "partie")
_PART_SET = frozenset(_PART_WORDS)
_DIGIT = re.compile(r"\d")


def title_numbers(title: str) -> frozenset[str]:
    """Numbers in a folded title, and roman numerals or number words next to
    part/volume/book ("Part II", "part two", "second part" all give ``2``)."""
    words = title.split()
    if _PART_SET.isdisjoint(words) and not _DIGIT.search(title):
        return EMPTY
    out = {str(int(w)) for w in words if w.isdigit()}
    for prev, w in zip(words, words[1:], strict=False):
        if prev in _PART_WORDS and (w in _ROMAN or w in _NUMBER_WORDS):
            out.add(_ROMAN.get(w) or _NUMBER_WORDS[w])
        elif w in _PART_WORDS and prev in _NUMBER_WORDS:
            out.add(_NUMBER_WORDS[prev])
    return frozenset(out) if out else EMPTY


#: words that name a part of a larger work (not "no", which is also a word: "No Logo")
_PART_OF = frozenset(("part", "pt", "vol", "volume", "book", "teil", "partie", "tome", "band", "bd",
                      "chapter"))


def part_numbers(title: str) -> frozenset[str]:
    """The numbers a folded, :func:`canonical_parts` title gives to a part, volume or
    book of a larger work ("part 2", "vol 3", "teil 1"; "second part" → ``2``)."""
    words = title.split()
    if _PART_OF.isdisjoint(words):
        return EMPTY
    out = set()
    for prev, w in zip(words, words[1:], strict=False):
        if prev in _PART_OF and w.isdigit():
            out.add(str(int(w)))
        elif w in _PART_OF and prev in _NUMBER_WORDS:
            out.add(_NUMBER_WORDS[prev])
    return frozenset(out) if out else EMPTY


def canonical_parts(title: str) -> str:
    """A folded title with the number of a part written in digits ("part one" and
    "part i" -> "part 1"), so that the spellings of one part compare equal."""
    if not title:
        return title
    words = title.split()
    if _PART_SET.isdisjoint(words):
        return title
    for k in range(1, len(words)):
        if words[k - 1] in _PART_WORDS and (words[k] in _ROMAN or words[k] in _NUMBER_WORDS):
            words[k] = _ROMAN.get(words[k]) or _NUMBER_WORDS[words[k]]
    return " ".join(words)


def title_tokens(title: str) -> tuple[str, ...]:
    """Significant words of a folded title, sorted and unique, each word one shared
    string object (a library repeats its vocabulary; a million titles would otherwise
    hold ten million copies of the same words, and a tuple is a third of a set's size)."""
    return tuple(
        sorted({sys.intern(w) for w in title.split() if w not in STOPWORDS and (len(w) > 1 or w.isdigit())})
    )


def norm_doi(value: object) -> str:
    if not value:
        return ""
    m = _DOI.search(html.unescape(str(value or "")))
    return m.group(0).rstrip(".,;)").lower() if m else ""


def norm_isbns(value: object) -> frozenset[str]:
    """ISBN-13 forms of every ISBN in a field (ISBN-10s converted, so both spellings meet)."""
    if not value:
        return EMPTY
    out = set()
    for raw in re.findall(r"[0-9Xx][0-9Xx\- ]{8,16}[0-9Xx]", str(value or "")):
        digits = re.sub(r"[^0-9Xx]", "", raw).upper()
        if len(digits) == 10:
            core = "978" + digits[:9]
            total = sum((1 if i % 2 == 0 else 3) * int(c) for i, c in enumerate(core))
            out.add(core + str((10 - total % 10) % 10))
        elif len(digits) == 13 and digits.isdigit():
            out.add(digits)
    return frozenset(out) if out else EMPTY


def norm_number(value: object) -> str:
    """``2nd ed.`` -> ``2``; ``Second edition`` -> ``2``; other text folded."""
    s = fold(str(value or ""))
    if not s:
        return ""
    m = re.search(r"\d+", s)
    if m:
        return str(int(m.group(0)))
    words = {
        "first": 1,
        "second": 2,
        "third": 3,
        "fourth": 4,
        "fifth": 5,
        "sixth": 6,
        "seventh": 7,
        "eighth": 8,
        "ninth": 9,
        "tenth": 10,
        "revised": 99,
    }
    for w in s.split():
        if w in words:
            return str(words[w])
    return s


def norm_url(value: object) -> str:
    """``https://www.Example.org/a.pdf/`` -> ``example.org/a.pdf``; "" for a bare site
    (a home page names a site, not a work)."""
    if not value:
        return ""
    m = re.match(r"\s*(?:https?://)?(?:www\.)?([^/\s]+)(/\S*)?", str(value or ""), re.I)
    if not m:
        return ""
    path = (m.group(2) or "").rstrip("/")
    return (m.group(1).lower() + path) if path else ""


_PAGES = re.compile(r"([A-Za-z]?\d+)\s*(?:-+|\u2013|\u2014|to)\s*([A-Za-z]?\d+)")
_PAGE = re.compile(r"[A-Za-z]?\d+")


def page_range(value: object) -> tuple[str, str]:
    """``"101-111"`` -> ``("101", "111")``; ``"p. 210"`` -> ``("210", "")``."""
    s = str(value or "").strip()
    if s.isascii() and s.isdigit():
        return s, ""
    first, dash, last = s.partition("-")
    if not (dash and first.isascii() and first.isdigit() and last.isascii() and last.isdigit()):
        m = _PAGES.search(s)  # anything but the common "101-111"
        if not m:
            m = _PAGE.search(s)
            return (m.group(0).lower(), "") if m else ("", "")
        first, last = m.group(1).lower(), m.group(2).lower()
    if last.isdigit() and first.isdigit() and len(last) < len(first):  # 524-32
        last = first[: len(first) - len(last)] + last
    return first, last


def container_kind(container: str) -> str:
    words = set(fold(container).split())
    if words & _PROCEEDINGS_WORDS:
        return "conference"
    if words & _JOURNAL_WORDS:
        return "journal"
    return ""


def record_kind(record: Record) -> str:
    """The publication kind: from the CSL type, else from the container's wording."""
    kind = TYPE_KIND.get(record.type, "")
    if record.csl.get("reviewed-title") or record.csl.get("reviewed-author"):
        return "review"
    if not kind:
        kind = container_kind(str(record.csl.get("container-title") or ""))
    return kind


_NAME_SPLIT = re.compile(r"[\s.\-]+")

#: Common English short forms of given names whose initial differs from the full name's
#: ("Bob Gerber" is "Robert H. Gerber"): the full name's initial is added to the short form's.
NICKNAMES: dict[str, str] = {
    short: full
    for full, shorts in {
        "robert": "bob bobby",
        "william": "bill billy",
        "richard": "dick",
        "edward": "ned",
        "theodore": "ted",
        "margaret": "peggy",
        "elizabeth": "liz betty",
        "charles": "chuck",
        "henry": "hank",
        "anthony": "tony",
        "mary": "molly polly",
        "sarah": "sally",
    }.items()
    for short in shorts.split()
}


@lru_cache(maxsize=65536)
def _name_parts_of(literal: str, family: str, given: str) -> tuple[str, str, tuple[str, ...]]:
    # cached: the same people recur across a library; words interned and held in a tuple
    # (a quarter of a frozenset's size), so a library's names are stored once
    if literal:
        words = fold(clean_text(literal)).split()
        return sys.intern(words[-1] if words else ""), "", _word_tuple(w for w in words if len(w) > 1)
    family = fold(clean_text(family))
    given = clean_text(given)
    initials = "".join(w[0] for w in _NAME_SPLIT.split(given) if w and w[0].isalpha()).lower()
    first_given = fold(given).split(maxsplit=1)
    formal = NICKNAMES.get(first_given[0], "") if first_given else ""
    if formal and initials and formal[0] != initials[0]:
        initials = formal[0] + initials  # "Bob" is "Robert": both initials are his
    words = {w for w in (family + " " + fold(given)).split() if len(w) > 1}
    fam_words = family.split()
    return sys.intern(fam_words[-1] if fam_words else ""), sys.intern(initials), _word_tuple(words)


def _word_tuple(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({sys.intern(w) for w in words}))


@lru_cache(maxsize=32768)
def _author_features(
    names: tuple[tuple[str, str, str], ...],
) -> tuple[
    tuple[str, ...], tuple[str, ...], tuple[tuple[str, ...], ...], tuple[str, ...], tuple[str, ...], str
]:
    """(families, initials, long name words per author, surnames, all name words, phonetic
    key of the first author) of an author list; cached, so that the lists a library
    repeats share one copy."""
    parts = [p for p in (_name_parts_of(*n) for n in names) if p[0]]
    families = tuple(p[0] for p in parts)
    surnames, name_words = name_sets_of(names)
    first = families[0] if families else ""
    if len(first) <= 2 and surnames:  # an initial in the family field: a swapped parse
        first = surnames[0]
    phon = (jellyfish.metaphone(first) or first) if first else ""
    return families, tuple(p[1] for p in parts), tuple(p[2] for p in parts), surnames, name_words, phon


def features(record: Record, index: int, shared: dict[Any, Any] | None = None) -> Features:
    """The features of one record. ``shared``: a dict kept across the records of one run,
    so that equal small values (author tuples, page numbers, years) are held once."""
    csl = record.csl
    raw = csl.get("title", "")
    clean = clean_text(raw)  # once: the title's forms below all start from it
    title = canonical_parts(fold.__wrapped__(clean))
    stripped = _PAREN.sub(" ", clean) if "(" in clean or "[" in clean else clean
    bare = fold.__wrapped__(stripped)  # without (parenthetical) or [bracketed] notes
    f = Features(
        index=index,
        id=record.id,
        kind=record_kind(record),
        title=title,
        main=canonical_parts(main_title(clean)),
        tokens=title_tokens(bare),
    )
    f.squash = hash(bare.replace(" ", "")) if bare else 0  # compared for equality only
    low = stripped.lower()
    if any(w in low for w in _LABEL_WORDS):
        core = _core_of(stripped)
    else:  # the title without its notes, if it had any
        core = canonical_parts(bare) if stripped is not clean else title
    f.core = core if core != title else ""
    words = bare.split()
    f.head = "".join(words[1:] if words and words[0] in _ARTICLES else words)[:PREFIX]
    f.numbers = title_numbers(title)
    names = csl.get("author") or csl.get("editor") or []
    f.n_authors = len(names)
    triples = tuple(
        (str(n.get("literal") or ""), str(n.get("family") or ""), str(n.get("given") or ""))
        for n in names[:MAX_NAMES]
        if isinstance(n, dict)
    )
    f.families, f.initials, f.longnames, f.surnames, f.name_words, f.phon = _author_features(triples)
    f.year = record.year
    f.container = clean_text(csl.get("container-title", "") or "")
    f.container_key = fold(f.container)
    if f.container:
        f.venue = venue_key(f.container)
        f.venue_known = bool(known_venue(f.container))
    f.publisher = fold(clean_text(csl.get("publisher", "") or ""))
    f.volume = fold(str(csl.get("volume", "") or ""))
    f.issue = fold(str(csl.get("issue", "") or ""))
    f.page_first, f.page_last = page_range(csl.get("page", ""))
    if shared is not None:  # one object for each recurring value (a million records, far fewer values)
        one = shared.setdefault
        f.families = one(f.families, f.families)
        f.initials = one(f.initials, f.initials)
        f.longnames = one(f.longnames, f.longnames)
        f.surnames = one(f.surnames, f.surnames)
        f.name_words = one(f.name_words, f.name_words)
        f.tokens = one(f.tokens, f.tokens)
        f.page_first = one(f.page_first, f.page_first)
        f.page_last = one(f.page_last, f.page_last)
        f.year = one(f.year, f.year)
        f.volume = one(f.volume, f.volume)
        f.issue = one(f.issue, f.issue)
    f.doi = norm_doi(csl.get("DOI", ""))
    f.url = norm_url(csl.get("URL", ""))
    f.isbns = norm_isbns(csl.get("ISBN", ""))
    f.edition = norm_number(csl.get("edition", ""))
    f.number = fold(str(csl.get("number", "") or csl.get("collection-number", "") or ""))
    f.review = f.kind == "review" or bool(_REVIEW_TITLE.match(clean))
    if f.review:
        f.kind = "review"
    elif _ERRATUM_TITLE.match(clean) or _WOS_CORRECTION.search(str(raw)):
        f.kind = "erratum"  # an erratum is not the article it corrects
    return f


# -- blocking -------------------------------------------------------------------------


#: A title word shared by more records than this is not a key on its own (its pairs with
#: the record's other rare words still are): in a large library every word is shared by
#: dozens of titles, and a block of 40 is 780 comparisons that the word pairs already make.
RARE_WORD = 10


def record_keys(f: Features, df: Counter[str]) -> list[str]:
    """One record's blocking keys (see the module docstring); ``df`` counts title words."""
    keys = []
    if f.doi:
        keys.append("d:" + f.doi)
    keys.extend("i:" + i for i in f.isbns)
    # the rarest words that some other title has too (a word of this title alone, a typo
    # or a date glued on, "Oct. 15, 2001", is no key: no other record shares it)
    rare = sorted(f.tokens, key=lambda w: (df[w] < 2, df[w], w))[:3]
    if rare and df[rare[0]] <= RARE_WORD:
        keys.append("t:" + rare[0])
    # any two of the three rarest words: one typo still leaves a shared key
    keys.extend(f"t:{x}|{y}" for n, x in enumerate(rare) for y in rare[n + 1 :])
    if f.phon and f.year:
        keys.append(f"a:{f.phon}:{f.year}")
    # the title's first letters with spaces and punctuation removed, alone and with the
    # first author: survives split or joined words ("architec ture"), typos late in the
    # title and a miscited year
    head = f.head[:PREFIX]
    if len(head) == PREFIX:
        keys.append("p:" + head)
        if f.phon:
            keys.append(f"q:{f.phon}:{head}")
    return keys


def candidate_pairs(
    feats: Sequence[Features], max_block: int = 50, window: int = 8
) -> tuple[np.ndarray, dict[str, int]]:
    """Pairs of record indices sharing a blocking key, as a sorted array of codes
    ``i * n + j`` (``i < j``; :func:`iter_pairs` decodes them); and block statistics.

    Memory stays small for millions of records: each (key, record) is two integers in a
    numpy array, sorted so that a block is a run, instead of a dict of lists of strings.
    """
    df: Counter[str] = Counter()
    for f in feats:
        df.update(f.tokens)
    hashes = array("q")
    owners = array("l")
    for f in feats:
        for k in record_keys(f, df):
            hashes.append(hash(k))  # one process: Python's hash is stable within it
            owners.append(f.index)
        f.head = ""  # only needed for the keys
    del df
    n = len(feats)
    h = np.frombuffer(hashes, dtype=np.int64)
    o = np.frombuffer(owners, dtype=np.int64) if owners.itemsize == 8 else np.asarray(owners, dtype=np.int64)
    order = np.lexsort((o, h))
    h, o = h[order], o[order]
    del order, hashes, owners
    starts = np.flatnonzero(np.concatenate(([True], h[1:] != h[:-1])))
    sizes = np.diff(np.append(starts, len(h)))
    del h
    stats = {"blocks": int((sizes >= 2).sum()), "large_blocks": int((sizes > max_block).sum())}
    chunks: list[np.ndarray] = []
    # small blocks (2..max_block members): all pairs, vectorised per block size
    for size in range(2, max_block + 1):
        sel = starts[sizes == size]
        if not len(sel):
            continue
        x, y = np.triu_indices(size, k=1)
        members = o[sel[:, None] + np.arange(size)[None, :]]  # (blocks, size)
        a, b = members[:, x].ravel(), members[:, y].ravel()
        del members
        mixed = a != b  # not a record listed twice in one block
        a, b = a[mixed], b[mixed]
        chunks.append(np.unique(np.minimum(a, b) * n + np.maximum(a, b)))
        del a, b, mixed
    # large blocks: sorted neighbourhood (8 bytes a pair, not a list of Python ints)
    big = array("q")
    large = sizes > max_block
    for start, size in zip(starts[large].tolist(), sizes[large].tolist(), strict=True):
        for a, b in _neighbour_pairs(o[start : start + size].tolist(), feats, window):
            if a != b:
                big.append(min(a, b) * n + max(a, b))
    if big:
        chunks.append(np.frombuffer(big, dtype=np.int64))
    del o, starts, sizes
    codes = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int64)
    del chunks, big
    if not len(codes):
        return codes, stats
    codes.sort()  # in place, then duplicates dropped: half the memory of np.unique
    keep = np.empty(len(codes), dtype=bool)
    keep[0] = True
    np.not_equal(codes[1:], codes[:-1], out=keep[1:])
    return codes[keep], stats


def iter_pairs(codes: np.ndarray, n: int, chunk: int = 65536) -> Iterator[tuple[int, int]]:
    """``(i, j)`` of each pair code from :func:`candidate_pairs`, a chunk at a time."""
    for start in range(0, len(codes), chunk):
        part = codes[start : start + chunk]
        yield from zip((part // n).tolist(), (part % n).tolist(), strict=True)


def _neighbour_pairs(members: list[int], feats: Sequence[Features], window: int) -> Iterator[tuple[int, int]]:
    """Sorted neighbourhood over two orders (title first, then author first)."""
    for order in (
        lambda i: (feats[i].title, feats[i].families[:1], feats[i].year or 0),
        lambda i: (feats[i].families[:1], feats[i].year or 0, feats[i].title),
    ):
        ranked = sorted(members, key=order)
        for x, a in enumerate(ranked):
            for b in ranked[x + 1 : x + 1 + window]:
                yield a, b
