"""Formatted bibliographies in any CSL style and locale.

``render(records, style="apa", locale="en-US", format="text")`` gives the whole
bibliography as one string (one entry per line in text and markdown; citeproc-js's
``csl-bib-body`` markup in html). :func:`render_entries` gives the entries as
data for callers that lay them out themselves.
"""

from __future__ import annotations

from refs.render.api import Entry, RenderError, bibliography, render, render_entries

__all__ = ["Entry", "RenderError", "bibliography", "render", "render_entries"]
