"""Synthetic training examples for the reference-string labeller.

``generate(n, seed)`` yields ``{"text", "segments", "source"}`` examples: records made up
by :mod:`refs.parse.train.records` (and, when ``../shared/data/bib`` is present, real
BibTeX records read by refs) rendered by refs' own CSL engine through :data:`STYLES` in
:data:`LOCALES`, labelled from the engine's own spans (:mod:`refs.parse.train.labelled`),
then noised as people do (:mod:`refs.parse.train.noise`). A share of examples is written
in forms no CSL style produces (French "LENTZ (Thierry), Titre, Paris, Éditeur,
« Collection », 2005, 159 p.", German "Name, P./B. Name, Titel, 5. Auflage, Ort 1989",
Wikipedia's "Author. Title (Publisher, 2008) online"), labelled as they are built.

The stream is deterministic for a seed (and the same BibTeX files).

``python -m refs.parse.train.synthetic N [SEED] [--workers=K]`` prints N examples as JSON
lines, and the time taken and a per-style and per-locale count on stderr.
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from refs.parse.train import labelled, noise
from refs.parse.train import records as rec

#: (style, weight): many families: author-date, numeric, notes, national standards.
STYLES: list[tuple[str, int]] = [
    ("apa", 8),
    ("apa-6th-edition", 3),
    ("chicago-author-date", 5),
    ("chicago-notes-bibliography", 5),
    ("turabian-notes-bibliography", 2),
    ("modern-language-association", 6),
    ("harvard-cite-them-right", 5),
    ("harvard-anglia-ruskin-university", 2),
    ("elsevier-harvard", 3),
    ("emerald-harvard", 2),
    ("ieee", 6),
    ("vancouver-nlm", 4),
    ("nlm-citation-sequence", 2),
    ("elsevier-vancouver", 2),
    ("nature", 3),
    ("science", 2),
    ("american-chemical-society", 2),
    ("american-medical-association", 3),
    ("american-institute-of-physics", 2),
    ("american-physics-society", 2),
    ("american-political-science-association", 3),
    ("american-sociological-association", 2),
    ("gost-r-7-0-5-2008", 4),
    ("gost-r-7-0-5-2008-numeric", 2),
    ("din-1505-2", 3),
    ("iso690-author-date-en", 2),
    ("iso690-author-date-fr", 2),
    ("iso690-numeric-en", 2),
    ("iso690-author-date-es", 1),
    ("associacao-brasileira-de-normas-tecnicas", 3),
    ("springer-basic-author-date", 2),
    ("springer-lecture-notes-in-computer-science", 2),
    ("elsevier-with-titles", 2),
    ("taylor-and-francis-chicago-author-date", 2),
    ("taylor-and-francis-national-library-of-medicine", 1),
    ("oxford-university-press-humsoc", 0),
    ("new-oxford-style-manual-author-date", 2),
    ("mhra-notes", 2),
    ("mhra-author-date", 1),
    ("the-lancet", 1),
    ("bmj", 1),
    ("cell", 1),
    ("plos", 1),
    ("acm-sig-proceedings", 2),
    ("unified-style-sheet-for-linguistics", 1),
    ("deutsche-gesellschaft-fur-psychologie", 1),
    ("annual-reviews", 1),
    ("royal-society-of-chemistry", 1),
]
STYLES = [(s, w) for s, w in STYLES if w > 0]

#: (locale, weight) used instead of the style's default in :data:`OTHER_LOCALE_SHARE` of batches.
LOCALES: list[tuple[str, int]] = [
    ("en-US", 10),
    ("en-GB", 6),
    ("fr-FR", 6),
    ("de-DE", 6),
    ("es-ES", 4),
    ("it-IT", 4),
    ("pt-BR", 4),
    ("ru-RU", 4),
    ("el-GR", 3),
    ("nl-NL", 2),
    ("pl-PL", 2),
    ("pt-PT", 1),
    ("sv-SE", 1),
    ("cs-CZ", 1),
]
OTHER_LOCALE_SHARE = 0.45
BATCH = 8  # records rendered together (citation numbers 1..8, same-author dashes, year suffixes)
ROUND = 4  # batches per style and locale before picking the next (parsed styles are cached)
TEMPLATE_SHARE = 0.07
BIB_SHARE = 0.4


def _pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    return rng.choices([k for k, _ in weighted], [w for _, w in weighted])[0]


# -- templates: forms no CSL style writes -------------------------------------------------


def _year(item: dict[str, Any]) -> str:
    parts = (item.get("issued") or {}).get("date-parts") or [[2000]]
    return str(parts[0][0])


def _french(item: dict[str, Any], rng: random.Random) -> list[list[str]]:
    people = item.get("author") or [rec.person(rng, "fr")]
    names = noise.format_names(
        people[:2], rng.choice(["caps-paren", "caps-paren", "family-paren", "caps-comma"])
    )
    pub, place = rng.choice(rec.PUBLISHERS)
    segs = [
        ["author", names + ","],
        ["title", item["title"] + ","],
        ["location", place + ","],
        ["publisher", pub + ","],
    ]
    if rng.random() < 0.6:
        segs.append(["collection-title", f"« {rng.choice(rec.SERIES)} »,"])
    segs.append(["date", _year(item) + ","])
    segs.append(["pages", f"{rng.randint(80, 900)} p."])
    return segs


def _german(item: dict[str, Any], rng: random.Random) -> list[list[str]]:
    people = item.get("author") or [rec.person(rng, "de")]
    names = noise.format_names(people[:3], rng.choice(["german-slash", "german-slash", "slash-inverted"]))
    pub, place = rng.choice(rec.PUBLISHERS)
    segs = [["author", names + rng.choice([",", ":"])], ["title", item["title"] + ","]]
    if rng.random() < 0.6:
        segs.append(
            [
                "edition",
                rng.choice(["{n}. Auflage,", "{n}. Aufl.,", "{n}., durchges. Aufl.,"]).format(
                    n=rng.randint(2, 9)
                ),
            ]
        )
    if rng.random() < 0.4:
        segs.append(["publisher", pub + ","])
    segs.append(["location", place])
    segs.append(["date", _year(item) + rng.choice([".", ""])])
    return segs


def _wikipedia(item: dict[str, Any], rng: random.Random) -> list[list[str]]:
    people = item.get("author") or [rec.person(rng)]
    p = people[0]
    name = (
        f"{p.get('family', '')}, {p.get('given', '')}"
        if rng.random() < 0.6
        else f"{p.get('given', '')} {p.get('family', '')}"
    )
    pub, _ = rng.choice(rec.PUBLISHERS)
    segs = [
        ["author", name.strip(", ") + "."],
        ["title", item["title"]],
        ["publisher", f"({pub},"],
        ["date", _year(item) + ")"],
    ]
    if rng.random() < 0.5:
        segs[-1][1] += "."
    if rng.random() < 0.7:
        segs.append(
            [
                "note",
                rng.choice(
                    [
                        "online",
                        "excerpt",
                        "online free",
                        "popular excerpt and text search",
                        "(lire en ligne)",
                        "онлайн",
                    ]
                ),
            ]
        )
    return segs


def _reading_list(item: dict[str, Any], rng: random.Random) -> list[list[str]]:
    """Harvard as typed in reading lists: "Place In: Thrift, N. & Kitchin, R. eds. Title. City: Pub."."""
    eds = [rec.person(rng, "en") for _ in range(rng.randint(1, 3))]
    authors = item.get("author") or [rec.person(rng)]

    def inv(p: dict[str, Any]) -> str:
        return f"{p.get('family', '')}, {noise._initials(str(p.get('given', '')))}".strip(", ")

    ed_text = " & ".join(inv(p) for p in eds) + " " + ("eds." if len(eds) > 1 else "ed.")
    pub, place = rng.choice(rec.PUBLISHERS)
    return [
        ["author", " & ".join(inv(p) for p in authors[:2])],
        ["date", f"({_year(item)})"],
        ["title", item["title"]],
        ["editor", "In: " + ed_text],
        ["container-title", rec.title(rng, "en") + "."],
        ["location", place + ":"],
        ["publisher", pub + "."],
    ]


_COORDINATORS = [
    "coordinador",
    "coordinadora",
    "edited by",
    "ed. by",
    "hrsg. von",
    "sous la direction de",
    "a cura di",
    "под ред.",
    "organização de",
    "επιμέλεια",
]


def _title_first(item: dict[str, Any], rng: random.Random) -> list[list[str]]:
    """A line that starts with its title: "Introducción a … / coordinador, Pedro Aullón de Haro.
    Madrid: Playor, 1984." (edited volumes in library catalogues and reading lists)."""
    eds = item.get("editor") or item.get("author") or [rec.person(rng)]
    names = " y ".join(f"{p.get('given', '')} {p.get('family', '')}".strip() for p in eds[:2])
    pub, place = rng.choice(rec.PUBLISHERS)
    sep = rng.choice([" /", ".", " /"])
    return [
        ["title", item["title"] + sep],
        ["editor", f"{rng.choice(_COORDINATORS)}, {names}."],
        ["location", place + ":"],
        ["publisher", pub + ","],
        ["date", _year(item) + "."],
    ]


TEMPLATES = {
    "french": _french,
    "german": _german,
    "wikipedia": _wikipedia,
    "reading-list": _reading_list,
    "title-first": _title_first,
}


# -- the stream -------------------------------------------------------------------------


def _example(segs: list[list[str]], source: str) -> dict[str, Any] | None:
    segs = [[lab, " ".join(t.split())] for lab, t in segs if t.strip()]
    if not segs:
        return None
    return {"text": " ".join(t for _, t in segs), "segments": segs, "source": source}


CHUNK = 500  # examples drawn from one random stream; chunks are what workers share out


def generate(
    n: int, seed: int = 0, bib_dir: Path | str | None | bool = None, workers: int = 1
) -> Iterator[dict[str, Any]]:
    """``n`` labelled examples, deterministic for ``seed`` (whatever ``workers``).

    ``bib_dir``: a folder of ``.bib`` files to draw real records from (None: the shared
    data folder when present; False: made-up records only). ``workers`` > 1 renders
    chunks of :data:`CHUNK` examples in that many processes, in order."""
    d: Path | None = None
    if bib_dir is not False:
        d = rec.default_bib_dir() if bib_dir is None or bib_dir is True else Path(bib_dir)
    real = rec.bib_items(str(d)) if d is not None else ()
    jobs = [
        (seed, c, min(CHUNK, n - c * CHUNK), str(d) if d else None) for c in range((n + CHUNK - 1) // CHUNK)
    ]
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield from _chunk(*job[:3], real)
        return
    import multiprocessing as mp

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    with ctx.Pool(workers) as pool:  # forked workers share the records read above
        for examples in pool.imap(_chunk_job, jobs):
            yield from examples


def _chunk_job(job: tuple[int, int, int, str | None]) -> list[dict[str, Any]]:
    seed, c, size, d = job
    return list(_chunk(seed, c, size, rec.bib_items(d) if d else ()))


def _chunk(seed: int, c: int, n: int, real: tuple[dict[str, Any], ...]) -> Iterator[dict[str, Any]]:
    rng = random.Random(f"refs-synthetic:{seed}:{c}")
    made = 0
    serial = c * CHUNK * 2
    broken: set[tuple[str, str]] = set()
    while made < n:
        style = _pick(rng, STYLES)
        locale = _pick(rng, LOCALES) if rng.random() < OTHER_LOCALE_SHARE else None
        for _ in range(ROUND):
            if made >= n:
                break
            items = []
            for _ in range(BATCH):
                serial += 1
                if real and rng.random() < BIB_SHARE:
                    it = dict(rng.choice(real))
                    it["id"] = f"s{serial}"
                else:
                    it = rec.record(rng, serial)
                items.append(it)
            noise_rng = random.Random(rng.random())
            if rng.random() < TEMPLATE_SHARE:
                examples = _templated(items, noise_rng)
            else:
                examples = _rendered(items, style, locale, noise_rng, broken)
            for ex in examples:
                if made < n:
                    made += 1
                    yield ex


def _templated(items: list[dict[str, Any]], rng: random.Random) -> Iterator[dict[str, Any]]:
    for it in items:
        kind = rng.choice(sorted(TEMPLATES))
        segs = TEMPLATES[kind](it, rng)
        segs, _ = noise.apply(segs, it, rng, ["hyphen", "drop", "marker", "note"])
        ex = _example(segs, f"template:{kind}")
        if ex is not None:
            yield ex


def _rendered(
    items: list[dict[str, Any]],
    style: str,
    locale: str | None,
    rng: random.Random,
    broken: set[tuple[str, str]],
) -> Iterator[dict[str, Any]]:
    key = (style, locale or "")
    if key in broken:
        return
    try:
        rendered = labelled.render_labelled(items, style, locale)
    except Exception:  # an unusable style/locale combination, or an engine error on odd data
        broken.add(key)
        return
    by_id = {it["id"]: it for it in items}
    for item_id, text, labels in rendered:
        segs = labelled.segments(text, labels)
        segs, _ = noise.apply(segs, by_id.get(item_id, {}), rng, noise.KINDS)
        ex = _example(segs, f"csl:{style}:{locale or 'default'}")
        if ex is not None:
            yield ex


def main(argv: list[str]) -> int:
    args = [a for a in argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 20
    seed = int(args[1]) if len(args) > 1 else 0
    workers = next((int(a.split("=", 1)[1]) for a in argv if a.startswith("--workers=")), 1)
    t0 = time.perf_counter()
    c0 = time.process_time()
    styles: Counter[str] = Counter()
    locales: Counter[str] = Counter()
    for ex in generate(n, seed, workers=workers):
        print(json.dumps(ex, ensure_ascii=False))
        parts = ex["source"].split(":")
        styles[parts[1]] += 1
        if parts[0] == "csl":
            locales[parts[2]] += 1
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(
        f"{n} examples in {dt:.1f} s wall clock, {cpu:.1f} s CPU ({n / max(cpu, 1e-9):.0f}/s of CPU)",
        file=sys.stderr,
    )
    print("styles: " + ", ".join(f"{k} {v}" for k, v in styles.most_common()), file=sys.stderr)
    print("locales: " + ", ".join(f"{k} {v}" for k, v in locales.most_common()), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
