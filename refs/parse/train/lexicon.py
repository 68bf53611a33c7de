"""Build the name lexicon the parse features consult: ``refs/parse/data/names.txt``.

Given and family names in many languages make "Fernand Braudel, El Mediterráneo …" or
"… de Marlène Zarader" readable: a model that has seen "Fernand" only as a word cannot know
that "Amedeo" is a first name too. The lists come from Faker's person providers (MIT
licence; every locale it ships, about 29,000 given and 29,000 family names of three letters or
more: "El", "Le", "Di" are words first), folded as the features fold tokens (lower case,
accents dropped), one ``g<TAB>name`` / ``f<TAB>name`` per
line in sorted order, so the file is the same on every run with the same Faker version.
Faker's licence is written beside the file (``names.LICENSE``). Faker is needed only here
(``pip install refs[train]``), never when parsing.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import pkgutil
from collections.abc import Iterable
from pathlib import Path

from refs.parse.lexicon import NAMES_FILE, fold


def _strings(value: object) -> Iterable[str]:
    if isinstance(value, (dict, list, tuple, set, frozenset)):
        return [v for v in value if isinstance(v, str)]
    return []


def faker_names() -> tuple[set[str], set[str]]:
    """(given, family) names of every Faker locale, folded."""
    try:
        import faker.providers.person as person
    except ImportError as exc:
        raise SystemExit("refs.parse.train: the name lexicon needs Faker (pip install 'refs[train]')") \
            from exc
    given: set[str] = set()
    family: set[str] = set()
    for info in sorted(pkgutil.iter_modules(person.__path__), key=lambda m: m.name):
        provider = importlib.import_module(f"{person.__name__}.{info.name}").Provider
        for attr in sorted(dir(provider)):
            if attr.startswith(("first_names", "last_names")):
                into = given if attr.startswith("first_names") else family
                into.update(f for f in map(fold, _strings(getattr(provider, attr))) if len(f) > 2)
    return given, family


def faker_licence() -> str:
    """The licence Faker ships (its copyright notice goes with the names taken from it)."""
    dist = importlib.metadata.distribution("faker")
    for f in dist.files or []:
        if f.name.upper().startswith("LICENSE"):
            return f"Names from Faker {dist.version}, under its licence:\n\n" + f.read_text(encoding="utf-8")
    raise SystemExit("refs.parse.train: Faker's licence file was not found")


def write(out: Path = NAMES_FILE) -> tuple[int, int]:
    """Write the lexicon file and, beside it, Faker's licence; (given, family) counts."""
    given, family = faker_names()
    lines = [f"g\t{n}" for n in sorted(given)] + [f"f\t{n}" for n in sorted(family)]
    for path, text in ((out, "\n".join(lines) + "\n"), (licence_file(out), faker_licence())):
        tmp = path.with_suffix(".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    return len(given), len(family)


def licence_file(names: Path) -> Path:
    """Where the licence of the names in ``names`` is kept: ``names.txt`` → ``names.LICENSE``."""
    return names.with_suffix(".LICENSE")
