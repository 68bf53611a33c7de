"""Text refs will not carry: control characters, lone surrogates, refs' own markers.

* C0 and C1 control characters other than tab and newline (an ``ESC ] … BEL``
  sequence in a title would retitle the user's terminal when printed);
* lone UTF-16 surrogates (a JSON ``"\\ud800"`` escape), which no UTF-8 file can hold:
  replaced by U+FFFD;
* the private-use characters U+E000–U+E0FF, which refs reserves for its own markers
  (formatting in :mod:`refs.render.markup`, case-protected spans in
  :data:`refs.render.text.NOCASE`): they must never come from outside nor leave.

Readers clean what they read (:func:`clean_text` on a file's text, :func:`clean_value`
on the values a JSON parser gives); writers and the renderer clean what they emit
(:func:`for_output`), so nothing of the kind reaches a file or a terminal.
"""

from __future__ import annotations

import re
from typing import Any

#: controls other than tab, newline and carriage return (line ends are the readers' and the
#: renderer's business), and refs' reserved private-use characters
_TEXT_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ue000-\ue0ff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> tuple[str, int]:
    """A file's decoded text without control characters (tab, newline and carriage
    return kept) and refs' markers; also the number of characters removed."""
    cleaned, n = _TEXT_CONTROLS.subn("", text)
    return cleaned, n


def clean_string(value: str) -> tuple[str, list[str]]:
    """A field value made safe: lone surrogates -> U+FFFD, controls (not tab or newline)
    removed. Returns the value and what was fixed (``"surrogate"``, ``"control"``)."""
    fixed: list[str] = []
    if _SURROGATE.search(value):
        value = _SURROGATE.sub("\ufffd", value)
        fixed.append("surrogate")
    if _TEXT_CONTROLS.search(value):
        value = _TEXT_CONTROLS.sub("", value)
        fixed.append("control")
    return value, fixed


def clean_value(value: Any) -> tuple[Any, list[str]]:
    """:func:`clean_string` over every string in a JSON value (keys too)."""
    if isinstance(value, str):
        return clean_string(value)
    fixed: list[str] = []
    if isinstance(value, list):
        out_list = []
        for v in value:
            c, f = clean_value(v)
            out_list.append(c)
            fixed += f
        return out_list, sorted(set(fixed))
    if isinstance(value, dict):
        out_dict = {}
        for k, v in value.items():
            ck, fk = clean_value(k) if isinstance(k, str) else (k, [])
            cv, fv = clean_value(v)
            out_dict[ck] = cv
            fixed += fk + fv
        return out_dict, sorted(set(fixed))
    return value, fixed


def for_output(text: str) -> str:
    """Text about to be written or printed: no controls (tab and newline kept, and the
    carriage return of a CRLF file), no lone surrogate, none of refs' markers."""
    if _TEXT_CONTROLS.search(text):
        text = _TEXT_CONTROLS.sub("", text)
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    return text
