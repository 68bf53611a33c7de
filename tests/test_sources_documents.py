"""PDF and Word documents: layout, links, footnotes, and the documents refs cannot read."""

from __future__ import annotations

import io as stdio
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from refs import io
from refs.cli.main import cli
from refs.sources import SourceError, docx, pdf

DATA = Path(__file__).resolve().parent / "data" / "sources"
FONTS = Path("/usr/share/fonts/truetype/dejavu")
sys.path.insert(0, str(DATA))


# -- PDF ---------------------------------------------------------------------------------------

def test_pdf_drops_running_header_footer_and_page_numbers():
    text = "\n".join(b.text for b in pdf.blocks((DATA / "nato.pdf").read_bytes()))
    assert "POLS 345" not in text and "Page 1" not in text and "Page 2" not in text


def test_pdf_joins_hanging_indents_across_columns_and_undoes_hyphenation():
    blocks = pdf.blocks((DATA / "nato.pdf").read_bytes())
    items = [b for b in blocks if b.kind == "item"]
    ratti = next(b for b in items if b.text.startswith("Ratti"))  # from the first column to the second
    assert ratti.text == ('Ratti, Luca. "Back to the future? International relations theory and NATO-Russia '
                          'relations since the end of the Cold War." International Journal 64.2 (2009): '
                          '399-422.')
    goldgeier = next(b for b in items if "Itzkowitz" in b.text)
    assert "scholarly debates" in goldgeier.text  # "schola-" + "rly" at a line end
    holas = next(b for b in items if b.text.startswith("Holas"))
    assert "Post-Communist Studies" in holas.text  # a hyphen that belongs to the word stays
    order = [b.text.split(",")[0] for b in items[3:]]
    assert order[-4:] == ["Tsygankov", "Unverdi", "Vancouver", "Wohlforth"]  # left column, then right


def test_pdf_links_and_italics():
    blocks = pdf.blocks((DATA / "nato.pdf").read_bytes())
    casis = next(b for b in blocks if b.text.startswith("Vancouver"))
    assert [(lk.text, lk.url.split("/")[2]) for lk in casis.links] == [
        ("online", "journals.lib.sfu.ca"), ("Αρχειοθετήθηκε", "web.archive.org")]
    talbott = next(b for b in blocks if b.text.startswith("Talbott, Strobe. The"))
    start, end = talbott.italics[0]
    assert talbott.text[start:end] == "The Russia Hand: A memoir of Presidential Diplomacy"


def _fpdf():
    fpdf = pytest.importorskip("fpdf")
    if not (FONTS / "DejaVuSerif.ttf").is_file():
        pytest.skip("DejaVu fonts not installed")
    doc = fpdf.FPDF()
    doc.add_font("serif", "", str(FONTS / "DejaVuSerif.ttf"))
    doc.set_font("serif", "", 10)
    return doc


def test_a_generated_two_column_page_of_flush_entries():
    doc = _fpdf()
    doc.add_page()
    left = ["Smith, John. First Book. Penguin, 2001.", "Jones, Mary. Second Book. OUP, 2002."]
    right = ["Brown, Anne. Third Thoughts. Seuil, 2003.", "Green, Tom. Fourth Way. Suhrkamp, 2004."]
    for i, (a, b) in enumerate(zip(left * 2, right * 2, strict=True)):
        doc.text(15, 30 + i * 8, a)  # the columns' lines side by side, a gutter between them
        doc.text(110, 30 + i * 8, b)
    library, _ = io.load_bytes(bytes(doc.output()), "pdf", source="two.pdf")
    years = [r.year for r in library.records]
    assert years == [2001, 2002, 2001, 2002, 2003, 2004, 2003, 2004]


def test_an_encrypted_pdf_is_a_one_line_error(tmp_path):
    doc = _fpdf()
    doc.add_page()
    doc.text(20, 20, "Smith, John. The First Book. London: Penguin, 2001.")
    doc.set_encryption(owner_password="owner", user_password="secret")
    path = tmp_path / "locked.pdf"
    path.write_bytes(bytes(doc.output()))
    with pytest.raises(SourceError, match="encrypted"):
        pdf.blocks(path.read_bytes())
    result = CliRunner().invoke(cli, ["parse", str(path)])
    assert result.exit_code == 2 and "encrypted" in result.output and "Traceback" not in result.output


def test_a_scanned_pdf_without_text_is_a_one_line_error(tmp_path):
    doc = _fpdf()
    doc.add_page()
    doc.rect(20, 20, 100, 40, style="F")  # an image of a page: no text layer
    path = tmp_path / "scan.pdf"
    path.write_bytes(bytes(doc.output()))
    result = CliRunner().invoke(cli, ["parse", str(path)])
    assert result.exit_code == 2 and "no text layer" in result.output


def test_a_broken_pdf_is_a_one_line_error(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ntruncated")
    result = CliRunner().invoke(cli, ["parse", str(path)])
    assert result.exit_code == 2 and "broken.pdf" not in result.output or "PDF" in result.output
    assert "Traceback" not in result.output


# -- Word ---------------------------------------------------------------------------------------

def test_docx_footnotes_follow_the_paragraph_citing_them():
    blocks = docx.blocks((DATA / "nato.docx").read_bytes())
    assert [b.where for b in blocks[1:4]] == ["footnote 1", "footnote 2", "footnote 3"]
    assert blocks[1].text == "Ronald D. Azmus, Opening NATO's Door (2002) p. 210."
    assert blocks[1].text[slice(*blocks[1].italics[0])] == "Opening NATO's Door"


def test_docx_hyperlinks_and_sections():
    blocks = docx.blocks((DATA / "nato.docx").read_bytes())
    asmus = next(b for b in blocks if b.text.startswith("Asmus, Ronald. Opening"))
    assert [(lk.text, lk.url) for lk in asmus.links] == [
        ("excerpt", "https://archive.org/details/openingnatosdoor00asmu")]
    assert asmus.where == "section Περαιτέρω ανάγνωση"
    assert not any(b.text == "Σχέσεις ΝΑΤΟ-Ρωσίας" for b in blocks)  # the heading names, it is no block


def test_docx_hyperlink_fields_and_endnotes():
    import docx as python_docx
    from docx.oxml import parse_xml

    document = python_docx.Document()
    p = document.add_paragraph("Smith, John. The First Book. London: Penguin, 2001. ")
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    for xml in (f'<w:r {w}><w:fldChar w:fldCharType="begin"/></w:r>',
                f'<w:r {w}><w:instrText xml:space="preserve"> HYPERLINK "https://example.org/first" '
                '</w:instrText></w:r>',
                f'<w:r {w}><w:fldChar w:fldCharType="separate"/></w:r>',
                f'<w:r {w}><w:t>online</w:t></w:r>',
                f'<w:r {w}><w:fldChar w:fldCharType="end"/></w:r>'):
        p._p.append(parse_xml(xml))
    buf = stdio.BytesIO()
    document.save(buf)
    library, _ = io.load_bytes(buf.getvalue(), source="fields.docx")
    (rec,) = library.records
    assert rec.csl["URL"] == "https://example.org/first"


@pytest.mark.parametrize("content", [b"PK\x03\x04 not really a zip", b"plain bytes", b""])
def test_a_corrupt_docx_is_a_one_line_error(tmp_path, content):
    path = tmp_path / "broken.docx"
    path.write_bytes(content)
    result = CliRunner().invoke(cli, ["parse", str(path)])
    assert result.exit_code == 2, result.output
    assert "not a readable Word document" in result.output and "Traceback" not in result.output


def test_a_zip_that_is_not_a_word_file(tmp_path):
    buf = stdio.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(SourceError):
        docx.blocks(buf.getvalue())


def test_documents_are_detected_by_signature_without_an_extension(tmp_path):
    for name in ("nato.pdf", "nato.docx"):
        blob = tmp_path / name.replace(".", "_")
        blob.write_bytes((DATA / name).read_bytes())
        library, _ = io.read(blob)
        assert len(library.records) == 27 and library.format == name.split(".")[1]


def test_fixtures_can_be_regenerated(tmp_path):
    """make_fixtures.py writes the PDF and the Word file the tests read (fpdf2, python-docx)."""
    import make_fixtures

    _fpdf()
    make_fixtures.make_pdf(tmp_path / "nato.pdf")
    make_fixtures.make_docx(tmp_path / "nato.docx")
    for name in ("nato.pdf", "nato.docx"):
        library, report = io.read(tmp_path / name)
        assert len(library.records) == 27, name


def test_a_flush_left_list_without_gaps_is_split_where_lines_end_short():
    """No hanging indent, no space between entries, justified prose above: a wrapped line
    is full, so a line that ends short ends its entry."""
    import json

    doc = _fpdf()
    doc.add_page()
    seed = (DATA.parents[2] / "nato_refs" / "nato-russia-relations.el.txt").read_text("utf-8").splitlines()
    for para in seed[:3]:
        doc.set_x(10)
        doc.multi_cell(190, 5, para, align="J")
        doc.ln(3)
    for line in seed[9:36]:
        doc.set_x(10)
        doc.multi_cell(190, 5, line, align="L")
    library, _ = io.load_bytes(bytes(doc.output()), "pdf")
    golden = json.loads((DATA.parent / "parse" / "nato_expected.json").read_text("utf-8"))
    assert [r.id for r in library.records] == [g["id"] for g in golden]


def test_docx_entries_typed_on_lines_of_one_paragraph():
    import docx as python_docx

    document = python_docx.Document()
    p = document.add_paragraph()
    for k, entry in enumerate(["Smith, John. The First Book. London: Penguin, 2001.",
                               "Jones, Mary. A Second Book. Oxford: OUP, 2002."]):
        run = p.add_run(entry)
        if k == 0:
            run.add_break()
    buf = stdio.BytesIO()
    document.save(buf)
    library, _ = io.load_bytes(buf.getvalue(), "docx")
    assert [r.year for r in library.records] == [2001, 2002]
