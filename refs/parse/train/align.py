"""Field-level gold records → labelled segments of their reference strings.

The project's hand-labelled sets (``tests/data/parse/dev_*.jsonl``,
``tests/data/parse_eval/references.jsonl``) give each string's fields as values (the eval
schema: ``author``/``editor`` as lists of family names, ``title``, ``container-title``,
``volume``, ``issue``, ``page`` as "100-112", ``year``, ``publisher``,
``publisher-place``, ``DOI``, ``ISBN``, ``URL``, ``number``). :func:`segments` finds each
value in the string — ignoring case, quotes, dashes and spacing, with page ranges printed
short ("566–82") — and labels the whitespace tokens the way the synthetic data does
(:func:`refs.parse.train.labelled.segments`). It returns None when it is not sure: a
value not found, or words left between fields that are neither cue words ("In", "pp.",
"eds.") nor an edition, access date or thesis kind it recognises. Words after the last
field are a ``note``; a list marker before the first is a ``citation-number``.

``load_dev_sets(root)`` reads the dev sets (never ``holdout_*`` nor ``parse_real``) and
yields aligned examples.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from refs.parse.dates import MONTH_NAMES
from refs.parse.train import labelled

Span = tuple[int, int]
_why: list[str] = []  # the reason of the last refusal (for the bench's failure listing)

#: Words that may sit between fields without a field of their own (after lower-casing and
#: stripping punctuation): prefixes of fields and role labels after names.
CUE_WORDS = frozenset(
    """in im dans en pp p pages page pgs pág págs pag s vol vols volume volumes bd bde band no nos nr n nº
    núm num issue iss heft h fasc t т вып выпуск № с стр σ σελ τ τόμ τόμος ed eds edn editor editors
    edited by hrsg hg hgg herausgegeben von éd éds dir dirs coord coords org orgs cura a di под ред επιμ
    trans tr transl translated übers trad traduit retrieved from available at accessed online ligne doi
    isbn url urn et al and und y e и και ders dies publication
    στο στη sur su tome tomo pt part suppl art article
    chap chapter ch cap kap kapitel the of ibid idem journal j web website site www diss edition auflage
    aufl изд v τχ τευχ pdf jstor рус англ fr de es it ru el via ebsco proquest""".split()
)
_CITATION_NUMBER = re.compile(r"^(?:\[\d{1,4}\]|\(\d{1,4}\)|\d{1,4}[.)]?|[•▪*–-])$")


def _skeleton(text: str) -> tuple[str, list[int]]:
    """Lower-cased letters and digits of ``text`` (accents kept) with their positions."""
    chars: list[str] = []
    pos: list[int] = []
    for i, ch in enumerate(text):
        if ch.isalnum():
            low = ch.lower()
            if len(low) != 1:
                low = ch
            chars.append(low)
            pos.append(i)
    return "".join(chars), pos


def _norm_value(value: str) -> str:
    return unicodedata.normalize("NFC", str(value))


class _Aligner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.skel, self.pos = _skeleton(text)
        self.spans: dict[str, list[Span]] = {}

    def free(self, a: int, b: int) -> bool:
        return all(b <= s or a >= e for spans in self.spans.values() for s, e in spans)

    def find_text(self, value: str, after: int = 0) -> Span | None:
        """The first free occurrence of ``value``'s letters and digits at or after ``after``."""
        sk, _ = _skeleton(_norm_value(value))
        if not sk:
            return None
        start = 0
        while True:
            k = self.skel.find(sk, start)
            if k < 0:
                return None
            a, b = self.pos[k], self.pos[k + len(sk) - 1] + 1
            start = k + 1
            # whole words only: the match may not start or end inside a word
            if a > 0 and self.text[a - 1].isalnum() and self.text[a].isalnum() and sk[0].isalpha():
                continue
            if (
                b < len(self.text)
                and self.text[b].isalnum()
                and self.text[b - 1].isalnum()
                and sk[-1].isalpha()
            ):
                continue
            if a >= after and self.free(a, b):
                return a, b

    def find_regex(self, pattern: str, after: int = 0, flags: int = 0) -> Span | None:
        for m in re.finditer(pattern, self.text, flags):
            if m.start() >= after and self.free(m.start(), m.end()):
                return m.start(), m.end()
        return None

    def add(self, label: str, span: Span) -> None:
        self.spans.setdefault(label, []).append(span)


_LEADER = re.compile(r"^(?:\[\d{1,4}\]|\(\d{1,4}\)|\d{1,4}[.)]?|[•▪*–-]|\([a-zA-Z]{2}\))$")
_DOTTED = re.compile(r"^\(?(?:[^\W\d_]{1,2}\.)+(?:-[^\W\d_]{1,2}\.)*[,;:]?$")
_VANCOUVER = re.compile(r"^[^\W\d_a-zа-яα-ω]{1,3}[,.;:]?$")
_INITIALS = re.compile(
    r"^\(?(?:[^\W\d_]{1,2}\.)+(?:-[^\W\d_]{1,2}\.)*[,;:]?$|^[^\W\d_a-zа-яα-ω]{1,3}[,.;:]?$"
)
_CAPWORD = re.compile(r"^[^\W\d_][^\W\d_'’\-]*(?:-[^\W\d_]+)?[,.;:]?$")


def _tokens(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]


def _names_span(al: _Aligner, families: list[str], first_field: bool) -> Span | None:
    """From the first family name to the last, with the given names around them."""
    text = al.text
    cur = 0
    found: list[Span] = []
    for fam in families:
        sp = al.find_text(fam, cur)
        if sp is None:
            if found and re.search(r"(?i)\bet al\b|\bu\. ?a\.|и др\.|κ\.ά\.", text[found[-1][1] :]):
                break  # the list is cut short by "et al." in the string
            return None
        found.append(sp)
        cur = sp[1]
    start, end = found[0][0], found[-1][1]
    toks = _tokens(text)
    # snap to whole tokens
    ti = next(i for i, (a, b) in enumerate(toks) if a <= start < b)
    tj = next(i for i, (a, b) in enumerate(toks) if a < end <= b)
    # backward: given names before the first family name (natural order)
    k = ti
    back = 0
    given_before = False
    while k > 0 and back < 5:
        tok = text[toks[k - 1][0] : toks[k - 1][1]]
        if _word(tok) in _PARTICLES and tok.islower():
            k -= 1
            back += 1
        elif _INITIALS.match(tok) or (
            _CAPWORD.match(tok) and tok[:1].isupper() and not tok.endswith((".", ":", ","))
        ):
            if _INITIALS.match(tok) and tok.endswith((",", ";")):
                break
            k -= 1
            back += 1
            given_before = True
        else:
            break
    at_start = k == 0 or (k == 1 and bool(_LEADER.match(text[toks[0][0] : toks[0][1]])))
    cued = k > 0 and _word(text[toks[k - 1][0] : toks[k - 1][1]]) in _NAME_CUES
    if k < ti and (at_start or not first_field):
        if not at_start and not cued:  # inside the string: initials only (GOST "/ И. И. Иванов")
            while k < ti and not _INITIALS.match(text[toks[k][0] : toks[k][1]]):
                k += 1
        ti = k
    else:
        given_before = False
    # forward: given names after the last family name (inverted order, Vancouver initials)
    j = tj
    if j + 1 < len(toks) and _word(text[toks[j + 1][0] : toks[j + 1][1]]) in ("jr", "sr"):
        j += 1  # "Schlesinger Jr., Arthur M."
    last = text[toks[j][0] : toks[j][1]]
    natural = given_before
    inverted = last.endswith(",") and not natural
    bare = last[-1:].isalnum()  # "Paim J," "Иванов И. И."
    start_j = j
    while j + 1 < len(toks) and j - start_j < 4 and not natural:
        tok = text[toks[j + 1][0] : toks[j + 1][1]]
        dotted = _DOTTED.match(tok) and not tok[:-1].isdigit()
        if dotted and (inverted or bare):
            j += 1
            if tok.endswith((",", ";", ":")):
                break
            continue
        if _VANCOUVER.match(tok) and bare and j == start_j:
            j += 1
            break
        capword = _CAPWORD.match(tok) and tok[:1].isupper()
        if inverted and j == start_j and capword or inverted and _word(tok) in _PARTICLES and j > start_j:
            j += 1
            if tok.endswith((".", ",", ";", ":")):
                break
            continue
        if inverted and capword and j > start_j and not _DOTTED.match(text[toks[j][0] : toks[j][1]]):
            j += 1  # a second given name: "Paulo Roberto de."
            if tok.endswith((".", ",", ";", ":")):
                break
            continue
        break
    if j + 1 < len(toks) and _word(text[toks[j + 1][0] : toks[j + 1][1]]) in ("jr", "sr", "ii", "iii"):
        j += 1  # "Nye, Joseph S., Jr."
    # "et al." / "u. a." right after
    rest = text[toks[j][1] :]
    m = re.match(r"\s*(?:,\s*)?(?:et\.? al\.?|u\. ?a\.|и др\.|κ\.ά\.|and others)[.,;:]?", rest, re.I)
    end_pos = toks[j][1] + (m.end() if m else 0)
    return toks[ti][0], end_pos


#: Words after which a name list starts ("In: Hans-Ulrich Wehler (Hrsg.)", "dans Pierre Nora (dir.)").
_NAME_CUES = frozenset("in dans en em στο by von par di eds ed hrsg".split())
_PARTICLES = frozenset("de da do dos das du des del della di van von der den ter zu y e jr sr".split())


def _page_pattern(page: str) -> str | None:
    m = re.match(r"^\s*([A-Za-z]?\d+)\s*(?:[-–—‑]\s*([A-Za-z]?\d+))?\s*$", page)
    if not m:
        return None
    first, last = m.group(1), m.group(2)
    if last is None:
        return rf"(?<![\w.]){re.escape(first)}(?![\w])"
    # the end may be printed in full or shortened ("566–82")
    tails = {last[i:] for i in range(len(last)) if last[i:]}
    alt = "|".join(re.escape(t) for t in sorted(tails, key=len, reverse=True))
    return rf"(?<![\w.]){re.escape(first)}\s*(?:[-–—‑]|--)\s*(?:{alt})(?!\d)"


def _number_pattern(value: str) -> str:
    body = r"\s*[-–—‑/]\s*".join(re.escape(p) for p in re.split(r"\s*[-–—‑/]\s*", value))
    return rf"(?<![\w]){body}(?![\w])" if value[-1:].isalnum() else body


def _identifier(al: _Aligner, label: str, value: str) -> Span | None:
    v = value.strip()
    if label == "url":
        v = re.sub(r"^https?://", "", v).rstrip("/")
        m = re.search(re.escape(v), al.text, re.I)
        if not m:
            return None
        a = m.start()
        pre = re.search(r"(?:https?://)?$", al.text[:a])
        a = pre.start() if pre else a
        b = m.end()
        while b < len(al.text) and not al.text[b].isspace():
            b += 1
        return (a, b) if al.free(a, b) else None
    if label == "isbn":
        digits = re.sub(r"[^0-9Xx]", "", v)
        pat = r"[-\s]?".join(re.escape(c) for c in digits)
        return al.find_regex(pat, 0, re.I)
    return al.find_regex(re.escape(v), 0, re.I)  # DOI


#: Places that bibliographies abbreviate (GOST "М.", "СПб."), as the eval schema expands them.
PLACE_ALIASES = {
    "Москва": ("М.",),
    "Санкт-Петербург": ("СПб.", "С.-Петербург", "СПб"),
    "Ленинград": ("Л.",),
    "Киев": ("К.",),
    "Paris": ("P.",),
    "London": ("L.",),
    "Αθήνα": ("Αθ.",),
}

_ORDER = [
    "DOI",
    "URL",
    "ISBN",
    "author",
    "editor",
    "title",
    "container-title",
    "publisher",
    "publisher-place",
    "number",
    "page",
    "year",
    "volume",
    "issue",
]
_LABELS = {
    "DOI": "doi",
    "URL": "url",
    "ISBN": "isbn",
    "author": "author",
    "editor": "editor",
    "title": "title",
    "container-title": "container-title",
    "publisher": "publisher",
    "publisher-place": "location",
    "number": "number",
    "page": "pages",
    "year": "date",
    "volume": "volume",
    "issue": "issue",
}


def _char_labels(text: str, expected: dict[str, Any]) -> list[str | None] | None:
    al = _Aligner(text)
    for key in _ORDER:
        value = expected.get(key)
        if value in (None, "", []):
            continue
        label = _LABELS[key]
        span: Span | None
        if key in ("author", "editor"):
            fams = [f for f in value if str(f).strip()] if isinstance(value, list) else [str(value)]
            if not fams:
                continue
            span = _names_span(al, fams, key == "author")
        elif key in ("DOI", "URL", "ISBN"):
            span = _identifier(al, label, str(value))
        elif key == "page":
            pat = _page_pattern(str(value))
            span = al.find_regex(pat) if pat else al.find_text(str(value))
        elif key == "year":
            span = al.find_regex(rf"(?<!\d){int(value)}[a-z]?(?!\d)")
        elif key in ("volume", "issue"):
            v = str(value).strip()
            span = al.find_regex(_number_pattern(v)) if len(_skeleton(v)[0]) <= 6 else al.find_text(v)
        else:
            span = al.find_text(str(value))
            if span is None and key == "publisher-place":
                for alias in PLACE_ALIASES.get(str(value), ()):
                    span = al.find_regex(rf"(?<!\w){re.escape(alias)}(?!\w)")
                    if span:
                        break
        if span is None:
            _why.append(f"{key} not found")
            return None
        al.add(label, span)
    labels: list[str | None] = [None] * len(text)
    for label, spans in al.spans.items():
        for a, b in spans:
            for i in range(a, b):
                labels[i] = label
    return labels


def _fold(word: str) -> str:
    word = unicodedata.normalize("NFD", word.lower())
    return "".join(c for c in word if not unicodedata.combining(c))


_MONTHS = frozenset(_fold(w) for names in MONTH_NAMES.values() for w in names.split()) | frozenset(
    "spring summer autumn fall winter printemps ete automne hiver fruhjahr fruhling sommer herbst "
    "primavera verano otono invierno estate autunno inverno".split()
)
_DATE_TOKEN = re.compile(r"^\(?(?:\d{1,2}(?:st|nd|rd|th|er|\.)?|de|del|of|the)[,.;:)\]]*$", re.I)


def _word(tok: str) -> str:
    return _fold(re.sub(r"[^\w]", "", tok))


_CUE = frozenset(_fold(w) for w in CUE_WORDS)


def _is_month(tok: str) -> bool:
    parts = [p for p in re.split(r"[-/–]", tok) if p.strip("()[].,;:")]
    return bool(parts) and all(_word(p) in _MONTHS for p in parts)


def _extend_date(text: str, toks: list[Span], labels: list[str | None]) -> None:
    """A year found alone takes the month, day and season printed with it."""
    has_date = [any(labels[i] == "date" for i in range(a, b)) for a, b in toks]
    for k in [i for i, h in enumerate(has_date) if h]:
        for step in (-1, 1):
            j = k + step
            grabbed = False
            while 0 <= j < len(toks) and abs(j - k) <= 3:
                a, b = toks[j]
                if any(labels[i] is not None for i in range(a, b) if text[i].isalnum()):
                    break
                tok = text[a:b]
                if _is_month(tok):
                    grabbed = True
                elif not _DATE_TOKEN.match(tok):
                    break
                j += step
            if grabbed:
                lo, hi = (j + 1, k) if step < 0 else (k + 1, j)
                # trailing day numbers/particles only count when a month was taken
                for t in range(lo, hi):
                    for i in range(*toks[t]):
                        labels[i] = "date"


_ACCESS = re.compile(
    r"(?i)^[\[(]?(?:retrieved|accessed|consulté|consultado|consultato|abgerufen|zugegriffen|cited|дата|"
    r"acesso|acessado|ανακτήθηκε|πρόσβαση)"
)
_GENRE = re.compile(
    r"(?i)(?:thesis|dissertation|^diss\.|thèse|tesi|tese|дис|^ph\.?d|^m\.?[as]\.?$|mémoire|report|"
    r"^rep\.|^tech\.|working|paper|rapport|bericht|doktorarbeit|habilitation|guideline|^brief|disserta|"
    r"διατριβ|documento|доклад|^дис\.|диссертац|автореф|μεταπτυχ|manuscript|blog|podcast|video|"
    r"motion|film|lecture|speech|press|interview|dataset|software|map\b)"
)
_EDITION_WORD = re.compile(
    r"(?i)^\(?(?:ed|edn|edition|éd|édition|aufl|auflage|изд|edición|edizione|ed\.ª|έκδ)(?:\.|\b)(?!\w)"
)
_ORDINAL = re.compile(
    r"(?i)^\(?(?:\d+(?:st|nd|rd|th|e|er|re|ª|º|-?е|\.)?|first|second|third|revised|rev\.|new)[.,]?$"
)
_ROLE_RUN = re.compile(
    r"(?i)^\(?(?:eds?\.?|editors?|editores|editoras|curatori|hrsg\.?|hg\.?|éds?\.?|dir\.?|coord\.?|orgs?\.?|"
    r"a cura di|επιμ\.?|ред\.?|"
    r"trans\.?|übers\.?)\)?[.,:;]?$"
)
_PAGES_RUN = re.compile(
    r"(?i)^(?:(?:pp?|s|с|σ|σσ|σελ|pág|págs|seiten|стр)\.?\s*)?\d+(?:\s*[-–]\s*\d+)?"
    r"(?:\s*(?:pp?|s|с|σ|seiten|стр)\.?)?[.,;]?$"
)
_TRANSLATOR = re.compile(
    r"(?i)^[(]?(?:trans|translated|tr\.|transl|übers|übersetzt|trad|traduit|traducción|"
    r"traduzione|tradução|пер\.|перевод|μετάφραση|μτφρ)"
)
_EDITOR = re.compile(
    r"(?i)^[(]?(?:edited|ed\.|eds\.|hrsg|hg\.|herausgegeben|под|éd\.|dir\.|a cura|coord|org\.|"
    r"επιμ)"
)
_NOTE = re.compile(
    r"(?i)^(?:archived|archiviert|архивировано|αρχειοθετήθηκε|online|excerpt|reprint|"
    r"reimpr|nachdruck|see|voir|siehe)"
)


_ROLE = re.compile(
    r"(?i)^\(?(?:eds?|hrsg|hg|éds?|dir|dirs|coord|orgs?|ред|επιμ|editors?|herausgeber)\.?\)?[.,:;]?$"
)
_SERIES = re.compile(r"(?i)^(?:\(=|coll\.|collection|series|reihe|serie|сер\.|σειρά)")
_NUMBER = re.compile(r"(?i)(?:^|\s)\(?(?:no|nr|№|n°|publication no)\.?\s*[A-Z]*-?\d")
_NO_DATE = re.compile(r"(?i)^\(?(?:n\.\s?d|s\.\s?d|o\.\s?j|б\.\s?г|χ\.\s?χ)\.?\)?[.,]?$")


def _classify(run: list[str], people: dict[str, list[str]] | None = None) -> str | None:
    """The label of a run of words outside every gold value, "skip" when only cue words and
    punctuation (the neighbours take them), None when unknown."""
    if _SERIES.match(run[0]):
        return "collection-title"
    while run and not any(c.isalnum() for c in run[0]):
        run = run[1:]  # "/ отв. ред. …", "— 2-е изд."
    words = [_word(t) for t in run]
    alnum = [w for w in words if w]
    if not alnum:
        return "skip"
    joined = " ".join(run)
    if _ROLE_RUN.match(joined):
        return "role"
    if _PAGES_RUN.match(joined):
        return "pages"
    if len(run) <= 5 and any(_EDITION_WORD.match(t) for t in run) and any(_ORDINAL.match(t) for t in run):
        return "edition"
    for role, fams in (people or {}).items():
        if any(_skeleton(f)[0] and _skeleton(f)[0] in _skeleton(joined)[0] for f in fams) and len(run) <= 8:
            return role  # GOST's statement of responsibility repeats the author: "/ Ю. С. Пивоваров"
    if _ACCESS.match(run[0]):
        return "accessed"
    if any(_TRANSLATOR.match(t) for t in run) and len(run) <= 12:
        return "translator"
    if (_EDITOR.match(run[0]) or any(_ROLE.match(t) for t in run)) and len(alnum) > 1 and len(run) <= 14:
        return "editor"
    if _NOTE.match(run[0]):
        return "note"
    if any(_EDITION_WORD.match(t) for t in run) and len(run) <= 5:
        return "edition"
    if any(_GENRE.search(t) for t in run) and len(run) <= 8:
        return "genre"
    if any(_word(t) == "presented" for t in run[:2]) and len(run) <= 16:
        return "container-title"  # "Paper presented at the … Conference", as AnyStyle labels it
    if len(run) == 1 and _NO_DATE.match(run[0]):
        return "date"
    if _NUMBER.search(joined) and len(run) <= 4:
        return "number"
    while len(run) > 1 and not any(c.isalnum() for c in run[-1]):
        run = run[:-1]  # "[Электронный ресурс]. —"
    if run[0].startswith("[") and run[-1].rstrip(".,;:").endswith("]"):
        return "note" if len(run) > 1 else "skip"
    if re.fullmatch(r"\((?:[a-z]{2}|[A-Z]{2}|рус|англ)\.?\)[.,]?", run[0]) and len(run) == 1:
        return "note"  # a language tag: "(en)", "(рус.)"
    if all(w in _CUE or w.isdigit() or _is_month(w) or len(w) == 1 for w in alnum):
        return "skip"
    return None


def segments(text: str, expected: dict[str, Any]) -> list[list[str]] | None:
    """Labelled segments of ``text`` (whitespace-normalised) for a gold record, or None."""
    text = " ".join(text.split())
    if not text:
        return None
    labels = _char_labels(text, expected)
    if labels is None:
        return None
    toks = _tokens(text)
    _extend_date(text, toks, labels)
    has = [any(labels[i] is not None and text[i].isalnum() for i in range(a, b)) for a, b in toks]
    if not any(has):
        return None
    people = {
        r: [str(f) for f in expected[k]]
        for k, r in (("author", "author"), ("editor", "editor"))
        if isinstance(expected.get(k), list)
    }
    first = has.index(True)
    last = len(has) - 1 - has[::-1].index(True)
    k = 0
    while k < len(toks):
        if has[k]:
            k += 1
            continue
        j = k
        while j < len(toks) and not has[j]:
            j += 1
        run = [text[a:b] for a, b in toks[k:j]]
        lab: str | None
        if k < first:
            if _CITATION_NUMBER.match(run[0]) and len(run) == 1:
                lab = "citation-number"
            elif len(run) == 1 and re.fullmatch(r"\((?:[a-zA-Z]{2}|рус\.?|англ\.?)\)", run[0]):
                lab = "note"
            else:
                lab = _classify(run)
                if lab not in ("skip",):
                    _why.append(f"leading {run!r}")
                    return None
        elif j > last:
            lab = _classify(run)
            if lab in (None, "skip", "role") or lab == "genre" and len(run) > 3:
                lab = "note"
            if all(not any(c.isalnum() for c in t) for t in run):
                lab = "skip"
        else:
            lab = _classify(run, people)
            if lab is None:
                _why.append(f"unexplained {run!r}")
                return None
        if lab == "role":  # "(eds.)", "a cura di", "επιμ." go with the names before them
            before = labels[toks[k - 1][1] - 1] if k > 0 else None
            lab = before if before in ("author", "editor", "translator") else "editor"
        if lab != "skip":
            for a, b in toks[k:j]:
                for i in range(a, b):
                    labels[i] = lab
        k = j
    identity = {lab: lab for lab in set(x for x in labels if x)}
    return labelled.segments(text, labels, identity)


# -- the project's dev sets ---------------------------------------------------------------


def dev_files(root: Path | str) -> list[Path]:
    """The dev sets under a checkout: never ``holdout_*`` nor ``parse_real``."""
    root = Path(root)
    files = sorted((root / "tests" / "data" / "parse").glob("dev_*.jsonl"))
    files.append(root / "tests" / "data" / "parse_eval" / "references.jsonl")
    return [f for f in files if f.is_file() and "holdout" not in f.name and "parse_real" not in str(f)]


def load_dev_sets(root: Path | str, stats: dict[str, int] | None = None) -> Iterator[dict[str, Any]]:
    """Aligned examples (``source``: file name and line) from the dev sets; ``stats``
    (if given) counts ``total`` and ``aligned`` strings."""
    for path in dev_files(root):
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                row = json.loads(line)
                if stats is not None:
                    stats["total"] = stats.get("total", 0) + 1
                segs = segments(row["text"], row.get("expected") or {})
                if segs is None:
                    continue
                if stats is not None:
                    stats["aligned"] = stats.get("aligned", 0) + 1
                yield {"text": " ".join(row["text"].split()), "segments": segs, "source": f"{path.name}:{n}"}


def main(argv: list[str]) -> int:
    """``python -m refs.parse.train.align [ROOT] [--failures]``: the share of dev strings
    aligned, per file (and why the others were refused)."""
    args = [a for a in argv[1:] if not a.startswith("--")]
    root = Path(args[0]) if args else Path(__file__).resolve().parents[3]
    total = aligned = 0
    print(f"{'file':40s} {'strings':>8s} {'aligned':>8s}")
    for path in dev_files(root):
        n = ok = 0
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            n += 1
            _why.clear()
            if segments(row["text"], row.get("expected") or {}) is not None:
                ok += 1
            elif "--failures" in argv:
                print(f"  refused ({_why[-1] if _why else '?'}): {row['text']}")
        print(f"{path.name:40s} {n:8d} {ok:8d}")
        total += n
        aligned += ok
    print(f"{'all':40s} {total:8d} {aligned:8d}  ({aligned / max(total, 1):.1%})")
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv))
