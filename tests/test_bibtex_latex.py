"""LaTeX <-> Unicode for BibTeX values (refs.io.latex)."""

from __future__ import annotations

import pytest

from refs.io.latex import decode, escape, protected_phrases, to_ascii


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r'{\"u}ber', "über"),
        (r"\'{e}t\'e", "été"),
        (r"\c{c}a va", "ça va"),
        (r"Fran\c cois", "François"),
        (r"pages 1--2", "pages 1–2"),
        (r"yes---no", "yes—no"),
        (r"D.~E. Knuth", "D.\u00a0E. Knuth"),
        (r"Smith \& Sons", "Smith & Sons"),
        (r"100\% \$5 \#1 a\_b", "100% $5 #1 a_b"),
        (r"{NATO} and {R}ussia", "NATO and Russia"),
        (r"Garc\'{\i}a", "García"),
        (r"Stra\ss e", "Straße"),
        (r"{\O}rsted and {\aa}ngstr{\"o}m", "Ørsted and ångström"),
        (r"\v{S}koda Erd\H{o}s", "Škoda Erdős"),
        (r"{\L}ukasiewicz", "Łukasiewicz"),
        (r"\emph{Hello} \textbf{World}", "Hello World"),
        (r"``quoted''", "“quoted”"),
        (r"\textendash\ and \ldots", "– and …"),
        ("two\n   lines", "two lines"),
        (r"$\alpha$-helix", "α-helix"),
        ("plain ascii", "plain ascii"),
        (r"\href{http://x.org}{Link text}", "Link text"),
        (r"\noopsort{a}Zed", "Zed"),
        (r"\textquotedblleft x\textquotedblright", "“x”"),
        (r"\LaTeX{} rules", "LaTeX rules"),
        (r"C\#{} and 50\{\}", "C# and 50{}"),
        (r"\ss{} x, \ss x, \textasciitilde{} y, \ldots z", "ß x, ßx, ~ y, …z"),  # {} ends the word
        (r"Title\\Subtitle", "Title Subtitle"),  # a line break, not the command \Subtitle
        (r"x\\y \\ z", "x y z"),
    ],
)
def test_decode(latex: str, text: str) -> None:
    assert decode(latex) == text


def test_decode_unknown_macro_falls_back_without_backslashes() -> None:
    out = decode(r"\foo{bar} baz")
    assert "bar" in out and "baz" in out and "\\" not in out


def test_decode_malformed_never_raises() -> None:
    for text in ["{unbalanced", "}", r"\'", "\\", "$x", r"\c"]:
        assert isinstance(decode(text), str)


@pytest.mark.parametrize(
    ("text", "latex"),
    [
        ("Müller", r"M{\"u}ller"),
        ("Ørsted", r"{\O}rsted"),
        ("François", r"Fran{\c{c}}ois"),
        ("naïve", r"na{\"\i}ve"),
        ("Dvořák", r"Dvo{\v{r}}{\'a}k"),
        ("1–10 — “q”", "1--10 --- ``q''"),
        ("Straße", r"Stra{\ss}e"),
        ("a–-b —–", "a{--}-b ---{--}"),  # dashes that would run together
        ("ß 1 ¶ 2", r"{\ss} 1 \P{} 2"),
    ],
)
def test_to_ascii(text: str, latex: str) -> None:
    out = to_ascii(text)
    assert out == latex
    assert out.isascii()
    assert decode(out) == text


def test_escape_specials() -> None:
    assert escape("AT&T 100% #1 a_b $5") == r"AT\&T 100\% \#1 a\_b \$5"
    assert escape("a\u00a0b") == "a~b"
    assert decode(escape("50% of {x} & ~")) == "50% of {x} & ~"


def test_protected_phrases() -> None:
    raw = r"The {NATO} and {New York} {\"U}ber {R}ussia: {EU}-{US} {GPU}s"
    assert protected_phrases(raw) == ["NATO", "New York", "Russia", "EU", "US", "GPUs"]
    assert protected_phrases("no braces here") == []


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"Cu$_2$O", "Cu₂O"),  # Unicode subscripts where they exist
        (r"Ga$^{2+}$ and $10^{-3}$", "Ga²⁺ and 10⁻³"),
        (r"In$_{0.5}$Ga", "In0.5Ga"),  # no subscript ".": readable text, nothing lost
        (r"InGaN$\slash$GaN", "InGaN/GaN"),
        (r"the $\overline{1}$ direction", "the 1\u0305 direction"),
        (r"\(\lambda\)-calculus", "λ-calculus"),
        (r"\={1}", "1\u0304"),
        (r"$\frac{1}{2}$ and $\frac{a}{b}$", "½ and a/b"),
        (r"$\mathrm{H}_2\mathrm{O}$ at $\geq 5$ K", "H₂O at ≥ 5 K"),
        (r"\mkbibquote{Quoted} and \enquote{this}", "“Quoted” and “this”"),
        (r"{\u \i}", "ĭ"),
        (r"G\i\^rgel", "Gır̂gel"),  # \i then \^r: the accent does not run into \i
        (r"co\hyphen op", "co-op"),
        (r"H\textsubscript{2}O and x\textsuperscript{n}", "H₂O and xⁿ"),
    ],
)
def test_decode_math_and_biblatex_commands(latex: str, text: str) -> None:
    assert decode(latex) == text
