"""Review a build and correct it for good.

* :mod:`refs.review.html` writes ``report.html``: one self-contained page with a card per
  output record (source, rendered entry, fields with their provenance, enrichment,
  merges, links, a corrections snippet);
* :mod:`refs.review.corrections` reads and validates the user's ``corrections.yaml``
  and applies each kind of correction at its stage; :mod:`refs.review.apply` is what
  the build calls after each stage;
* :mod:`refs.review.confidence` says which parsed fields are doubtful.
"""

from __future__ import annotations

from refs.review.apply import Applier
from refs.review.corrections import Corrections, CorrectionsError
from refs.review.html import write as write_html

__all__ = ["Applier", "Corrections", "CorrectionsError", "write_html"]
