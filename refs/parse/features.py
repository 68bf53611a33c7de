"""Tokens of a reference string and their features for the sequence model.

A token is a run of non-space characters; :func:`tokenize` keeps each token's character
offsets so that labelled tokens map back to substrings of the input. Punctuation at a
token's ends is not a token of its own but a feature (``("Smith,"`` → core ``Smith``,
before ``(``, after ``,``), which keeps sequences short and the model fast.

:func:`features` gives each token its own observations (lower-cased core, shape,
affixes, punctuation, relative position, quote/bracket depth, number shapes, lexicon
memberships: cue words, months, cities; given, family and town names of :mod:`refs.parse.lexicon`),
the string's shape as a whole (a year, a quotation, an "In" somewhere) and where the token
sits in it (after the first year, after how many field separators and before how many), a
"by"/"de" before a known given name ("Ravel de Jean Echenoz"), the shape of the field-like
run it is in and of the runs beside it ("Dominic Johnson:" two capitalised words and a colon,
before a run of five words or more with lower-case ones), and its neighbours' observations
(±1, ±2) under prefixed names.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from typing import Generic, TypeVar

from refs.parse.dates import MONTHS, ascii_digits
from refs.parse.lexicon import fold as _fold
from refs.parse.lexicon import is_place, names
from refs.parse.memo import memo
from refs.parse.names import ORG_WORDS, PARTICLES
from refs.parse.places import KNOWN_CITIES

#: where a token is cut although no space is there: after a comma, semicolon or colon glued
#: to the next word, after a closing parenthesis or bracket glued to a word or number (text
#: copied from PDFs: "physics,Phys", "(2012)094025", "(2017),1611"), after a word's comma
#: before a number ("Hilversum,2013"), after a word of three letters or more and its full
#: stop before a capitalised word ("Forschung.Zeitschrift", "Phys.Rev.D" → "Phys." "Rev.D");
#: "12(3)", "2005;365:1-9", "Cu,Zn", "U.S.A." stay whole
_GLUE = re.compile(r"(?<=[^\W\d_]{2}[,;:])(?=[^\W\d_]{2})|(?<=\))(?=[^\W_])|(?<=[)\]][,;])(?=\S)"
                   r"|(?<=[^\W\d_][,;])(?=\d{2})|(?<=[^\W\d_]{3}\.)(?=[^\W\d_a-zа-яα-ω][^\W\d_])")
_EDGE = "\"'“”‘’«»„‚()[]{}<>.,;:!?/–—-*†‡•·،؛"
_OPEN_Q = "“«„‚‘"
_CLOSE_Q = "”»’"

#: cue words, folded (lower case, no accents, trailing dot dropped), by kind
_CUES = {
    "ed": "ed eds edd edit editor editors edited hrsg hg hgg herausgegeben ed(s éd éds dir coord coords"
          " org orgs a cura cur red ред под επιμ επιμέλεια επιμελεια eds) ed) (ed (eds (hrsg",
    "in": "in in: dans en em nel in: в στο στο: //",
    "trans": "trans transl translated tr trad traduit traduction übers ubers übersetzt uebersetzt пер перевод"
             " μετάφραση μεταφραση μτφρ traduzione tradução traduccion traducción",
    "pp": "p pp s с pages page seiten pag págs págs. pgs σ σσ стр",
    "vol": "vol vols volume volumes bd band bde t т tome tomo v jg jahrgang vyp вып",
    "no": "no nos number nr num n nº n° heft h № issue iss fasc no. núm núm. τεύχος τευχ",
    "edn": "edn edition ed. auflage aufl éd. édition edición edizione edição изд издание έκδοση εκδ rev"
           " revised 2nd 3rd 4th 5th 1st nd rd th",
    "pub": "press verlag éditions editions editora editorial edizioni издательство изд-во εκδόσεις εκδοσεις"
           " publishers publishing publisher university univ books co inc ltd gmbh sa presses uni"
           " wiley springer elsevier routledge sage macmillan palgrave blackwell academic oup cup",
    "thesis": "thesis dissertation diss phd ph.d dr thèse tesis tesi dissertação диссертация дис"
              " master's masters ma msc doctoral habilitation",
    "report": "report rapport bericht informe working paper technical tech memorandum brief series preprint",
    "acc": "accessed retrieved viewed consulted consulté abgerufen consultado consultato обращения"
           " available online cited",
    "url": "url http https www doi isbn issn arxiv pmid",
}
CUES: dict[str, str] = {}
for _kind, _words in _CUES.items():
    for _w in _words.split():
        CUES.setdefault(_w.rstrip("."), _kind)
#: (folded as the words looked up in them are: "Köln", "Université" are found)
_CITY_WORDS = frozenset(_fold(w) for c in KNOWN_CITIES for w in c.replace(",", " ").split() if len(w) > 2)
_ORG = frozenset(map(_fold, ORG_WORDS))
_YEAR = re.compile(r"^(?:1[5-9]\d\d|20\d\d)[a-z]?$")
_RANGE = re.compile(r"^[A-Za-z]?\d+[a-z]?[-–—‐‑−]+[A-Za-z]?\d+[a-z]?$")
_ROMAN = re.compile(r"^[ivxlcdm]+$|^[IVXLCDM]+$")
_DOI = re.compile(r"^10\.\d{4,}/")
_ABBR = re.compile(r"[A-Z][a-z]{0,5}\.")
_INITIAL = re.compile(r"^(?:[^\W\d_]\.-?){1,3}$|^[^\W\d_]\.?$")


#: how many distinct tokens' features are kept (the words of a document recur; about 1.5 KB
#: a token, feature strings shared between tokens)
CACHED_TOKENS = 32768


def tokenize(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of the tokens: whitespace-separated, with glued
    words cut apart (:data:`_GLUE`)."""
    out = []
    end = 0
    find = text.find
    for word in text.split():  # (the runs of non-space characters)
        start = find(word, end)  # (only spaces between the last word's end and this one)
        end = start + len(word)
        inner = word[:-1]  # (a cut is after a comma, semicolon, colon, parenthesis or full stop, before more)
        if "," in inner or ";" in inner or ":" in inner or ")" in inner or "." in inner:
            at = start
            for cut in _GLUE.finditer(word):
                if cut.start():
                    out.append((start, at + cut.start()))
                    start = at + cut.start()
        out.append((start, end))
    return out


def _shape(word: str) -> str:
    out = []
    for ch in word:
        c = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:8]


@memo(CACHED_TOKENS)
def _intrinsic(tok: str) -> tuple[str, ...]:
    """The observations of one token that do not depend on its context. (Each regular
    expression is tried only where a cheap test leaves it a chance to match.)"""
    core = tok.strip(_EDGE)
    lead = tok[: len(tok) - len(tok.lstrip(_EDGE))]
    trail = tok[len(tok.rstrip(_EDGE)):] if core else ""
    low = core.lower()
    folded = _fold(low)
    size = len(core)
    feats = [f"w={low[:20]}", f"sh={_shape(core)}", f"lead={lead[-2:]}", f"trail={trail[:2]}",
             f"len={min(size, 8)}"]
    if not core:
        feats.append(f"punct={tok[:3]}")
    if size > 3:
        feats += [f"p3={low[:3]}", f"s3={low[-3:]}"]
    upper = core[:1].isupper()
    if upper:
        feats.append("cap")
        if size > 1 and core.isupper():
            feats.append("caps")
    if core.isalpha():  # (no year, number or range: a Roman numeral perhaps)
        if size < 6 and _ROMAN.match(core):
            feats.append("roman")
    elif _YEAR.match(ascii_digits(core)):  # (in any script's digits: "٢٠١٥")
        feats.append("year")
    elif core.isdigit():
        feats.append(f"num{min(size, 5)}")
    elif _RANGE.match(core):
        feats.append("range")
    elif size < 6 and _ROMAN.match(core):
        feats.append("roman")
    if (size < 2 or core[1] == ".") and _INITIAL.match(core + ("." if trail.startswith(".") else "")):
        feats.append("initial")
    key = folded.rstrip(".")
    # (the cue words as written first: "thèse", "edición", "τεύχος"; folded, "these" would be one)
    cue = CUES.get(low.rstrip(".")) or CUES.get(key) or CUES.get(
        folded.rstrip(".,:") if tok == core else _fold(tok.lower()).rstrip(".,:"))
    if cue:
        feats.append("cue=" + cue)
    if key in MONTHS:
        feats.append("month")
    if key in _CITY_WORDS:
        feats.append("city")
    if not core[:1].islower() and is_place(key):  # (capitalised, or in a script without case)
        feats.append("place")
    if key in _ORG:
        feats.append("org")
    if key in PARTICLES:
        feats.append("particle")
    if upper and len(key) > 1:  # a known given / family name ("Amedeo", "Braudel")
        given, family = names()
        if key in given or ("-" in key and all(p in given for p in key.split("-"))):
            feats.append("gname")
        if key in family:
            feats.append("fname")
    if "http" in low or "www." in low or "doi.org" in low:
        feats.append("link")
    if core.startswith("10.") and _DOI.match(core):
        feats.append("doi")
    if 1 < size < 7 and trail[:1] == "." and _ABBR.fullmatch(core + "."):
        feats.append("abbr")
    return tuple(map(sys.intern, feats))  # (one string for every token's "cap", "sh=Xx" …)


@memo(CACHED_TOKENS)
def _seen_from(feature: str) -> tuple[str | None, str, str, str | None]:
    """One observation as the tokens at offsets -2, -1, +1, +2 see it ("-1:cap" …); the
    tokens two away do not see affixes and length (``None``). (The cache shares the strings
    between tokens: interning them as well costs more than it saves.)"""
    far = not feature.startswith(_NEAR_ONLY)
    return ("-2:" + feature if far else None, "-1:" + feature, "1:" + feature,
            "2:" + feature if far else None)


_NEAR_ONLY = ("p3=", "s3=", "len=")
_VIEW_PREFIXES = ("-2:", "-1:", "1:", "2:")
_AT = tuple(itemgetter(k) for k in range(4))


@memo(CACHED_TOKENS)
def _prefixed(tok: str) -> tuple[tuple[str, ...], ...]:
    """A token's context-free observations as the tokens at each offset see them: indexed
    by the offset itself (``[0]``: the token's own, with ``bias``; ``[-1]``, ``[1]``: its
    neighbours'; ``[-2]``, ``[2]``: the tokens two away, which see fewer: no affixes, no
    length). One tuple a token: the cache holds every token's views in one place."""
    own = _intrinsic(tok)
    seen = list(map(_seen_from, own))
    return (("bias", *own), tuple(map(_AT[2], seen)), tuple(filter(None, map(_AT[3], seen))),
            tuple(filter(None, map(_AT[0], seen))), tuple(map(_AT[1], seen)))


_BRACKETS = frozenset("()[]\"" + _OPEN_Q + _CLOSE_Q)
_ANY_BRACKET = re.compile("[" + re.escape("".join(sorted(_BRACKETS))) + "]")


def _marks(tok: str) -> str:
    """The quotes and brackets of a token (most have none), each quotation mark read by where
    it stands: "<" opens a quotation (at the word's start: „Titel, «Titre, “Title), ">" closes
    one (at its end: Titel“, Titre», Title,”), "~" is a mark standing alone whose side only the
    text before it tells (a spaced " or “); a mark inside a word (l’histoire) is no quote."""
    if not _ANY_BRACKET.search(tok):
        return ""
    out = []
    for i, ch in enumerate(tok):
        if ch not in _BRACKETS:
            continue
        if ch in "()[]":
            out.append(ch)
            continue
        starts, ends = not tok[:i].strip(_LEADS), not tok[i + 1:].strip(_TRAILS)
        if starts and ends:
            out.append("<" if ch in _ONLY_OPENS else ">" if ch in _ONLY_CLOSES else "~")
        elif starts or ends:
            out.append("<" if starts else ">")
    return "".join(out)


#: what may stand before a quotation's opening mark in its word, and after its closing one
_LEADS = "([{\"'" + _OPEN_Q + _CLOSE_Q
_TRAILS = _LEADS + ")]}.,;:!?"
#: marks that only ever open (or close) a quotation, wherever they stand
_ONLY_OPENS, _ONLY_CLOSES = "«„‚", "”»"


#: the context observations (inside quotes / parentheses / brackets) of each (q, p, b)
#: combination, as the token itself and as its neighbours at each offset see them
_CTX = {(q, p, b): tuple(f"in_{k}" for k, v in (("q", q), ("p", p), ("b", b)) if v)
        for q in (0, 1) for p in (0, 1) for b in (0, 1)}
_CTX_AT = {(key, off): tuple(f"{off}:{f}" for f in own)
           for key, own in _CTX.items() for off in (-2, -1, 1, 2)}
_POS = tuple(f"pos={k}" for k in range(10))


def _contexts(token_marks: tuple[str, ...]) -> list[tuple[int, int, int]]:
    """Per token, whether it is inside (or opens) a quotation, parentheses, brackets, from
    each token's :func:`_marks`."""
    q = p = b = 0
    now = (0, 0, 0)  # (q, p, b) as flags: the context of a token without marks
    out = []
    for marks in token_marks:
        if not marks:
            out.append(now)
            continue
        oq, op, ob = q, p, b
        for ch in marks:
            if ch == "(":
                p += 1
                op = 1
            elif ch == ")":
                p = max(0, p - 1)
            elif ch == "[":
                b += 1
                ob = 1
            elif ch == "]":
                b = max(0, b - 1)
            elif ch == "<" or (ch == "~" and not q):
                q = 1
                oq = 1
            else:
                q = 0
        out.append((1 if oq else 0, 1 if op else 0, 1 if ob else 0))
        now = (1 if q else 0, 1 if p else 0, 1 if b else 0)
    return out


_SEP = tuple(f"sep={k}" for k in range(7))
_RSEP = tuple(f"rsep={k}" for k in range(7))
_QUOTE_CHARS = frozenset("“”«»\"„")
_IN_WORDS = frozenset(("In", "in", "In:", "in:", "Dans", "Im", "En"))


@memo(CACHED_TOKENS)
def _traits(tok: str) -> tuple[bool, bool, bool, bool, str]:
    """(a year, ends a field — a separator after a word that is not an initial —, has a
    quotation mark, is "In", its quotes and brackets (:func:`_marks`)) of one token."""
    core = tok.strip(_EDGE)
    traits = (bool(_YEAR.match(ascii_digits(core))), tok[-1:] in ",.:;،؛" and not _INITIAL.match(core + "."),
              not _QUOTE_CHARS.isdisjoint(tok), tok in _IN_WORDS, _marks(tok))
    # (the few distinct ones shared: the garbage collector's walk over the cache then meets
    # the same tuples again and again, not one new tuple a token)
    return _SHARED_TRAITS.setdefault(traits, traits) if len(_SHARED_TRAITS) < 4096 else traits


_SHARED_TRAITS: dict[tuple[bool, bool, bool, bool, str], tuple[bool, bool, bool, bool, str]] = {}


_DASHES = frozenset(("/", "–", "—", "-", "//"))
#: words that put an author's name after a title ("Ravel de Jean Echenoz", "… by Ron Isaacs")
_BY = frozenset(("by", "de", "par", "von", "di", "da", "door", "av", "od", "από", "от"))


def _opening(toks: list[str]) -> tuple[str, ...]:
    """How the string is written, from how it opens and what separates its fields: with a
    given name ("Fernand Braudel, …"), a name in capitals ("MIRANDA, Jorge"), a word and a
    comma ("Smith, J." or "Historia, …"), a quotation ("'El maestro y Margarita', …"); with
    " / " or " – " between areas (GOST, "Author – Title"), a "by" ("Title by Author"), and
    ending in parentheses ("… (Publisher)")."""
    if not toks:
        return ()
    first = toks[0]
    own = _intrinsic(first)
    out = [g for g, ok in (("g:o=gname", "gname" in own), ("g:o=caps", "caps" in own),
                           ("g:o=comma", first.endswith(",")), ("g:o=quote", first[:1] in "\"“«„'‘"))
           if ok]
    if not _DASHES.isdisjoint(toks):
        out.append("g:dash")
    if "by" in toks:
        out.append("g:by")
    if toks[-1].rstrip(".").endswith(")"):
        out.append("g:paren_end")
    return tuple(out)


A = TypeVar("A", str, bytes)


@memo(CACHED_TOKENS)
def _word_class(tok: str) -> int:
    """1: a capitalised word, an initial or a name particle (or a word of a script without
    capitals); 4: a word with a digit; 2: any other (a lower-case word: titles have them, names
    do not). As bits, so that a run's classes are their union."""
    core = tok.strip(_EDGE)
    if not core:
        return 1
    if any(ch.isdigit() for ch in core):
        return 4
    return 1 if not core[0].islower() or core.lower() in PARTICLES else 2


#: a run's classes (the union of its words' :func:`_word_class` bits) as its shape writes them
_KINDS = tuple("".join(c for bit, c in ((1, "C"), (2, "l"), (4, "d")) if mask & bit) for mask in range(8))


@lru_cache(maxsize=8192)
def _run_features(one: Callable[[str], tuple[A, ...]], first: bool, before: str, shape: str, after: str
                  ) -> tuple[A, ...]:
    """The observations of a token in a run of ``shape`` between runs of the shapes ``before``
    and ``after`` (:func:`_chunks`)."""
    return (*one("ch=" + shape), *(one("ch0=" + shape) if first else ()), *one("pch=" + before),
            *one("nch=" + after))


def _chunks(toks: list[str], ends: tuple[bool, ...],
            one: Callable[[str], tuple[A, ...]]) -> list[tuple[A, ...]]:
    """Per token, the shape of the field-like run it is in and of the runs on either side (a run:
    the tokens up to a field separator, :func:`_traits`). A shape is how many words (1 to 5, 5
    for more), of which classes (:func:`_word_class`) and the punctuation ending the run:
    "Dominic Johnson:" is "2C:", a title "5Cl.", "Berlin 2011." "2Cd.". The first run's shape
    is given once more under its own name: a line's author or title usually stands there. A
    name list and a title read alike word by word; as runs they do not."""
    sizes: list[int] = []
    shapes = ["BOS"]
    start = mask = 0
    last = len(toks) - 1
    for i, tok in enumerate(toks):
        mask |= _word_class(tok)
        if ends[i] or i == last:
            size = i + 1 - start
            sizes.append(size)
            shapes.append(f"{size if size < 5 else 5}{_KINDS[mask]}{tok[-1] if ends[i] else '_'}")
            start, mask = i + 1, 0
    shapes.append("EOS")
    out: list[tuple[A, ...]] = []
    for k, size in enumerate(sizes):
        out.extend([_run_features(one, k == 0, shapes[k], shapes[k + 1], shapes[k + 2])] * size)
    return out


@dataclass(frozen=True)
class Tables(Generic[A]):
    """The pieces a token's feature list is made of, in the form the feature lists are
    wanted in: the strings themselves (training, :func:`features`), or only those a
    model knows, encoded for crfsuite (:func:`for_model`). ``prefixed`` is a token's
    cached views (:func:`_prefixed`); the other fields are the per-position observations,
    each as a tuple of none or one attribute. ``in_context`` (made from the others) is a
    token's views with the observations of its context (:func:`_contexts`) joined on, each
    after the view it goes with."""

    prefixed: Callable[[str], tuple[tuple[A, ...], ...]]
    ctx: dict[tuple[int, int, int], tuple[A, ...]]
    ctx_at: dict[tuple[tuple[int, int, int], int], tuple[A, ...]]
    pos: tuple[tuple[A, ...], ...]
    sep: tuple[tuple[A, ...], ...]
    rsep: tuple[tuple[A, ...], ...]
    one: Callable[[str], tuple[A, ...]]  # a string-wide or edge observation ("g:year", "BOS")
    in_context: Callable[[str, tuple[int, int, int]], tuple[tuple[A, ...], ...]] = field(init=False)

    def __post_init__(self) -> None:
        prefixed, ctx, ctx_at = self.prefixed, self.ctx, self.ctx_at

        def in_context(tok: str, where: tuple[int, int, int]) -> tuple[tuple[A, ...], ...]:
            views = prefixed(tok)
            if where == (0, 0, 0):  # (outside all: nothing to join)
                return views
            return ((*views[0], *ctx[where]), (*views[1], *ctx_at[where, 1]), (*views[2], *ctx_at[where, 2]),
                    (*views[3], *ctx_at[where, -2]), (*views[4], *ctx_at[where, -1]))

        object.__setattr__(self, "in_context", in_context)


def _as_is(feature: str) -> tuple[str, ...]:
    return (feature,)


PLAIN: Tables[str] = Tables(_prefixed, _CTX, _CTX_AT, tuple((p,) for p in _POS), tuple((s,) for s in _SEP),
                            tuple((s,) for s in _RSEP), _as_is)


def for_model(known: frozenset[str] | None) -> Tables[bytes]:
    """Tables that give only the attributes in ``known`` (those a model has a weight for;
    ``None``: all), as UTF-8 bytes. crfsuite ignores an attribute its model does not
    know and reads bytes without encoding them, so a model tags these lists exactly as
    it tags :func:`features`' (same labels, same marginals: the kept attributes are in the
    same order), only faster. A token's views are filtered once and cached.

    The attribute sets are kept as dicts (keys only): a dict of strings is not tracked by
    the garbage collector, a frozenset is, and every full collection would walk its
    300,000 strings (about 25 ms a collection)."""
    known = None if known is None else dict.fromkeys(known)

    def kept(feature: str | None) -> bytes | None:
        return feature.encode() if feature is not None and (known is None or feature in known) else None

    def keep(feats: tuple[str, ...]) -> tuple[bytes, ...]:
        return tuple(filter(None, map(kept, feats)))

    # every observation the model knows in some view ("w=paris" when only "-1:w=paris" is
    # known): one not among them is unknown in all five views (a new word's "w=…", mostly)
    bases = None if known is None else {
        **dict.fromkeys(a.partition(":")[2] if a.startswith(_VIEW_PREFIXES) else a for a in known), **known}
    unknown = (None,) * 5

    @memo(CACHED_TOKENS)
    def seen(feature: str) -> tuple[bytes | None, ...]:
        """One observation as the token itself and the tokens at -2, -1, +1, +2 see it, kept
        or not (``None``)."""
        if bases is not None and feature not in bases:
            return unknown
        # (kept() inlined: a new word's observations come here one by one)
        return tuple([None if v is None or (known is not None and v not in known) else v.encode()
                      for v in (feature, *_seen_from(feature))])

    @lru_cache(maxsize=4096)  # (the string-wide and edge observations, and the runs' shapes: about 1,100)
    def one(feature: str) -> tuple[bytes, ...]:
        return keep((feature,))

    bias = one("bias")

    @memo(CACHED_TOKENS)
    def prefixed(tok: str) -> tuple[tuple[bytes, ...], ...]:
        """:func:`_prefixed`, kept and encoded."""
        own, m2, m1, p1, p2 = zip(*map(seen, _intrinsic(tok)), strict=True)  # (as each offset sees them)
        return ((*bias, *filter(None, own)), tuple(filter(None, p1)), tuple(filter(None, p2)),
                tuple(filter(None, m2)), tuple(filter(None, m1)))

    return Tables(prefixed, {k: keep(v) for k, v in _CTX.items()}, {k: keep(v) for k, v in _CTX_AT.items()},
                  tuple(keep((p,)) for p in _POS), tuple(keep((s,)) for s in _SEP),
                  tuple(keep((s,)) for s in _RSEP), one)


def features(text: str, spans: list[tuple[int, int]] | None = None) -> list[list[str]]:
    """One feature list per token of ``text`` (tokens as from :func:`tokenize`): the
    token's own observations, its context, its relative position, and its neighbours'
    (±1, ±2) under prefixed names. Per-token pieces are cached on the token's text."""
    return assembled(text, spans, PLAIN)


def assembled(text: str, spans: list[tuple[int, int]] | None, tables: Tables[A]) -> list[list[A]]:
    """:func:`features` with its pieces taken from ``tables`` (:data:`PLAIN`: the strings)."""
    spans = tokenize(text) if spans is None else spans
    toks = [text[a:b] for a, b in spans]
    n = len(toks)
    years, ends, quotes, ins, marks = zip(*map(_traits, toks), strict=True) if toks else ((),) * 5
    # each token's views (its own, and as the tokens at -2, -1, +1, +2 see it) with its
    # context joined on; two empty tokens at each end stand for the neighbours there are not
    nothing = ((),) * 5
    views = [nothing, nothing, *map(tables.in_context, toks, _contexts(marks)), nothing, nothing]
    width = max(1, n)
    # the string's shape as a whole (which style it is written in: a year somewhere, a quoted
    # title, an "In") and where a token sits in it: after the first year, after how many field
    # separators ("Aston, T H 1984, Title, Publisher, Place": the title is after the second)
    glob = tuple(g for g, k in (("g:year", years), ("g:quote", quotes), ("g:in", ins)) if any(k))
    glob += _opening(toks)
    one = tables.one
    shared = tuple(x for g in glob for x in one(g))
    after_year, bos, eos = one("after_year"), one("BOS"), one("EOS")
    pos, sep, rsep = tables.pos, tables.sep, tables.rsep
    total = sum(ends)
    # "by"/"de" before a known given name: the author's name follows ("… de Jean Echenoz")
    by_at = ({i for i in range(n - 1) if toks[i] in _BY and "gname" in _intrinsic(toks[i + 1])}
             if not _BY.isdisjoint(toks) else ())
    byname, after_by = one("byname"), one("-1:byname")
    chunk = _chunks(toks, ends, one)
    seps = 0
    year_seen = False
    out = []
    for i in range(n):
        end = ends[i]
        extra = after_year if year_seen else ()
        if by_at:
            if i in by_at:
                extra += byname
            elif i - 1 in by_at:
                extra += after_by
        if i == 0:
            extra += bos
        if i == n - 1:
            extra += eos
        left = total - seps - end
        out.append([*views[i + 2][0], *pos[10 * i // width], *shared, *sep[seps if seps < 6 else 6],
                    *rsep[left if left < 6 else 6], *extra, *chunk[i],
                    *views[i][-2], *views[i + 1][-1], *views[i + 3][1], *views[i + 4][2]])
        year_seen = year_seen or years[i]
        seps += end
    return out
