"""Training examples from labelled reference corpora, in the model's label set.

An example is ``{"text": str, "segments": [[label, segment_text], ...], "source": str}``
where the segment texts joined with single spaces equal the whitespace-normalised text
and every label is in :data:`refs.parse.labels.LABELS`.

* :func:`anystyle` reads AnyStyle's JSONL sets (``core``, ``good``, ``bad``, ``ugly``) and
  maps their labels (``journal`` → ``container-title``, ``director`` → ``author`` …).
* :func:`grobid` reads GROBID's TEI training files (``<bibl>`` with mixed content): the
  tagged characters take the tag's label, the untagged ones (cue words, punctuation)
  ``other``, and each whitespace token the label of most of its letters and digits.
* :func:`dedup` drops examples whose text is also an evaluation string.
"""

from __future__ import annotations

import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from refs.parse.labels import LABEL_SET

Example = dict[str, Any]

#: AnyStyle's labels → ours (the rest are the same names)
ANYSTYLE_LABELS = {
    "journal": "container-title", "source": "container-title", "medium": "note", "director": "author",
    "producer": "other", "citation-number": "citation-number", "scripts": "other", "language": "note",
    "signal": "other", "authority": "publisher",
}


def squash(text: str) -> str:
    """The whitespace-normalised form an example's segments add up to."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def make_example(pairs: Iterable[tuple[str, str]], source: str) -> Example | None:
    """An example from (label, text) pairs; consecutive same-label pairs merged."""
    segments: list[list[str]] = []
    for label, text in pairs:
        text = squash(text)
        if not text:
            continue
        if label not in LABEL_SET:
            raise ValueError(f"unknown label {label!r}")
        if segments and segments[-1][0] == label:
            segments[-1][1] += " " + text
        else:
            segments.append([label, text])
    if not segments:
        return None
    return {"text": " ".join(s for _, s in segments), "segments": segments, "source": source}


def anystyle(path: Path, source: str = "anystyle") -> Iterator[Example]:
    """Examples from one AnyStyle JSONL file (``{"text", "segments"}`` per line)."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        ex = make_example(((ANYSTYLE_LABELS.get(lab, lab), txt) for lab, txt in row["segments"]), source)
        if ex:
            yield ex


def _local(el: ET.Element) -> str:
    return el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""


def _tei_label(el: ET.Element, has_article_title: bool) -> str:
    tag = _local(el)
    kind = el.get("level") or el.get("unit") or el.get("type") or ""
    if tag == "title":
        if kind == "a":
            return "title"
        if kind == "j":
            return "container-title"
        if kind == "s":
            return "collection-title"
        return "container-title" if has_article_title else "title"
    if tag == "biblScope":
        return {"volume": "volume", "vol": "volume", "issue": "issue", "page": "pages", "pp": "pages"}.get(
            kind, "other")
    if tag == "idno":
        return {"doi": "doi", "isbn": "isbn", "report": "number"}.get(kind.lower(), "note")
    if tag == "orgName":
        return "author" if kind == "collaboration" else "publisher"
    if tag == "note":
        return "genre" if kind == "report" else "note"
    return {"author": "author", "editor": "editor", "date": "date", "publisher": "publisher",
            "pubPlace": "location", "ptr": "url"}.get(tag, "other")


def _chars(el: ET.Element, label: str, out: list[tuple[str, str]], has_a: bool, top: bool) -> None:
    """(character run, label) pairs of an element's mixed content, in document order."""
    if el.text:
        out.append((el.text, label))
    for child in el:
        if _local(child) == "lb":
            out.append((" ", label))
        else:
            _chars(child, _tei_label(child, has_a) if top else label, out, has_a, False)
        if child.tail:
            out.append((child.tail, label))


def bibl_example(bibl: ET.Element, source: str) -> Example | None:
    """One GROBID ``<bibl>`` as an example: tokens take the label of most of their
    letters and digits (of all their characters when they have none)."""
    has_a = any(_local(t) == "title" and t.get("level") == "a" for t in bibl.iter())
    runs: list[tuple[str, str]] = []
    _chars(bibl, "other", runs, has_a, True)
    text, labels = "", []
    for chunk, label in runs:
        chunk = chunk.replace("\n", " ").replace("\t", " ")
        text += chunk
        labels.extend([label] * len(chunk))
    pairs = []
    for m in re.finditer(r"\S+", text):
        span = labels[m.start():m.end()]
        alnum = [lab for ch, lab in zip(m.group(), span, strict=True) if ch.isalnum()] or span
        pairs.append((Counter(alnum).most_common(1)[0][0], m.group()))
    return make_example(pairs, source)


def grobid_fields(path: Path) -> Iterator[tuple[str, list[list[str]]]]:
    """(text, [[label, value], ...]) per ``<bibl>`` with each tagged element's own text as
    its value (not cut at tokens, so "(2012)094025" gives date "2012" and page "094025"):
    the gold of an evaluation set."""
    for bibl in ET.parse(path).iter():
        if _local(bibl) != "bibl":
            continue
        has_a = any(_local(t) == "title" and t.get("level") == "a" for t in bibl.iter())
        runs: list[tuple[str, str]] = []
        _chars(bibl, "other", runs, has_a, True)
        pairs: list[list[str]] = []
        for chunk, label in runs:
            if pairs and pairs[-1][0] == label:
                pairs[-1][1] += chunk
            else:
                pairs.append([label, chunk])
        text = squash("".join(chunk for chunk, _ in runs))
        fields = [[lab, squash(val)] for lab, val in pairs if lab != "other" and squash(val)]
        if text:
            yield text, fields


def grobid(path: Path, source: str = "grobid") -> Iterator[Example]:
    """Examples from one GROBID TEI file of labelled references."""
    for bibl in ET.parse(path).iter():
        if _local(bibl) != "bibl":
            continue
        ex = bibl_example(bibl, source)
        if ex:
            yield ex


def dedup_key(text: str) -> str:
    """Letters and digits only, case-folded: two strings that differ in spacing or
    punctuation are the same reference."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).casefold() if ch.isalnum())


def dedup(examples: Iterable[Example], exclude: Iterable[str]) -> list[Example]:
    """The examples in order, each text once, none that is also in ``exclude``."""
    seen = {dedup_key(t) for t in exclude}
    out = []
    for ex in examples:
        key = dedup_key(ex["text"])
        if key and key not in seen:
            seen.add(key)
            out.append(ex)
    return out
