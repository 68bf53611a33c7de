"""refs: a bibliography toolkit.

Read reading lists (free text, BibTeX, CSL-JSON, RIS) into one record model, then
parse, enrich, deduplicate, render and check them. The public API::

    from refs import read, write, loads, dumps, Record, Library
"""

from __future__ import annotations

__version__ = "0.1.0"

from refs.io import dumps, loads, read, write  # noqa: E402
from refs.model import Library, Record, Report  # noqa: E402

__all__ = ["Library", "Record", "Report", "__version__", "dumps", "loads", "read", "write"]
