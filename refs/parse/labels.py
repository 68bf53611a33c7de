"""The labels of the reference-string model, defined once.

Every token of a reference string gets one of these. The training data (AnyStyle's
and GROBID's labelled references, synthetic renderings, the aligned hand-written dev
sets) is mapped to them, and :mod:`refs.parse.assemble` turns labelled spans into CSL
fields.
"""

from __future__ import annotations

LABELS: tuple[str, ...] = (
    "citation-number", "author", "editor", "translator", "title", "container-title", "collection-title",
    "volume", "issue", "pages", "date", "edition", "publisher", "location",
    "genre",  # the kind of a thesis or report ("PhD diss.", "Technical Report")
    "number",  # a report's number
    "doi", "isbn", "url", "accessed",
    "note",  # annotations, pinpoints, "online", "excerpt"
    "other",  # cue words and punctuation nobody labelled ("In", "pp.")
)

LABEL_SET = frozenset(LABELS)
