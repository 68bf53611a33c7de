"""TeX math in titles as readable Unicode text: ``Cu$_2$O`` -> "Cu₂O".

Titles of physics and chemistry papers carry small formulas: subscripts and
superscripts, Greek letters, relations, ``\\frac``, accents over digits
(``\\overline{1}`` in crystal directions). A subscript or superscript group
becomes Unicode sub/superscript characters when every character has one (as
Better BibTeX does), else its plain text; symbol macros are looked up in
pylatexenc's table. Anything unknown keeps its argument's text, so nothing of
the title is lost.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["math_text", "script_text"]

SUPERSCRIPTS = dict(zip(
    "0123456789+-−=()niabcdefghjklmoprstuvwxyzABDEGHIJKLMNOPRTUVWαβγδφχ",
    "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿⁱᵃᵇᶜᵈᵉᶠᵍʰʲᵏˡᵐᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂᵅᵝᵞᵟᵠᵡ", strict=True))
SUBSCRIPTS = dict(zip(
    "0123456789+-−=()aehijklmnoprstuvxβγρφχ",
    "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ", strict=True))
_FRACTIONS = {("1", "2"): "½", ("1", "3"): "⅓", ("2", "3"): "⅔", ("1", "4"): "¼", ("3", "4"): "¾",
              ("1", "5"): "⅕", ("1", "6"): "⅙", ("1", "8"): "⅛", ("3", "8"): "⅜", ("5", "8"): "⅝"}
#: accents over a math argument -> combining mark
_MATH_ACCENTS = {"overline": "\u0305", "bar": "\u0304", "hat": "\u0302", "widehat": "\u0302",
                 "tilde": "\u0303", "widetilde": "\u0303", "vec": "\u20d7", "dot": "\u0307",
                 "ddot": "\u0308", "check": "\u030c", "breve": "\u0306", "acute": "\u0301",
                 "grave": "\u0300", "underline": "\u0332"}
#: symbols pylatexenc lacks or renders otherwise than readers expect
_SYMBOLS = {"slash": "/", "ast": "*", "star": "⋆", "prime": "′", "AA": "Å", "circ": "∘",
            "degree": "°", "cdot": "·", "times": "×", "pm": "±", "mp": "∓", "to": "→",
            "rightarrow": "→", "leftarrow": "←", "leftrightarrow": "↔", "infty": "∞",
            "approx": "≈", "sim": "∼", "simeq": "≃", "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥",
            "neq": "≠", "ne": "≠", "ll": "≪", "gg": "≫", "propto": "∝", "hbar": "ℏ", "ell": "ℓ",
            "partial": "∂", "nabla": "∇", "sqrt": "√", "sum": "∑", "prod": "∏", "int": "∫",
            "langle": "⟨", "rangle": "⟩", "lbrace": "{", "rbrace": "}", "vert": "|", "mid": "|",
            "in": "∈", "cup": "∪", "cap": "∩", "otimes": "⊗", "oplus": "⊕", "dagger": "†",
            "ldots": "…", "cdots": "⋯", "dots": "…", "quad": " ", "qquad": " ", ",": " ",
            ";": " ", ":": " ", "!": "", " ": " ", "left": "", "right": "", "big": "", "Big": "",
            "bigl": "", "bigr": "", "displaystyle": "", "textstyle": "", "scriptstyle": "",
            "limits": "", "nolimits": ""}
#: commands whose argument is kept as it is (fonts and text inside math)
_KEEP_ARG = frozenset("mathrm mathit mathbf mathsf mathtt mathcal mathbb mathfrak mathscr boldsymbol"
                      " bm text textrm textit textbf textup mbox operatorname rm it bf mathnormal"
                      " ensuremath".split())

_GROUP = r"\{((?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*)\}"
_FRAC_RE = re.compile(r"\\[dt]?frac\s*" + _GROUP + r"\s*" + _GROUP)
_ACCENT_RE = re.compile(r"\\(" + "|".join(_MATH_ACCENTS) + r")(?![A-Za-z])\s*(?:" + _GROUP + r"|(\S))")
_KEEP_RE = re.compile(r"\\(" + "|".join(sorted(_KEEP_ARG, key=len, reverse=True)) + r")(?![A-Za-z])\s*"
                      + _GROUP)
_SCRIPT_RE = re.compile(r"([_^])\s*(?:" + _GROUP + r"|(\\[A-Za-z]+|[^\s{}\\]))")
_MACRO_RE = re.compile(r"\\([A-Za-z]+|[,;:! ])")


def script_text(text: str, table: dict[str, str]) -> str:
    """``text`` in sub/superscript characters when every character has one, else as it is."""
    stripped = text.strip()
    if stripped and all(c in table for c in stripped):
        return "".join(table[c] for c in stripped)
    return stripped


def _symbol(name: str) -> str:
    if name in _SYMBOLS:
        return _SYMBOLS[name]
    found = _pylatexenc(name)
    return found if found is not None else ""


@lru_cache(maxsize=1024)
def _pylatexenc(name: str) -> str | None:
    try:
        from pylatexenc.latex2text import get_default_latex_context_db

        spec = get_default_latex_context_db().get_macro_spec(name)
    except Exception:  # pragma: no cover - pylatexenc is a declared dependency
        return None
    repl = getattr(spec, "simplify_repl", None) if spec is not None else None
    if isinstance(repl, str) and 0 < len(repl) <= 2:
        return repl
    return None


def _frac(m: re.Match[str]) -> str:
    num, den = _inner(m.group(1)).strip(), _inner(m.group(2)).strip()
    return _FRACTIONS.get((num, den)) or f"{num}/{den}"


def _accent(m: re.Match[str]) -> str:
    arg = _inner(m.group(2) if m.group(2) is not None else m.group(3))
    mark = _MATH_ACCENTS[m.group(1)]
    return unicodedata.normalize("NFC", "".join(c + mark for c in arg if not c.isspace()))


def _script(m: re.Match[str]) -> str:
    arg = m.group(2) if m.group(2) is not None else m.group(3)
    return script_text(_inner(arg), SUPERSCRIPTS if m.group(1) == "^" else SUBSCRIPTS)


def _inner(math: str) -> str:
    """The text of a piece of math (no ``$`` around it)."""
    out = math
    for _ in range(4):  # nested \frac{\mathrm{a}}{b}: innermost first, a few levels deep
        before = out
        out = _KEEP_RE.sub(lambda m: _inner(m.group(2)), out)
        out = _FRAC_RE.sub(_frac, out)
        out = _ACCENT_RE.sub(_accent, out)
        if out == before:
            break
    out = _SCRIPT_RE.sub(_script, out)
    out = _MACRO_RE.sub(lambda m: _symbol(m.group(1)), out)
    return out.replace("{", "").replace("}", "").replace("~", " ")


def math_text(math: str) -> str:
    """A math span (``$…$``, ``\\(…\\)``, ``\\ensuremath{…}`` content included) as text."""
    body = math
    if body.startswith("$$") and body.endswith("$$") and len(body) > 3:
        body = body[2:-2]
    elif body.startswith("$") and body.endswith("$") and len(body) > 1:
        body = body[1:-1]
    elif body.startswith("\\(") and body.endswith("\\)"):
        body = body[2:-2]
    text = _inner(body)
    return unicodedata.normalize("NFC", " ".join(text.split()) if "  " in text else text.strip())
