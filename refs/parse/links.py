"""The links a document gave a reference, turned into fields of its record.

A source reader (``refs.sources``) keeps each block's hyperlinks; once the finder
knows which blocks a record came from, :func:`attach` gives the record what they
say: a DOI link its ``DOI``, another link its ``URL``. Fields the text itself
already gave are never replaced.
"""

from __future__ import annotations

import re

from refs.model import Record, SourceBlock

_DOI_LINK = re.compile(r"^https?://(?:dx\.)?doi\.org/(10\.\d{4,9}/\S+)$", re.IGNORECASE)


def attach(record: Record, blocks: list[SourceBlock]) -> None:
    """Fill ``DOI`` / ``URL`` of ``record`` from the links of the blocks it came from."""
    for block in blocks:
        for link in block.links:
            m = _DOI_LINK.match(link.url)
            if m:
                record.csl.setdefault("DOI", m.group(1))
            elif link.url.startswith(("http://", "https://")):
                record.csl.setdefault("URL", link.url)
