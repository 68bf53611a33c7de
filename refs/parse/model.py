"""The reference-string model: a linear-chain CRF over tokens (python-crfsuite).

The model file ships in the package (``refs/parse/data/parse.crfsuite``, rebuilt by
``python -m refs.parse.train``; ``$REFS_PARSE_MODEL`` points at another) and is loaded
lazily, once, on first use.
:func:`label` returns the labelled spans of a string with a confidence each: the
*minimum* over the span's tokens of the marginal probability of the token's label.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

import pycrfsuite

from refs.parse.features import features, tokenize
from refs.parse.lexicon import NAMES_FILE

#: the shipped model; ``REFS_PARSE_MODEL`` names another (one trained with other data or settings)
DEFAULT_MODEL = Path(__file__).resolve().parent / "data/parse.crfsuite"
MODEL = Path(os.environ.get("REFS_PARSE_MODEL") or DEFAULT_MODEL)
_lock = threading.Lock()
_tagger: pycrfsuite.Tagger | None = None


class ModelError(RuntimeError):
    """The parse model named by ``REFS_PARSE_MODEL`` (or the shipped one) is missing or unreadable."""


@dataclass
class Span:
    """A run of tokens with one label: characters ``start:end`` of the string."""

    label: str
    start: int
    end: int
    text: str
    confidence: float


def tagger() -> pycrfsuite.Tagger:
    """The loaded model (loaded on the first call)."""
    global _tagger
    with _lock:
        if _tagger is None:
            if not MODEL.is_file():
                raise ModelError(f"the parse model {MODEL} is missing (set REFS_PARSE_MODEL to a model "
                                 "file, or rebuild it: python -m refs.parse.train)")
            if MODEL == DEFAULT_MODEL and not NAMES_FILE.is_file():
                raise ModelError(f"the name lexicon {NAMES_FILE} the shipped model was trained with is "
                                 "missing (reinstall refs, or rebuild both: python -m refs.parse.train)")
            t = pycrfsuite.Tagger()
            try:
                t.open(str(MODEL))
            except (OSError, ValueError) as exc:
                raise ModelError(f"the parse model {MODEL} cannot be read ({exc}); set REFS_PARSE_MODEL "
                                 "to a model python -m refs.parse.train wrote") from None
            _tagger = t
        return _tagger


def label(text: str) -> list[Span]:
    """The labelled spans of ``text`` in order (consecutive tokens of one label merged)."""
    toks = tokenize(text)
    if not toks:
        return []
    t = tagger()
    feats = features(text, toks)
    with _lock:
        tags = t.tag(feats)
        probs = [t.marginal(tag, i) for i, tag in enumerate(tags)]
    spans: list[Span] = []
    i, n = 0, len(tags)
    while i < n:
        j = i + 1
        while j < n and tags[j] == tags[i]:
            j += 1
        a, b = toks[i][0], toks[j - 1][1]
        spans.append(Span(tags[i], a, b, text[a:b], min(probs[i:j])))
        i = j
    return spans
