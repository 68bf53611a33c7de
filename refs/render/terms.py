"""Locale data for one style and output locale: terms, date formats and options,
merged along CSL's fallback chain (the style's own ``cs:locale`` for the dialect,
the language, and no language; then the locale file for the dialect, the
language's primary dialect, and en-US), parsed once and kept as plain dicts."""

from __future__ import annotations

import json
import os
from functools import lru_cache

from citeproc import LOCALES_PATH
from lxml import etree

NS = "{http://purl.org/net/xbiblio/csl}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@lru_cache(maxsize=8)
def _primary() -> dict[str, str]:
    with open(os.path.join(LOCALES_PATH, "locales.json"), encoding="utf-8") as fh:
        return dict(json.load(fh)["primary-dialects"])


@lru_cache(maxsize=64)
def _locale_file(tag: str) -> etree._Element | None:
    path = os.path.join(LOCALES_PATH, f"locales-{tag}.xml")
    if not os.path.exists(path):
        return None
    return etree.parse(path).getroot()


class Locale:
    """Merged terms, dates and options for one style + output locale."""

    def __init__(self, style_root: etree._Element, lang: str) -> None:
        self.lang = lang
        chain: list[etree._Element] = []
        language = lang.split("-")[0]
        in_style = style_root.findall(f"{NS}locale")
        for want in (lang, language, None):
            for loc in in_style:
                if loc.get(XML_LANG) == want:
                    chain.append(loc)
        for tag in (lang, _primary().get(language), "en-US"):
            if tag:
                root = _locale_file(tag)
                if root is not None and root not in chain:
                    chain.append(root)
        self.chain = chain
        self.terms: dict[tuple[str, str], tuple[str, str]] = {}
        self.layers: list[dict[tuple[str, str], tuple[str, str]]] = []
        self.genders: dict[str, str] = {}
        self.ordinals: list[tuple[str, str | None, str, str | None]] = []
        self._ordinal_source: etree._Element | None = None
        self.dates: dict[str, etree._Element] = {}
        self.options: dict[str, str] = {}
        # earlier in the chain wins: fill from the end, overwrite going forward
        for loc in reversed(chain):
            self._absorb(loc)
        # Term lookup falls back form-wise within a layer before the next layer. The
        # style's own cs:locale elements amend the output language's file, so they
        # share its layer; the primary dialect and en-US files are further layers.
        n_style = sum(1 for loc in chain if loc.getroottree().getroot() is style_root)
        if n_style and len(self.layers) > n_style:
            merged = dict(self.layers[n_style])
            for layer in reversed(self.layers[:n_style]):
                merged.update(layer)
            self.layers = [merged] + self.layers[n_style + 1:]

    def _absorb(self, loc: etree._Element) -> None:
        terms = loc.find(f"{NS}terms")
        layer: dict[tuple[str, str], tuple[str, str]] = {}
        self.layers.insert(0, layer)  # absorbed last-to-first: keep chain order
        if terms is not None:
            has_ordinals = False
            for t in terms.findall(f"{NS}term"):
                name = t.get("name", "")
                form = t.get("form", "long")
                if t.get("gender"):
                    self.genders[name] = t.get("gender", "")
                if name.startswith("ordinal"):
                    has_ordinals = True
                    continue
                single = t.find(f"{NS}single")
                multiple = t.find(f"{NS}multiple")
                if single is not None or multiple is not None:
                    s = (single.text or "") if single is not None else ""
                    m = (multiple.text or "") if multiple is not None else s
                else:
                    s = m = t.text or ""
                # whitespace-only terms are empty (an indented empty element in a style)
                s = s if s.strip() else ""
                m = m if m.strip() else ""
                self.terms[(name, form)] = (s, m)
                layer[(name, form)] = (s, m)
            if has_ordinals:
                # CSL: ordinal terms of a locale replace the fallback's set as a whole
                self.ordinals = [
                    (t.get("name", ""), t.get("match"), t.text or "", t.get("gender-form"))
                    for t in terms.findall(f"{NS}term") if t.get("name", "").startswith("ordinal")
                ] + [
                    (t.get("name", ""), t.get("match"), t.text or "", None)
                    for t in terms.findall(f"{NS}term") if t.get("name", "").startswith("long-ordinal")
                ]
                for t in terms.findall(f"{NS}term"):
                    if t.get("name", "").startswith("long-ordinal"):
                        self.terms[(t.get("name", ""), t.get("form", "long"))] = (t.text or "",) * 2
        for d in loc.findall(f"{NS}date"):
            self.dates[d.get("form", "")] = d
        opts = loc.find(f"{NS}style-options")
        if opts is not None:
            self.options.update(opts.attrib)

    def term(self, name: str, form: str = "long", plural: bool = False) -> str | None:
        """A term's text with CSL's form fallbacks (verb-short→verb→long, symbol→short→long),
        tried within each locale of the chain before falling back to the next locale."""
        forms = _FALLBACK.get(form, (form, "long"))
        for layer in self.layers:
            for f in forms:
                v = layer.get((name, f))
                if v is not None:
                    return v[1] if plural else v[0]
        return None

    def option(self, name: str, default: str = "false") -> str:
        return self.options.get(name, default)

    def ordinal(self, number: int, gender: str | None = None) -> str:
        """``number`` with its ordinal suffix (``1st``, ``2e``, ``1ʳᵉ`` for a feminine term)."""
        best: tuple[int, str] | None = None  # (specificity, text)
        for name, match, text, gender_form in self.ordinals:
            if name.startswith("long"):
                continue
            if gender_form not in (None, "neuter") and gender_form != (gender or "masculine"):
                continue
            if name == "ordinal":
                if best is None:
                    best = (0, text)
                continue
            try:
                n = int(name.split("-")[1])
            except (IndexError, ValueError):
                continue
            m = match or ("last-digit" if n < 10 else "last-two-digits")
            if m == "whole-number":
                ok, rank = number == n, 3
            elif m == "last-two-digits":
                ok, rank = number % 100 == n, 2
            else:
                ok, rank = number % 10 == n, 1
            # a gendered term beats a neutral one of the same specificity
            rank = rank * 2 + (1 if gender_form and gender_form == gender else 0)
            if ok and (best is None or rank > best[0]):
                best = (rank, text)
        return f"{number}{best[1] if best else ''}"


_FALLBACK = {
    "long": ("long",),
    "short": ("short", "long"),
    "verb": ("verb", "long"),
    "verb-short": ("verb-short", "verb", "short", "long"),
    "symbol": ("symbol", "short", "long"),
}
