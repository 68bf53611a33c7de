"""String operations the CSL renderer needs and citeproc-py gets wrong: joining with
punctuation merging (``Title?`` + ``.`` gives ``Title?``), punctuation moved inside
quotes, text-case (title case that splits hyphenated words, keeps stop words
lower, respects ``nocase`` spans), and typographic quotes and apostrophes.

All functions work on strings holding the markers of :mod:`refs.render.markup`,
looking through formatting markers when they inspect neighbouring characters.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from refs.render import markup as mk

NOCASE = ("\ue040", "\ue041")

# citeproc-js's table for two punctuation marks meeting at a seam (left + right).
_MERGE = {
    "!": {".": "!", "?": "!?", ":": "!", ",": "!,", ";": "!;"},
    "?": {"!": "?!", ".": "?", ":": "?", ",": "?,", ";": "?;"},
    ".": {"!": ".!", "?": ".?", ":": ".:", ",": ".,", ";": ".;"},
    ":": {"!": "!", "?": "?", ".": ":", ",": ":,", ";": ":;"},
    ",": {"!": ",!", "?": ",?", ":": ",:", ".": ",.", ";": ",;"},
    ";": {"!": "!", "?": "?", ":": ";", ",": ";,", ".": ";"},
}
_PUNCT = set(_MERGE)
_INVISIBLE = set(mk.FORMAT_CLOSERS + mk.FORMAT_OPENERS + NOCASE[0] + NOCASE[1] + mk.NO_CAP)


def _last_visible(s: str) -> int:
    i = len(s) - 1
    while i >= 0 and s[i] in _INVISIBLE:
        i -= 1
    return i


def _first_visible(s: str) -> int:
    i = 0
    while i < len(s) and s[i] in _INVISIBLE:
        i += 1
    return i


def concat(left: str, right: str) -> str:
    """``left + right`` without doubled spaces or clashing punctuation at the seam."""
    if not left:
        return right
    if not right:
        return left
    li = _last_visible(left)
    ri = _first_visible(right)
    if li < 0 or ri >= len(right):
        return left + right
    a, b = left[li], right[ri]
    if a == " " and b == " ":
        return left + right[:ri] + right[ri + 1:]
    if a == QUOTE_CLOSE and b in _PUNCT:
        # "“Why?”" + "." keeps the mark inside the quote and drops the new one
        qi = _last_visible(left[:li])
        if qi >= 0 and left[qi] in _PUNCT:
            q = left[qi]
            if (q if q == b else _MERGE[q].get(b, q + b)) == q:
                return left + right[:ri] + right[ri + 1:]
        return left + right
    if a in _PUNCT and b in _PUNCT:
        merged = a if a == b else _MERGE[a].get(b, a + b)
        if merged == a:
            return left + right[:ri] + right[ri + 1:]
        if merged == b:
            return left[:li] + left[li + 1:] + right
        return left + right
    if a == " " and b in ",.;:":
        # "Title " + ", 2" keeps one delimiter without the stray space; after a
        # punctuation mark (a suffix ". " meeting a delimiter ", ") citeproc-js keeps
        # it: IEEE's "no. 2. , Stuttgart"
        pi = _last_visible(left[:li])
        if pi >= 0 and left[pi] in _PUNCT:
            return left + right
        return left[:li] + left[li + 1:] + right
    return left + right


def join(parts: list[str], delimiter: str = "") -> str:
    out = ""
    first = True
    for p in parts:
        if not p:
            continue
        if first:
            out = p
            first = False
        else:
            out = concat(concat(out, delimiter), p) if delimiter else concat(out, p)
    return out


def affix(text: str, prefix: str, suffix: str) -> str:
    if prefix:
        text = concat(prefix, text)
    if suffix:
        text = concat(text, suffix)
    return text


# -- punctuation in quotes --------------------------------------------------------

_CLOSE = re.escape(mk.QUOTE[1])
_FMT_CLOSE = "[" + re.escape(mk.FORMAT_CLOSERS) + "]*"
_PIQ_RE = re.compile(f"((?:{_CLOSE}{_FMT_CLOSE})+)([.,])")


def punctuation_in_quote(text: str) -> str:
    """Move ``.`` and ``,`` that follow a closing quote inside it; a mark inside
    already ending the quoted text absorbs it (``“Why?”.`` becomes ``“Why?”``)."""
    if mk.QUOTE[1] not in text:
        return text

    # the text before each match decides (a mark ending the quote absorbs the new one)
    out: list[str] = []
    pos = 0
    for m in _PIQ_RE.finditer(text):
        out.append(text[pos:m.start()])
        done = "".join(out)
        closers, punct = m.group(1), m.group(2)
        li = _last_visible(done)
        if li >= 0 and done[li] in _PUNCT:
            a = done[li]
            merged = a if a == punct else _MERGE[a].get(punct, a + punct)
            if merged == a:
                out.append(closers)
            else:
                out.append(punct + closers)
        else:
            out.append(punct + closers)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


# -- typographic quotes -------------------------------------------------------------

def smart_quotes(text: str) -> str:
    """Straight and curly double quotes, and single quotes used as quotes, in field
    values become quote markers (rendered with the locale's terms, nested ones
    flipped to inner quotes); other apostrophes become ’. citeproc-js does the same."""
    if not any(c in text for c in "'\"\u201c\u201d\u2018"):
        return text
    out: list[str] = []
    stack: list[tuple[str, int]] = []  # (kind, index in out) of open quotes
    n = len(text)
    for i, ch in enumerate(text):
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < n else " "
        opens = (i == 0 or prev.isspace() or prev in "([{\u2014-/\u201c\"") and not nxt.isspace()
        if ch in "\"\u201c\u201d":
            if ch != "\u201d" and opens and not (stack and stack[-1][0] == '"' and ch == '"'
                                                   and not prev.isspace()):
                stack.append(('"', len(out)))
                out.append(QUOTE_OPEN)
            elif stack and stack[-1][0] == '"' and ch != "\u201c":
                stack.pop()
                out.append(QUOTE_CLOSE)
            else:
                out.append(ch)
        elif ch == "\u2018":  # typed curly quotes are kept as typed (citeproc-js does)
            out.append(ch)
        elif ch == "'":
            if opens and (nxt.isalnum() or nxt in "\"\u201c"):
                stack.append(("'", len(out)))
                out.append(QUOTE_OPEN + mk.NO_CAP)  # one element: out stays in step with text
            else:
                out.append("\u2019")
        elif ch == "\u2019" or ch == "'":
            out.append("\u2019")
        else:
            out.append(ch)
        if ch in "'\u2019" and out[-1] == "\u2019" and stack and stack[-1][0] == "'" \
                and not nxt.isalnum():
            stack.pop()
            out[-1] = QUOTE_CLOSE
    # Unbalanced openers stay literal characters (out and text run in step: one output
    # character per input one). A straight ' that never closes was an apostrophe ('t
    # Hooft, the '90s, 'Tis), as citeproc-js reads it.
    for kind, idx in stack:
        out[idx] = "\u2019" if kind == "'" else "\u201c"
    return "".join(out)


QUOTE_OPEN, QUOTE_CLOSE = mk.QUOTE


# -- text case ----------------------------------------------------------------------

SKIP_WORDS = frozenset([
    "about", "above", "across", "afore", "after", "against", "al", "along", "alongside", "amid",
    "amidst", "among", "amongst", "anenst", "apropos", "apud", "around", "as", "aside", "astride",
    "at", "athwart", "atop", "barring", "before", "behind", "below", "beneath", "beside", "besides",
    "between", "beyond", "but", "by", "circa", "despite", "down", "during", "et", "except", "for",
    "forenenst", "from", "given", "in", "inside", "into", "lest", "like", "modulo", "near", "next",
    "notwithstanding", "of", "off", "on", "onto", "out", "over", "per", "plus", "pro", "qua", "sans",
    "since", "than", "through", "thru", "throughout", "thruout", "till", "to", "toward", "towards",
    "under", "underneath", "until", "unto", "up", "upon", "versus", "vs.", "v.", "vs", "v", "via",
    "vis-à-vis", "with", "within", "without", "or", "yet", "so", "and", "nor", "a", "an", "the", "de",
    "d'", "von", "van", "c", "ca",
])

# Separators that split words for case changes (citeproc-js's "tag" regex): quotes,
# dashes, slash, sentence punctuation, brackets, and our markers.
_SPLIT_RE = re.compile("([\u2018\u2019\u201c\u201d\"'\\-\u2013\u2014/.,;?!:\\[\\]()"
                       + re.escape(mk.ALL_MARKERS) + NOCASE[0] + NOCASE[1] + "])")
_WORD_RE = re.compile(r"(\s+)")
_APOSTROPHES = ("\u2019", "\u2018", "'", mk.NO_CAP)


def _upper_first(ch: str) -> str:
    """Upper-case one letter; Greek capitals drop the tonos (έ → Ε), as citeproc-js does."""
    if "\u0370" <= ch <= "\u03ff" or "\u1f00" <= ch <= "\u1fff":
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if c not in "\u0301\u0300\u0342")
        return unicodedata.normalize("NFC", base).upper()
    return ch.upper()


def _cap(word: str) -> str:
    for i, ch in enumerate(word):
        if ch.isspace():
            continue
        if "\u0370" <= ch <= "\u03ff" and len(word.strip()) == 1:
            return word
        return word[:i] + _upper_first(ch) + word[i + 1:]
    return word


_NOCASE_OPEN = (NOCASE[0], mk.NODECOR[0], mk.SMALLCAPS[0], mk.SUP[0], mk.SUB[0])
_NOCASE_CLOSE = (NOCASE[1], mk.NODECOR[1], mk.SMALLCAPS[1], mk.SUP[1], mk.SUB[1])


def _engine(text: str, words_fn: Callable[..., str]) -> str:
    """Split into strings and separators; call ``words_fn(string, index, next_sep)``
    on strings outside nocase spans."""
    pieces = _SPLIT_RE.split(text)
    strings = pieces[0::2]
    seps = pieces[1::2]
    nocase_depth = 0
    state = {"first": True, "after_punct": False, "last": None}
    if strings[0].strip():
        strings[0] = words_fn(strings[0], 0, seps[0] if seps else None, state)
    for i, sep in enumerate(seps):
        state["prev_sep"] = sep
        # small caps, superscript and subscript spans keep their case too (citeproc-js)
        if sep in _NOCASE_OPEN:
            nocase_depth += 1
        elif sep in _NOCASE_CLOSE:
            nocase_depth = max(0, nocase_depth - 1)
        if sep in "!?:":
            state["after_punct"] = True
        s = strings[i + 1]
        if nocase_depth == 0:
            strings[i + 1] = words_fn(s, i + 1, seps[i + 1] if i + 1 < len(seps) else None, state)
        elif s.strip():
            state["first"] = False
            state["last"] = None
        if s.strip():
            state["after_punct"] = False
    last = state["last"]
    if last is not None:
        si, wi = last
        parts = _WORD_RE.split(strings[si])
        w = parts[wi]
        if len(w) > 1 and w.lower() in SKIP_WORDS and w == w.lower():
            parts[wi] = _cap(w)
            strings[si] = "".join(parts)
    out = [strings[0]]
    for sep, s in zip(seps, strings[1:], strict=False):
        out.append(sep)
        out.append(s)
    return "".join(out)


def title_case(text: str) -> str:
    def words(s: str, si: int, next_sep: str | None, state: dict) -> str:
        if not s.strip():
            return s
        parts = _WORD_RE.split(s)
        for wi in range(0, len(parts), 2):
            w = parts[wi]
            if not w:
                continue
            low = w.lower()
            cap = False
            if len(w) > 1 and low not in SKIP_WORDS:
                cap = True
            elif si == 0 and wi == len(parts) - 1 and next_sep == "-":
                # a stop word or single letter before a hyphen is capitalised (In-Depth,
                # X-Ray, E-Prints) only up to the first separator of the title: citeproc-js
                # passes the following separator to its word function for the first
                # string alone ("An In-Depth Study" but "Self-Help and the e-Mail Age",
                # "Up-to-Date")
                cap = True
            elif state["first"] or state["after_punct"]:
                cap = True
            if wi == 0 and state.get("prev_sep") in _APOSTROPHES:
                cap = False  # l’histoire, O’brien, ’tis: citeproc-js cases the whole word once
            if cap and w == low:
                parts[wi] = _cap(w)
            state["first"] = False
            state["after_punct"] = False
            state["last"] = (si, wi)
        return "".join(parts)

    return _engine(text, words)


def capitalize_first(text: str) -> str:
    done = [False]

    def words(s: str, si: int, next_sep: str | None, state: dict) -> str:
        if done[0] or not s.strip():
            return s
        parts = _WORD_RE.split(s)
        for wi in range(0, len(parts), 2):
            w = parts[wi]
            if w:
                if w == w.lower():
                    parts[wi] = _cap(w)
                done[0] = True
                break
        return "".join(parts)

    return _engine(text, words)


def capitalize_all(text: str) -> str:
    def words(s: str, si: int, next_sep: str | None, state: dict) -> str:
        parts = _WORD_RE.split(s)
        for wi in range(0, len(parts), 2):
            w = parts[wi]
            if w and w == w.lower():
                parts[wi] = _cap(w)
        return "".join(parts)

    return _engine(text, words)


def sentence_case(text: str) -> str:
    def words(s: str, si: int, next_sep: str | None, state: dict) -> str:
        parts = _WORD_RE.split(s)
        for wi in range(0, len(parts), 2):
            w = parts[wi]
            if not w:
                continue
            if state["first"]:
                parts[wi] = _cap(w)
                state["first"] = False
            else:
                parts[wi] = w.lower()
        return "".join(parts)

    return _engine(text, words)


def lowercase(text: str) -> str:
    return _engine(text, lambda s, *a: s.lower())


def uppercase(text: str) -> str:
    return _engine(text, lambda s, *a: s.upper())


CASES = {
    "title": title_case,
    "capitalize-first": capitalize_first,
    "capitalize-all": capitalize_all,
    "sentence": sentence_case,
    "lowercase": lowercase,
    "uppercase": uppercase,
}
