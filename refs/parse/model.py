"""The reference-string model: a linear-chain CRF over tokens (python-crfsuite).

The model file ships in the package (``refs/parse/data/parse.crfsuite``, rebuilt by
``python -m refs.parse.train``; ``$REFS_PARSE_MODEL`` points at another) and is loaded
lazily, once, on first use.
:func:`label` returns the labelled spans of a string with a confidence each: the
*minimum* over the span's tokens of the marginal probability of the token's label.
"""

from __future__ import annotations

import mmap
import os
import struct
import threading
import zlib
from dataclasses import dataclass
from pathlib import Path

import pycrfsuite

from refs.parse import lexicon
from refs.parse.features import Tables, assembled, for_model, tokenize
from refs.parse.lexicon import NAMES_FILE, PLACES_FILE

#: the shipped model; ``REFS_PARSE_MODEL`` names another (one trained with other data or settings)
DEFAULT_MODEL = Path(__file__).resolve().parent / "data/parse.crfsuite"
MODEL = Path(os.environ.get("REFS_PARSE_MODEL") or DEFAULT_MODEL)
_lock = threading.Lock()
_tagger: pycrfsuite.Tagger | None = None
_tables: Tables[bytes] | None = None


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


def attributes(model: bytes | mmap.mmap) -> frozenset[str] | None:
    """The attributes a crfsuite model file has a weight for (crfsuite keeps only those in
    its attribute dictionary), read from the file itself (``Tagger.info()`` parses a dump
    of the whole model: seconds); ``None`` if the file is not laid out as expected. The
    file: a header whose tenth 32-bit field is the offset of the attribute dictionary, a
    CQDB chunk ("CQDB", size, flags, byte order, number of keys, offset of the array of
    each key's record); a record is a 32-bit id, the key's size and the key, NUL-ended.
    The keys are decoded one by one into the set (no list of them all on the way: the
    model's 100,000 keys would take their room twice)."""
    try:
        if model[:4] != b"lCRF":
            return None
        (base,) = struct.unpack_from("<I", model, 36)
        magic, _size, _flag, _order, count, index = struct.unpack_from("<4sIIIII", model, base)
        if magic != b"CQDB":
            return None
        offsets = model[base + index: base + index + 4 * count]
        if len(offsets) != 4 * count:
            return None

        def key(at: int) -> str:
            (size,) = struct.unpack_from("<I", model, base + at + 4)
            return model[base + at + 8: base + at + 7 + size].decode("utf-8")

        return frozenset(key(at) for (at,) in struct.iter_unpack("<I", offsets))
    except (struct.error, UnicodeDecodeError):
        return None


def tagger() -> pycrfsuite.Tagger:
    """The loaded model (loaded on the first call)."""
    global _tagger, _tables
    with _lock:
        if _tagger is None:
            if not MODEL.is_file():
                raise ModelError(f"the parse model {MODEL} is missing (set REFS_PARSE_MODEL to a model "
                                 "file, or rebuild it: python -m refs.parse.train)")
            lexicons = (("name", NAMES_FILE, lexicon.names), ("place", PLACES_FILE, lexicon.place_keys))
            for kind, path, load in lexicons:
                if not path.is_file():
                    raise ModelError(f"the {kind} lexicon {path} the models are trained with is missing "
                                     "(reinstall refs, or rebuild both: python -m refs.parse.train)")
                try:
                    load()
                except (OSError, EOFError, ValueError, zlib.error) as exc:  # (a damaged file)
                    raise ModelError(f"the {kind} lexicon {path} cannot be read ({exc}); reinstall refs, "
                                     "or rebuild it: python -m refs.parse.train") from None
            t = pycrfsuite.Tagger()
            try:
                t.open(str(MODEL))
                with open(MODEL, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
                    known = attributes(mapped)
            except (OSError, ValueError) as exc:
                raise ModelError(f"the parse model {MODEL} cannot be read ({exc}); set REFS_PARSE_MODEL "
                                 "to a model python -m refs.parse.train wrote") from None
            _tables = for_model(known)
            _tagger = t
        return _tagger


def label(text: str) -> list[Span]:
    """The labelled spans of ``text`` in order (consecutive tokens of one label merged)."""
    toks = tokenize(text)
    if not toks:
        return []
    t = tagger()
    assert _tables is not None  # (set with the tagger)
    feats = assembled(text, toks, _tables)  # only what the model knows: tagged as features() would be
    with _lock:
        tags = t.tag(feats)
        probs = list(map(t.marginal, tags, range(len(tags))))
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
