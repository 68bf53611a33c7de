"""BibTeX name lists <-> CSL names (refs.names)."""

from __future__ import annotations

import pytest

from refs.names import name_to_bibtex, names_to_bibtex, parse_name, parse_names, split_names


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("Knuth, Donald E.", {"family": "Knuth", "given": "Donald E."}),
        ("Donald E. Knuth", {"family": "Knuth", "given": "Donald E."}),
        ("King, Jr, Martin Luther", {"family": "King", "given": "Martin Luther", "suffix": "Jr"}),
        ("Ford, Jr., Henry", {"family": "Ford", "given": "Henry", "suffix": "Jr."}),
        ("van der Berg, Jan", {"family": "Berg", "given": "Jan", "non-dropping-particle": "van der"}),
        ("Jan van der Berg", {"family": "Berg", "given": "Jan", "non-dropping-particle": "van der"}),
        ("Jean de la Fontaine",
         {"family": "Fontaine", "given": "Jean", "non-dropping-particle": "de la"}),
        ("de la Fontaine, Jean",
         {"family": "Fontaine", "given": "Jean", "non-dropping-particle": "de la"}),
        ("Beethoven, Ludwig van",
         {"family": "Beethoven", "given": "Ludwig", "dropping-particle": "van"}),
        ("Jean-Paul Sartre", {"family": "Sartre", "given": "Jean-Paul"}),
        ("Lloyd-Webber, Andrew", {"family": "Lloyd-Webber", "given": "Andrew"}),
        ("Brinch Hansen, Per", {"family": "Brinch Hansen", "given": "Per"}),
        (r"{Garc\'{i}a M{\'a}rquez}, Gabriel", {"family": "García Márquez", "given": "Gabriel"}),
        (r"M{\"u}ller, J{\"o}rg", {"family": "Müller", "given": "Jörg"}),
        (r"{\"O}zgen, Ali", {"family": "Özgen", "given": "Ali"}),
        ("D.~E. Knuth", {"family": "Knuth", "given": "D. E."}),
        ("{RAND Corporation}", {"literal": "RAND Corporation"}),
        ("{{World Health Organization}}", {"literal": "World Health Organization"}),
        ("{Barnes and Noble}", {"literal": "Barnes and Noble"}),
        ("{von Neumann}, John", {"family": "von Neumann", "given": "John"}),
        ("John von Neumann", {"family": "Neumann", "given": "John", "non-dropping-particle": "von"}),
        ("Aristotle", {"family": "Aristotle"}),
        # a suffix after the only comma belongs to a First Last name, never a given name
        ("Martin Luther King, Jr.", {"family": "King", "given": "Martin Luther", "suffix": "Jr."}),
        ("Henry Ford, II", {"family": "Ford", "given": "Henry", "suffix": "II"}),
        ("Ludwig van Beethoven, Sr",
         {"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van", "suffix": "Sr"}),
        ("Doe, Sri", {"family": "Doe", "given": "Sri"}),
        ("hooks, bell", {"family": "hooks", "given": "bell"}),
        (r"Charles Louis Xavier Joseph {de la Vall{\'e}e Poussin}",
         {"family": "de la Vallée Poussin", "given": "Charles Louis Xavier Joseph"}),
    ],
)
def test_parse_name(raw: str, name: dict[str, str]) -> None:
    assert parse_name(raw) == name


def test_parse_name_returns_fresh_dicts() -> None:
    a = parse_name("Knuth, Donald")
    a["family"] = "changed"
    assert parse_name("Knuth, Donald")["family"] == "Knuth"


def test_split_names_respects_braces_and_case() -> None:
    assert split_names("A and B AND C and {D and E} and F") == ("A", "B", "C", "{D and E}", "F")
    assert split_names("Smith,\n  John and\tDoe, Jane") == ("Smith,\n  John", "Doe, Jane")
    assert split_names("") == ()
    # a stray "and" at either end or a doubled one is not a name
    assert split_names("and Doe, J. and and Roe, K. and") == ("Doe, J.", "Roe, K.")
    assert split_names("Andersen, A. and Sandand, B.") == ("Andersen, A.", "Sandand, B.")
    assert parse_names("{} and Doe, J.") == ([{"family": "Doe", "given": "J."}], False)


def test_and_others() -> None:
    names, others = parse_names("Smith, J. and others")
    assert names == [{"family": "Smith", "given": "J."}]
    assert others is True
    assert names_to_bibtex(names, others=True) == "Smith, J. and others"


@pytest.mark.parametrize(
    "name",
    [
        {"family": "Knuth", "given": "Donald E."},
        {"family": "King", "given": "Martin Luther", "suffix": "Jr."},
        {"family": "Berg", "given": "Jan", "non-dropping-particle": "van der"},
        {"family": "Beethoven", "given": "Ludwig", "dropping-particle": "van"},
        {"family": "García Márquez", "given": "Gabriel"},
        {"family": "hooks", "given": "bell"},
        {"literal": "RAND Corporation"},
        {"literal": "Barnes and Noble"},
        {"family": "Lloyd-Webber", "given": "Andrew"},
        {"family": "Smith", "given": "Jones, Jr"},
    ],
)
def test_name_round_trip(name: dict[str, str]) -> None:
    assert parse_name(name_to_bibtex(name)) == name


def test_name_to_bibtex_forms() -> None:
    assert name_to_bibtex({"literal": "RAND Corporation"}) == "{RAND Corporation}"
    assert name_to_bibtex({"family": "Berg", "given": "Jan", "non-dropping-particle": "van der"}) \
        == "van der Berg, Jan"
    assert name_to_bibtex({"family": "King", "given": "M. L.", "suffix": "Jr"}) == "King, Jr, M. L."


def test_biblatex_extended_name_format() -> None:
    names, others = parse_names("given=Jan, family=Berg, prefix=van den, useprefix=true and "
                                "family={Beethoven}, given=Ludwig, prefix=van, useprefix=false and Doe, J.")
    assert not others
    assert names == [{"family": "Berg", "given": "Jan", "non-dropping-particle": "van den"},
                     {"family": "Beethoven", "given": "Ludwig", "dropping-particle": "van"},
                     {"family": "Doe", "given": "J."}]
