"""LaTeX <-> Unicode for BibTeX field values.

Reading: :func:`decode` turns the LaTeX of a field value (``{\\"u}ber``,
``\\'{e}``, ``\\c{c}``, ``--``, ``~``, ``\\&``) into plain Unicode and drops
grouping braces. It is a handful of compiled regular expressions plus a large
cache, because real files repeat the same values (journals, publishers, names)
thousands of times. :mod:`pylatexenc` is consulted only where it is needed and
stays cheap: for ``$...$`` math (``$\\alpha$`` -> α) and, once per command name,
for symbol macros the tables here do not know. Unknown commands lose their name
and keep their argument's text (``\\texttt{x}`` -> ``x``), as BibTeX styles print them.

Writing: :func:`escape` protects the characters BibTeX/LaTeX treat specially
(``& % # _ $``) in text that came from elsewhere, and :func:`to_ascii` replaces
every non-ASCII character by its LaTeX escape (``é`` -> ``{\\'e}``) for
``refs convert --ascii``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from refs.io.latex_math import SUBSCRIPTS, SUPERSCRIPTS, math_text, script_text

__all__ = ["decode", "escape", "to_ascii", "strip_braces", "protected_phrases", "is_one_group"]

#: one-character accent commands -> combining mark
_ACCENT_SYMBOLS = {
    "`": "\u0300", "'": "\u0301", "^": "\u0302", "~": "\u0303", "=": "\u0304",
    ".": "\u0307", '"': "\u0308",
}
#: letter accent commands (need braces or a space before their argument)
_ACCENT_LETTERS = {
    "u": "\u0306", "r": "\u030a", "H": "\u030b", "v": "\u030c", "d": "\u0323",
    "c": "\u0327", "k": "\u0328", "b": "\u0331", "t": "\u0361", "G": "\u030f",
    "U": "\u030e", "h": "\u0309", "f": "\u0311",
}
_ALL_ACCENTS = {**_ACCENT_SYMBOLS, **_ACCENT_LETTERS}
_SPACING_ACCENTS = {"`": "`", "'": "´", "^": "^", "~": "~", "=": "¯", ".": "˙", '"': "¨"}

#: control words that stand for a character (after them TeX swallows spaces)
_LETTER_SYMBOLS = {
    "ss": "ß", "SS": "SS", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
    "aa": "å", "AA": "Å", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð",
    "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ", "dj": "đ", "DJ": "Đ", "ij": "ĳ", "IJ": "Ĳ",
}
#: control words that stand for a symbol or a word
_WORD_SYMBOLS = {
    "textendash": "–", "textemdash": "—", "ldots": "…", "dots": "…", "textellipsis": "…",
    "S": "§", "P": "¶", "copyright": "©", "textcopyright": "©", "textregistered": "®",
    "texttrademark": "™", "pounds": "£", "textsterling": "£", "euro": "€", "texteuro": "€",
    "textquoteleft": "‘", "textquoteright": "’", "textquotedblleft": "“",
    "textquotedblright": "”", "quotedblbase": "„", "quotesinglbase": "‚",
    "guillemotleft": "«", "guillemotright": "»", "guillemetleft": "«", "guillemetright": "»",
    "guilsinglleft": "‹", "guilsinglright": "›", "textless": "<", "textgreater": ">",
    "textbackslash": "\x03", "textasciitilde": "\x02", "textasciicircum": "^", "textunderscore": "_",
    "textbar": "|", "textbullet": "•", "textdagger": "†", "textdaggerdbl": "‡", "dag": "†",
    "ddag": "‡", "textdegree": "°", "textperiodcentered": "·", "textexclamdown": "¡",
    "textquestiondown": "¿", "textsection": "§", "textparagraph": "¶", "textmu": "µ",
    "textpm": "±", "texttimes": "×", "textdiv": "÷", "textcent": "¢", "textyen": "¥",
    "textordfeminine": "ª", "textordmasculine": "º", "textnumero": "№",
    "LaTeX": "LaTeX", "TeX": "TeX", "LaTeXe": "LaTeX2e", "BibTeX": "BibTeX",
    "slash": "/", "textslash": "/", "hyphen": "-", "texthyphen": "-", "textperthousand": "‰",
    "textquotesingle": "'",
    "textquotedbl": '"', "textdollar": "$", "textvisiblespace": "␣", "textcelsius": "℃",
    "textdiscount": "%", "textohm": "Ω", "textmho": "℧", "checkmark": "✓",
    "quad": " ", "qquad": " ", "enspace": " ", "thinspace": " ", "space": " ",
    "newline": " ", "linebreak": " ", "par": " ", "break": "", "relax": "", "noindent": "",
    "allowbreak": "", "ignorespaces": "", "unskip": "", "hfill": " ", "hfil": " ",
    "protect": "", "nobreak": "", "nobreakspace": "\u00a0", "textnbsp": "\u00a0",
}
#: commands whose braced argument is kept as plain text (formatting only)
_FORMAT_COMMANDS = frozenset(
    "emph textit textbf textsc texttt textrm textsf textsl textup textmd textnormal mbox"
    " hbox url href nolinkurl uppercase lowercase MakeUppercase MakeLowercase enquote"
    " mkbibquote mkbibemph mkbibitalic mkbibbold textsuperscript textsubscript ensuremath"
    " text NoCaseChange NoCase bibstring it bf sc rm sf tt em sl underline uline"
    " foreignlanguage textenglish textgerman textfrench textlatin textgreek textcyrillic"
    " texorpdfstring small footnotesize large Large normalsize scriptsize tiny".split()
)

_SPECIAL_ESCAPES = {"&": "&", "%": "%", "$": "$", "#": "#", "_": "_", " ": " ", ",": "\u2009",
                    "-": "", "/": "", "@": "", ";": " ", ":": " ", "!": "", ">": "", "<": ""}

# \'{e}  \'e  {\'e}  \'{\i}  \"{}  \c{c}  \c c
_ACCENT_RE = re.compile(
    r"\\([`'^~=.\"])\s*(?:\{\s*(\\[ij](?![A-Za-z])|[A-Za-z0-9]?)\s*\}|(\\[ij](?![A-Za-z])|[A-Za-z]))"
    r"|\\([uvHkrdbcGUhft])(?:\s*\{\s*(\\[ij](?![A-Za-z])|[A-Za-z0-9]?)\s*\}|\s+(\\[ij](?![A-Za-z])|[A-Za-z]))"
)
# \t{oo}: the tie over two letters
_TIE_RE = re.compile(r"\\t\s*\{([A-Za-z])([A-Za-z])\}")
# \href{url}{text} keeps the text; sorting tricks (\noopsort{a}) drop their argument
_HREF_RE = re.compile(r"\\href\s*\{[^{}]*\}\s*\{((?:[^{}]|\{[^{}]*\})*)\}")
_DROP_ARG_RE = re.compile(r"\\(?:noopsort|noop|SortNoop|sortnoop|hyphenation|index|label|nocite)\s*"
                          r"\{(?:[^{}]|\{[^{}]*\})*\}")
#: control words whose output is a word: the space after them is the user's
_WORDLIKE = frozenset({"LaTeX", "TeX", "LaTeXe", "BibTeX"})
_CONTROL_WORD_RE = re.compile(r"\\([A-Za-z]+)(\s*\{\})?(\s*)")
_CONTROL_SYMBOL_RE = re.compile(r"\\([^A-Za-z])")
_WS_RE = re.compile(r"\s+")
_NEEDS_WORK = re.compile(r"[\\{}~$]|--|``|''|\s\s|[\n\t\r]")


def _accent_sub(m: re.Match[str]) -> str:
    cmd = m.group(1) or m.group(4)
    base = m.group(2) if m.group(1) else m.group(5)
    if base is None:
        base = m.group(3) if m.group(1) else m.group(6)
    base = base or ""
    if base in ("\\i", "\\j"):
        base = base[1]
    mark = _ALL_ACCENTS[cmd]
    # a control word just before (G\i\^rgel) must not run into the accented letter
    sep = "{}" if _ENDS_CONTROL_WORD.search(m.string, max(0, m.start() - 40), m.start()) else ""
    if not base:
        # \^{} is the accent on its own
        return sep + _SPACING_ACCENTS.get(cmd, "")
    return sep + unicodedata.normalize("NFC", base + mark)


_ENDS_CONTROL_WORD = re.compile(r"\\[A-Za-z]+$")


def _control_word_sub(m: re.Match[str]) -> str:
    name, empty, space = m.group(1), m.group(2), m.group(3)
    # TeX swallows the space after a control word, unless {} ended it (\ss{} x)
    if name in _LETTER_SYMBOLS:
        return _LETTER_SYMBOLS[name] + (space if empty else "")
    if name in _WORD_SYMBOLS:
        return _WORD_SYMBOLS[name] + (space if name in _WORDLIKE or empty else "")
    if name in _FORMAT_COMMANDS:
        return ("{}" if empty else "") + space
    symbol = _pylatexenc_symbol(name)
    if symbol is not None:
        return symbol
    # an unknown command: drop its name, keep its argument's text (\texttt{x} -> x)
    return ("{}" if empty else "") + space


@lru_cache(maxsize=2048)
def _pylatexenc_symbol(name: str) -> str | None:
    """The character pylatexenc knows for a symbol macro (``\\alpha`` -> α), if any."""
    try:
        from pylatexenc.latex2text import get_default_latex_context_db

        spec = get_default_latex_context_db().get_macro_spec(name)
    except Exception:  # pragma: no cover - pylatexenc is a declared dependency
        return None
    repl = getattr(spec, "simplify_repl", None) if spec is not None else None
    if isinstance(repl, str) and 0 < len(repl) <= 2:  # a symbol, not a template like <cit.>
        return repl
    return None


def _control_symbol_sub(m: re.Match[str]) -> str:
    ch = m.group(1)
    if ch in "{":
        return "\x00"
    if ch in "}":
        return "\x01"
    if ch == "\\":
        return " "
    if ch in _SPECIAL_ESCAPES:
        return _SPECIAL_ESCAPES[ch]
    return ch  # \* and the like: the character itself


@lru_cache(maxsize=200_000)
def decode(text: str) -> str:
    """Unicode text for the LaTeX of one field value (delimiters already removed)."""
    if not _NEEDS_WORK.search(text):
        return text.strip()
    out = text
    if ("$" in out or "\\(" in out) and _MATH_RE.search(out):
        out = _MATH_RE.sub(lambda m: _math_text(m.group(0)), out)  # Cu$_2$O -> Cu₂O
    if "\\" in out:
        if "quote" in out:
            out = _QUOTE_RE.sub(lambda m: "\u201c" + m.group(1) + "\u201d", out)
        if "script" in out:
            out = _SCRIPT_CMD_RE.sub(_script_cmd, out)
        if "\\\\" in out:  # a line break, before \\Word can be read as the command \Word
            out = out.replace("\\\\", " ")
        if "\\href" in out:
            out = _HREF_RE.sub(r"\1", out)
        out = _DROP_ARG_RE.sub("", out)
        if "\\t" in out:
            out = _TIE_RE.sub(lambda m: m.group(1) + "\u0361" + m.group(2), out)
        out = _ACCENT_RE.sub(_accent_sub, out)
        if "\\" in out:
            out = _CONTROL_WORD_RE.sub(_control_word_sub, out)
            if "\\" in out:
                out = _CONTROL_SYMBOL_RE.sub(_control_symbol_sub, out)
    if "-" in out:
        out = out.replace("---", "—").replace("--", "–")
    if "`" in out or "'" in out:
        out = out.replace("``", "“").replace("''", "”")
    if "~" in out:
        out = out.replace("~", "\u00a0")
    if "{" in out or "}" in out:
        out = out.replace("{", "").replace("}", "")
    if "\x00" in out or "\x01" in out or "\x02" in out or "\x03" in out:
        # literal braces, tilde and backslash, kept apart from the LaTeX syntax above
        out = (out.replace("\x00", "{").replace("\x01", "}").replace("\x02", "~")
               .replace("\x03", "\\"))
    if "  " in out or "\n" in out or "\t" in out or "\r" in out:
        out = _WS_RE.sub(" ", out)
    out = out.strip()
    return out if out.isascii() else unicodedata.normalize("NFC", out)


#: inline math: ``$…$`` and ``\\(…\\)``
_MATH_RE = re.compile(r"(?<!\\)\$(?:\\.|[^$\\])+(?<!\\)\$|\\\((?:(?!\\\)).)+\\\)", re.S)
#: quotation commands: their argument in quotation marks
_QUOTE_RE = re.compile(r"\\(?:enquote|mkbibquote|textquote)\*?\s*\{((?:[^{}]|\{[^{}]*\})*)\}")
_SCRIPT_CMD_RE = re.compile(r"\\text(super|sub)script\s*\{((?:[^{}]|\{[^{}]*\})*)\}")


def _math_text(math: str) -> str:
    """One math span as text; braces of the result protected from the brace stripping."""
    return math_text(math).replace("{", "\x00").replace("}", "\x01")


def _script_cmd(m: re.Match[str]) -> str:
    table = SUPERSCRIPTS if m.group(1) == "super" else SUBSCRIPTS
    return script_text(decode(m.group(2)), table)


def strip_braces(text: str) -> str:
    """The value without grouping braces (``{NATO}`` -> ``NATO``), nothing else changed."""
    return text.replace("{", "").replace("}", "") if ("{" in text or "}" in text) else text


def is_one_group(text: str) -> bool:
    """True if ``text`` is a single ``{...}`` group (the first brace closes at the end):
    ``{RAND Corporation}`` is one, ``{R}AND {C}orp`` is not."""
    depth = 0
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0 and i != n - 1:
                return False
        i += 1
    return depth == 0


def protected_phrases(raw: str) -> list[str]:
    """Decoded words the author protected from case changes with braces.

    ``{NATO}`` gives ``NATO``, ``{New York}`` gives ``New York`` and ``{R}ussia``
    gives ``Russia`` (the whole word the group sits in). Groups that start with a
    command (``{\\"u}``) are accents, not protection. A writer re-protects these
    words when it rewrites a changed value.
    """
    if "{" not in raw:
        return []
    out: list[str] = []
    depth = 0
    start = 0
    i = 0
    n = len(raw)
    while i < n:
        c = raw[i]
        if c == "\\":
            i += 2
            continue
        if c == "{":
            if depth == 0:
                start = i
            depth += 1
        elif c == "}" and depth:
            depth -= 1
            if depth == 0 and i > start + 1 and raw[start + 1] != "\\":
                lo, hi = start, i + 1
                while lo > 0 and not raw[lo - 1].isspace() and raw[lo - 1] not in "{}":
                    lo -= 1
                while hi < n and not raw[hi].isspace() and raw[hi] not in "{}":
                    hi += 1
                text = decode(raw[lo:hi]).strip(".,;:!?()[]\"'-")
                if any(ch.isalpha() for ch in text) and text not in out:
                    out.append(text)
        i += 1
    return out


# -- writing ---------------------------------------------------------------------------

_ESCAPES = {"&": "\\&", "%": "\\%", "#": "\\#", "_": "\\_", "$": "\\$", "\u00a0": "~",
            "~": "\\textasciitilde{}", "\\": "\\textbackslash{}", "{": "\\{", "}": "\\}"}
_ESCAPE_RE = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")


def escape(text: str) -> str:
    """Escape what LaTeX treats specially in plain text (``&`` -> ``\\&``, nbsp -> ``~``)."""
    if not _ESCAPE_RE.search(text):
        return text
    return _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group(0)], text)


_COMBINING_TO_CMD = {v: k for k, v in _ALL_ACCENTS.items()}
_REVERSE_LETTERS = {v: k for k, v in _LETTER_SYMBOLS.items() if len(v) == 1}
_REVERSE_SYMBOLS = {
    "–": "--", "—": "---", "“": "``", "”": "''", "‘": "`", "’": "'", "…": "\\ldots{}",
    "\u00a0": "~", "«": "\\guillemotleft{}", "»": "\\guillemotright{}", "§": "\\S{}",
    "¶": "\\P{}", "©": "\\textcopyright{}", "®": "\\textregistered{}", "™": "\\texttrademark{}",
    "£": "\\pounds{}", "€": "\\texteuro{}", "„": "\\quotedblbase{}", "‚": "\\quotesinglbase{}",
    "‹": "\\guilsinglleft{}", "›": "\\guilsinglright{}", "•": "\\textbullet{}",
    "†": "\\textdagger{}", "‡": "\\textdaggerdbl{}", "°": "\\textdegree{}",
    "·": "\\textperiodcentered{}", "¡": "\\textexclamdown{}", "¿": "\\textquestiondown{}",
    "±": "\\textpm{}", "×": "\\texttimes{}", "÷": "\\textdiv{}", "µ": "\\textmu{}",
    "\u2009": "\\,", "\u00ad": "\\-", "\u2010": "-", "\u2011": "-", "\u2212": "-",
}


@lru_cache(maxsize=4096)
def _char_to_latex(ch: str) -> str:
    if ch in _REVERSE_SYMBOLS:
        return _REVERSE_SYMBOLS[ch]
    if ch in _REVERSE_LETTERS:
        return "{\\" + _REVERSE_LETTERS[ch] + "}"
    decomposed = unicodedata.normalize("NFD", ch)
    base, marks = decomposed[0], decomposed[1:]
    if marks and base.isascii() and all(m in _COMBINING_TO_CMD for m in marks):
        out = base
        if base in "ij" and marks[0] in _ACCENT_SYMBOLS.values():
            out = "\\" + base
        for mark in marks:
            cmd = _COMBINING_TO_CMD[mark]
            sep = "" if not cmd.isalpha() else " "
            out = f"\\{cmd}{{{out}}}" if sep else f"\\{cmd}{out}"
        return "{" + out + "}"
    try:
        from pylatexenc.latexencode import unicode_to_latex

        enc = unicode_to_latex(ch, non_ascii_only=True, replacement_latex_protection="braces-all",
                               unknown_char_policy="keep", unknown_char_warning=False)
        if enc.isascii():
            return enc
    except Exception:  # pragma: no cover - pylatexenc is a declared dependency
        pass
    return ch


def to_ascii(text: str) -> str:
    """LaTeX escapes for every non-ASCII character (text must already be LaTeX-safe)."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    for i, c in enumerate(text):
        if c.isascii():
            out.append(c)
            continue
        latex = _char_to_latex(c)
        if latex[0] in "-`'" and ((out and out[-1][-1:] == latex[0]) or text[i + 1 : i + 2] == latex[-1]):
            latex = "{" + latex + "}"  # "–-" as "----" would read back as "—-": keep them apart
        out.append(latex)
    return "".join(out)
