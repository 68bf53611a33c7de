"""Output-neutral markup: rendering produces text with private-use markers, and one
final pass turns them into plain text, HTML or Markdown.

Why markers: citeproc-py formats while it renders, so HTML tags end up inside
strings that later get case-changed, punctuation-adjusted or compared (for
subsequent-author-substitute). Single private-use characters survive all of that,
let escaping happen exactly once at the very end (so a title holding ``<script>``
or ``&`` is escaped, never interpreted), and let plain text drop formatting
without any ``<i>`` leaking through.
"""

from __future__ import annotations

import html
import re
import unicodedata

# Paired markers: (open, close) for each formatting feature.
ITALIC = ("\ue000", "\ue001")
BOLD = ("\ue002", "\ue003")
SMALLCAPS = ("\ue004", "\ue005")
SUP = ("\ue006", "\ue007")
SUB = ("\ue008", "\ue009")
UNDERLINE = ("\ue00a", "\ue00b")
NORMAL_STYLE = ("\ue00c", "\ue00d")  # font-style="normal" (italic flip-flop)
OBLIQUE = ("\ue00e", "\ue00f")
QUOTE = ("\ue010", "\ue011")  # cs:text quotes="true"; rendered with locale terms at the end
NORMAL_VARIANT = ("\ue012", "\ue013")
NORMAL_WEIGHT = ("\ue014", "\ue015")
BASELINE = ("\ue016", "\ue017")
NODECOR = ("\ue018", "\ue019")
# display attribute: open marker followed by a kind character, then the content, then close
DISPLAY_OPEN, DISPLAY_CLOSE = "\ue020", "\ue021"
DISPLAY_KINDS = {"block": "b", "left-margin": "l", "right-inline": "r", "indent": "i"}
# subsequent-author-substitute: the first cs:names output, and each name inside it
NAMES_OPEN, NAMES_CLOSE = "\ue030", "\ue031"
NAME_OPEN, NAME_CLOSE = "\ue032", "\ue033"

# Put after the opening quote that a straight ' became: the word that follows is not
# capitalised by title case (citeproc-js leaves a word after ' as it is).
NO_CAP = "\ue022"

PAIRS = (ITALIC, BOLD, SMALLCAPS, SUP, SUB, UNDERLINE, NORMAL_STYLE, OBLIQUE, QUOTE,
         NORMAL_VARIANT, NORMAL_WEIGHT, BASELINE, NODECOR)
ALL_MARKERS = "".join(a + b for a, b in PAIRS) + DISPLAY_OPEN + DISPLAY_CLOSE + \
    NAMES_OPEN + NAMES_CLOSE + NAME_OPEN + NAME_CLOSE + NO_CAP
MARKER_RE = re.compile(f"[{ALL_MARKERS}]")
#: every private-use character refs reserves for markers (these and the case-protection
#: ones of refs.render.text): none may reach an output
RESERVED_RE = re.compile("[\ue000-\ue0ff]")
#: markers that are invisible formatting (not content) when looking at neighbours
FORMAT_CLOSERS = "".join(b for a, b in PAIRS if a != QUOTE[0]) + NAMES_CLOSE + NAME_CLOSE
FORMAT_OPENERS = "".join(a for a, b in PAIRS if a != QUOTE[0]) + NAMES_OPEN + NAME_OPEN

_HTML_TAGS = {
    ITALIC: ("<i>", "</i>"),
    BOLD: ("<b>", "</b>"),
    SMALLCAPS: ('<span style="font-variant:small-caps;">', "</span>"),
    SUP: ("<sup>", "</sup>"),
    SUB: ("<sub>", "</sub>"),
    UNDERLINE: ('<span style="text-decoration:underline;">', "</span>"),
    NORMAL_STYLE: ('<span style="font-style:normal;">', "</span>"),
    OBLIQUE: ("<em>", "</em>"),
    NORMAL_VARIANT: ('<span style="font-variant:normal;">', "</span>"),
    NORMAL_WEIGHT: ('<span style="font-weight:normal;">', "</span>"),
    BASELINE: ('<span style="baseline">', "</span>"),
}
_MD_TAGS = {ITALIC: ("*", "*"), OBLIQUE: ("*", "*"), BOLD: ("**", "**"),
            SUP: ("<sup>", "</sup>"), SUB: ("<sub>", "</sub>")}

# Inline HTML that CSL-JSON fields may carry (the citeproc-js "rich text" subset).
_FIELD_TAGS = {
    "<i>": ITALIC[0], "</i>": ITALIC[1], "<em>": ITALIC[0], "</em>": ITALIC[1],
    "<b>": BOLD[0], "</b>": BOLD[1], "<strong>": BOLD[0], "</strong>": BOLD[1],
    "<sup>": SUP[0], "</sup>": SUP[1], "<sub>": SUB[0], "</sub>": SUB[1],
    "<sc>": SMALLCAPS[0], "</sc>": SMALLCAPS[1],
    '<span style="font-variant:small-caps;">': SMALLCAPS[0],
    '<span style="font-variant: small-caps;">': SMALLCAPS[0],
}
_FIELD_TAG_RE = re.compile(
    r'<(?:/?(?:i|em|b|strong|sup|sub|sc))>|<span style="font-variant: ?small-caps;">|'
    r'<span class="nodecor">|</span>', re.I)


def field_markup(text: str) -> str:
    """Turn the rich-text tags a CSL-JSON field may hold into markers.

    Only balanced, known tags are converted; anything else (``<script>``, a stray
    ``<``) stays literal text and is escaped on output. ``<span class="nocase">`` is
    handled by the CSL-JSON reader itself and is left alone here.
    """
    if "<" not in text:
        return text
    out: list[str] = []
    stack: list[str] = []
    pos = 0
    for m in _FIELD_TAG_RE.finditer(text):
        tag = m.group(0).lower()
        if tag == '<span class="nodecor">':
            stack.append(NODECOR[0])
            out.append(text[pos:m.start()] + NODECOR[0])
            pos = m.end()
            continue
        if tag == "</span>":
            if stack and stack[-1] in (SMALLCAPS[0] + "span", NODECOR[0]):
                opener = stack.pop()
                out.append(text[pos:m.start()] + (NODECOR[1] if opener == NODECOR[0] else SMALLCAPS[1]))
                pos = m.end()
            continue
        marker = _FIELD_TAGS.get(tag) or _FIELD_TAGS.get(m.group(0))
        if marker is None:
            continue
        if tag.startswith("</"):
            opener = {v: k for k, v in (ITALIC, BOLD, SUP, SUB, SMALLCAPS)}.get(marker)
            if not stack or stack[-1] != opener:
                continue
            stack.pop()
        else:
            stack.append(marker + ("span" if tag.startswith("<span") else ""))
        out.append(text[pos:m.start()] + marker)
        pos = m.end()
    out.append(text[pos:])
    result = "".join(out)
    if stack:  # unbalanced: keep the original text literally
        return text
    return result


def strip(text: str) -> str:
    """The text without any markers."""
    return MARKER_RE.sub("", text)


def _quotes(text: str, terms: dict[str, str]) -> str:
    """Render quote markers with the locale's quote terms, alternating outer and
    inner quotes by depth (citeproc-js flip-flops nested quotes the same way)."""
    if QUOTE[0] not in text:
        return text
    out: list[str] = []
    depth = 0
    for ch in text:
        if ch == QUOTE[0]:
            out.append(terms["open-quote"] if depth % 2 == 0 else terms["open-inner-quote"])
            depth += 1
        elif ch == QUOTE[1]:
            depth -= 1
            out.append(terms["close-quote"] if depth % 2 == 0 else terms["close-inner-quote"])
        else:
            out.append(ch)
    return "".join(out)


_NORMALS = ((NORMAL_STYLE, (ITALIC, OBLIQUE)), (NORMAL_WEIGHT, (BOLD,)), (NORMAL_VARIANT, (SMALLCAPS,)))


def _drop_idle_normals(text: str) -> str:
    """A "normal" font setting outside the decoration it would undo prints nothing
    (citeproc-js writes no ``font-style:normal`` span outside italics)."""
    for normal, decos in _NORMALS:
        if normal[0] not in text:
            continue
        out: list[str] = []
        depth = 0
        stack: list[bool] = []  # for each open normal: kept?
        for ch in text:
            if any(ch == d[0] for d in decos):
                depth += 1
            elif any(ch == d[1] for d in decos):
                depth = max(0, depth - 1)
            elif ch == normal[0]:
                stack.append(depth > 0)
                if depth > 0:
                    out.append(ch)
                continue
            elif ch == normal[1] and stack:
                if stack.pop():
                    out.append(ch)
                continue
            out.append(ch)
        text = "".join(out)
    return text


def _flip_italics(text: str) -> str:
    """Italic inside italic becomes upright (``font-style:normal``), small caps inside
    small caps normal (``font-variant:normal``), bold inside bold normal weight, as
    citeproc-js flip-flops them."""
    for on, off in ((ITALIC, NORMAL_STYLE), (SMALLCAPS, NORMAL_VARIANT), (BOLD, NORMAL_WEIGHT)):
        if text.count(on[0]) >= 2:
            text = _flip(text, on, off)
    return text


def _flip(text: str, on: tuple[str, str], off: tuple[str, str]) -> str:
    out: list[str] = []
    stack: list[bool] = []  # for each open marker: was it flipped to normal?
    depth = 0
    for ch in text:
        if ch == on[0]:
            flipped = depth % 2 == 1
            stack.append(flipped)
            depth += 1
            out.append(off[0] if flipped else ch)
        elif ch == on[1] and stack:
            flipped = stack.pop()
            depth -= 1
            out.append(off[1] if flipped else ch)
        else:
            out.append(ch)
    return "".join(out)


def _drop_empty(text: str) -> str:
    for a, b in PAIRS:
        if a != QUOTE[0]:
            text = text.replace(a + b, "")
    return text


#: Runs of white space that would break "one entry per line" (CR, form feed, Unicode
#: line and paragraph separators as well as tabs and newlines); no-break spaces stay.
_LINE_SPACE_RE = re.compile("[ \t\n\r\f\v\x1c-\x1f\x85\u2028\u2029]+")


def to_text(text: str, terms: dict[str, str]) -> str:
    """Plain text: display blocks joined with spaces, formatting dropped."""
    text = _quotes(text, terms)
    text = re.sub(DISPLAY_OPEN + "l(.*?)" + DISPLAY_CLOSE, lambda m: m.group(1) + " ", text)
    text = re.sub(DISPLAY_OPEN + "[bi]", " ", text)
    text = text.replace(DISPLAY_OPEN + "r", "")
    text = RESERVED_RE.sub("", text)
    return _LINE_SPACE_RE.sub(" ", text).strip()


def to_markdown(text: str, terms: dict[str, str]) -> str:
    """Markdown: italics as ``*...*``, bold as ``**...**``. What Markdown would read as
    markup in the text (``[x](url)``, ``![img](…)``, ``<b>``, ``&amp;``, a leading ``# ``
    or ``1. ``, tables' ``|``, ``~~``) is backslash-escaped so that it prints literally;
    the style's own formatting becomes Markdown."""
    text = _drop_empty(_quotes(text, terms))
    text = re.sub(DISPLAY_OPEN + "l(.*?)" + DISPLAY_CLOSE, lambda m: m.group(1) + " ", text)
    text = re.sub(DISPLAY_OPEN + "[bi]", " ", text)
    text = text.replace(DISPLAY_OPEN + "r", "")
    text = re.sub(r"([\\`*<>\[\]|~])", r"\\\1", text)
    text = re.sub(r"(?<!\w)_|_(?!\w)", r"\\_", text)  # intraword _ (URLs) is literal in CommonMark
    text = _ENTITY_RE.sub(r"\\\g<0>", text)  # "&amp;" prints as such, not as "&"
    text = _flip_italics(text)
    text = text.replace(NORMAL_STYLE[0], "").replace(NORMAL_STYLE[1], "")

    for pair, (a, b) in _MD_TAGS.items():
        text = re.sub(f"{re.escape(pair[0])}(.*?){re.escape(pair[1])}",
                      lambda m, a=a, b=b: _wrap(m.group(1), a, b), text, flags=re.S)
    text = RESERVED_RE.sub("", text)
    return _block_start(_LINE_SPACE_RE.sub(" ", text).strip())


#: an HTML entity or character reference, which Markdown would decode
_ENTITY_RE = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
#: what makes a line a heading, list item, quote or rule in Markdown when it starts it
_BLOCK_START_RE = re.compile(r"#|[+=-](?=\s|$)|\d{1,9}[.)](?=\s|$)")


def _block_start(text: str) -> str:
    """An entry that would start a Markdown block (``# x``, ``- x``, ``1. x``) escaped."""
    m = _BLOCK_START_RE.match(text)
    if not m:
        return text
    at = m.end() - 1  # the character that makes it a block: the last one matched
    return text[:at] + "\\" + text[at:]


def _wrap(inner: str, a: str, b: str) -> str:
    lead = inner[: len(inner) - len(inner.lstrip())]
    trail = inner[len(inner.rstrip()):]
    core = inner.strip()
    return f"{lead}{a}{core}{b}{trail}" if core else inner


def escape_html(text: str) -> str:
    """Escape like citeproc-js: numeric entities for ``&``, ``<`` and ``>``."""
    return text.replace("&", "&#38;").replace("<", "&#60;").replace(">", "&#62;")


def _superscripts(text: str) -> str:
    """Unicode superscript letters (the French "1ᵉʳ") as <sup>, as citeproc-js writes them."""
    out = []
    for ch in text:
        if ord(ch) > 0x7f:
            dec = unicodedata.decomposition(ch)
            if dec.startswith("<super>"):
                out.append("<sup>" + chr(int(dec.split()[1], 16)) + "</sup>")
                continue
        out.append(ch)
    return "".join(out)


def to_html(text: str, terms: dict[str, str]) -> str:
    """One entry's inner HTML, in citeproc-js's markup (display divs included)."""
    text = _drop_empty(_quotes(text, terms))
    text = escape_html(text)
    text = _superscripts(text)
    text = re.sub(r"  ", "\u00a0 ", text)
    text = _flip_italics(_drop_idle_normals(text))
    text = _html_tags(text)
    if DISPLAY_OPEN in text:
        text = _display_html(text)
    return RESERVED_RE.sub("", text)


_OPENERS = {a: (a, b) for a, b in _HTML_TAGS}
_CLOSERS = {b: (a, b) for a, b in _HTML_TAGS}
_RESETS = {ITALIC: NORMAL_STYLE, OBLIQUE: NORMAL_STYLE, SMALLCAPS: NORMAL_VARIANT, BOLD: NORMAL_WEIGHT}


def _html_tags(text: str) -> str:
    """Markers to tags; a ``nodecor`` span resets the decorations around it."""
    out: list[str] = []
    active: list[tuple[str, str]] = []
    nodecor: list[list[tuple[str, str]]] = []
    for ch in text:
        if ch in _OPENERS:
            pair = _OPENERS[ch]
            active.append(pair)
            out.append(_HTML_TAGS[pair][0])
        elif ch in _CLOSERS:
            pair = _CLOSERS[ch]
            if pair in active:
                active.remove(pair)
            out.append(_HTML_TAGS[pair][1])
        elif ch == NODECOR[0]:
            resets = [_RESETS[p] for p in active if p in _RESETS]
            nodecor.append(resets)
            out.extend(_HTML_TAGS[r][0] for r in resets)
        elif ch == NODECOR[1]:
            resets = nodecor.pop() if nodecor else []
            out.extend(_HTML_TAGS[r][1] for r in reversed(resets))
        else:
            out.append(ch)
    return "".join(out)


def _display_html(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        kind, inner = m.group(1), m.group(2)
        if kind == "b":
            return f'\n\n    <div class="csl-block">{inner}</div>\n'
        if kind == "l":
            return f'\n    <div class="csl-left-margin">{inner}</div>'
        if kind == "r":
            return f'<div class="csl-right-inline">{inner.rstrip()}</div>\n  '
        return f'<div class="csl-indent">{inner}</div>\n  '

    pattern = re.compile(DISPLAY_OPEN + "([blri])([^" + DISPLAY_OPEN + DISPLAY_CLOSE + "]*)" + DISPLAY_CLOSE)
    while True:
        new = pattern.sub(repl, text)
        if new == text:
            return new
        text = new


def html_bibliography(entries: list[str]) -> str:
    """The ``csl-bib-body`` wrapper around finished entries (as citeproc-js writes it)."""
    body = "".join(f'  <div class="csl-entry">{e}</div>\n' for e in entries)
    return '<div class="csl-bib-body">\n' + body + "</div>"


def html_unescape(text: str) -> str:
    return html.unescape(text)
