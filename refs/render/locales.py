"""CSL locales: normalising what people type (``el``, ``en_GB``, ``de-de``) to a
locale file citeproc-py ships, and listing them."""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

from citeproc import LOCALES_PATH


class LocaleNotFound(LookupError):
    """No CSL locale for that tag."""


@lru_cache(maxsize=1)
def available() -> tuple[str, ...]:
    """Every locale tag with a ``locales-TAG.xml`` file (``en-US``, ``el-GR``, ``eu``...)."""
    return tuple(sorted(f[8:-4] for f in os.listdir(LOCALES_PATH)
                        if f.startswith("locales-") and f.endswith(".xml")))


@lru_cache(maxsize=1)
def _primary_dialects() -> dict[str, str]:
    with open(os.path.join(LOCALES_PATH, "locales.json"), encoding="utf-8") as fh:
        return dict(json.load(fh)["primary-dialects"])


def normalize(tag: str) -> str:
    """The canonical locale tag for ``tag``; ``el`` gives ``el-GR``, ``en_gb`` gives ``en-GB``.

    Raises :class:`LocaleNotFound` with the available tags of that language.
    """
    raw = tag.strip().replace("_", "-")
    by_lower = {t.lower(): t for t in available()}
    if raw.lower() in by_lower:
        return by_lower[raw.lower()]
    lang = raw.split("-")[0].lower()
    primary = _primary_dialects().get(lang)
    if primary and primary in available():
        if raw.lower() == lang:
            return primary
    same = [t for t in available() if t.split("-")[0].lower() == lang]
    if same and raw.lower() == lang:
        return same[0]
    hint = f" (available for {lang!r}: {', '.join(same)})" if same else ""
    raise LocaleNotFound(f"unknown locale {tag!r}{hint}")


def path(tag: str) -> Path:
    return Path(LOCALES_PATH) / f"locales-{normalize(tag)}.xml"
