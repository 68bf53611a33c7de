"""CSL-JSON items → Zotero Web API v3 item JSON, without asking the server.

Why a local table: the API's ``/items/new?itemType=...`` templates (what pyzotero's
``item_template`` fetches) need the network, and a push should be able to validate
and show what it will send before it sends anything. The tables below are transcribed
from Zotero's own ``schema.json`` (item types, their fields with ``baseField``
aliases, creator types, and the ``csl`` section that maps CSL types and variables to
Zotero's). Where Zotero has no field for a CSL variable on a given item type, the value
goes to ``extra`` as a ``variable: value`` line, which is how Zotero itself keeps CSL
variables it has no field for (and reads them back when it exports CSL), so nothing
refs knows is lost on the way in.
"""

from __future__ import annotations

import html
import re
from typing import Any

from refs.model import (
    ARCHIVE_DATE,
    ARCHIVE_URL,
    CUSTOM,
    NAME_VARIABLES,
    URL_STATUS,
    Record,
    name_text,
)

#: Fields every regular item type has in addition to those listed per type.
_COMMON = "title abstractNote date language shortTitle url accessDate rights extra"
_LIBRARY = "archive archiveLocation libraryCatalog callNumber"

#: itemType -> its fields (``field=baseField`` where Zotero names a base-field alias).
_FIELDS: dict[str, str] = {
    "artwork": f"artworkMedium=medium artworkSize {_LIBRARY}",
    "audioRecording": f"audioRecordingFormat=medium seriesTitle volume numberOfVolumes place "
                      f"label=publisher runningTime ISBN {_LIBRARY}",
    "bill": "billNumber=number code codeVolume=volume section codePages=pages legislativeBody "
            "session history",
    "blogPost": "blogTitle=publicationTitle websiteType=type",
    "book": f"series seriesNumber volume numberOfVolumes edition place publisher numPages ISBN {_LIBRARY}",
    "bookSection": f"bookTitle=publicationTitle series seriesNumber volume numberOfVolumes edition "
                   f"place publisher pages ISBN {_LIBRARY}",
    "case": "caseName=title court=authority dateDecided=date docketNumber=number reporter "
            "reporterVolume=volume firstPage=pages history",
    "computerProgram": f"seriesTitle versionNumber system place company=publisher "
                       f"programmingLanguage ISBN {_LIBRARY}",
    "conferencePaper": f"proceedingsTitle=publicationTitle conferenceName place publisher volume "
                       f"pages series DOI ISBN {_LIBRARY}",
    "dataset": f"identifier=number type versionNumber repository=publisher "
               f"repositoryLocation=place format=medium DOI {_LIBRARY}",
    "dictionaryEntry": f"dictionaryTitle=publicationTitle series seriesNumber volume numberOfVolumes "
                       f"edition place publisher pages ISBN {_LIBRARY}",
    "document": f"publisher {_LIBRARY}",
    "email": "subject=title",
    "encyclopediaArticle": f"encyclopediaTitle=publicationTitle series seriesNumber volume "
                           f"numberOfVolumes edition place publisher pages ISBN {_LIBRARY}",
    "film": f"distributor=publisher genre=type videoRecordingFormat=medium runningTime {_LIBRARY}",
    "forumPost": "forumTitle=publicationTitle postType=type",
    "hearing": "committee place publisher numberOfVolumes documentNumber=number pages "
               "legislativeBody=authority session history",
    "instantMessage": "",
    "interview": f"interviewMedium=medium {_LIBRARY}",
    "journalArticle": f"publicationTitle volume issue pages series seriesTitle seriesText "
                      f"journalAbbreviation DOI ISSN {_LIBRARY}",
    "letter": f"letterType=type {_LIBRARY}",
    "magazineArticle": f"publicationTitle volume issue pages ISSN {_LIBRARY}",
    "manuscript": f"manuscriptType=type place numPages {_LIBRARY}",
    "map": f"mapType=type scale seriesTitle edition place publisher ISBN {_LIBRARY}",
    "newspaperArticle": f"publicationTitle place edition section pages ISSN {_LIBRARY}",
    "patent": "place country assignee issuingAuthority=authority patentNumber=number filingDate "
              "pages applicationNumber priorityNumbers issueDate=date references "
              "legalStatus=status",
    "podcast": "seriesTitle episodeNumber=number audioFileType=medium runningTime",
    "preprint": f"genre=type repository=publisher archiveID=number place series seriesNumber DOI "
                f"{_LIBRARY}",
    "presentation": "presentationType=type place meetingName",
    "radioBroadcast": f"programTitle=publicationTitle episodeNumber=number "
                      f"audioRecordingFormat=medium place network=publisher runningTime {_LIBRARY}",
    "report": f"reportNumber=number reportType=type seriesTitle place institution=publisher pages "
              f"{_LIBRARY}",
    "standard": f"organization=authority committee type number versionNumber status publisher "
                f"place DOI numPages {_LIBRARY}",
    "statute": "nameOfAct=title code codeNumber publicLawNumber=number dateEnacted=date pages "
               "section session history",
    "thesis": f"thesisType=type university=publisher place numPages {_LIBRARY}",
    "tvBroadcast": f"programTitle=publicationTitle episodeNumber=number videoRecordingFormat=medium "
                   f"place network=publisher runningTime {_LIBRARY}",
    "videoRecording": f"videoRecordingFormat=medium seriesTitle volume numberOfVolumes place "
                      f"studio=publisher runningTime ISBN {_LIBRARY}",
    "webpage": "websiteTitle=publicationTitle websiteType=type",
}

#: itemType -> creator types, the primary one first.
_CREATORS: dict[str, str] = {
    "artwork": "artist contributor",
    "audioRecording": "performer contributor composer wordsBy",
    "bill": "sponsor cosponsor contributor",
    "blogPost": "author commenter contributor",
    "book": "author contributor editor translator seriesEditor",
    "bookSection": "author contributor editor bookAuthor translator seriesEditor",
    "case": "author counsel contributor",
    "computerProgram": "programmer contributor",
    "conferencePaper": "author contributor editor translator seriesEditor",
    "dataset": "author contributor",
    "dictionaryEntry": "author contributor editor translator seriesEditor",
    "document": "author contributor editor translator reviewedAuthor",
    "email": "author contributor recipient",
    "encyclopediaArticle": "author contributor editor translator seriesEditor",
    "film": "director contributor scriptwriter producer",
    "forumPost": "author contributor",
    "hearing": "contributor",
    "instantMessage": "author contributor recipient",
    "interview": "interviewee contributor interviewer translator",
    "journalArticle": "author contributor editor translator reviewedAuthor",
    "letter": "author contributor recipient",
    "magazineArticle": "author contributor translator reviewedAuthor",
    "manuscript": "author contributor translator",
    "map": "cartographer contributor seriesEditor",
    "newspaperArticle": "author contributor translator reviewedAuthor",
    "patent": "inventor attorneyAgent contributor",
    "podcast": "podcaster contributor guest",
    "preprint": "author contributor editor translator reviewedAuthor",
    "presentation": "presenter contributor",
    "radioBroadcast": "director scriptwriter producer castMember contributor guest",
    "report": "author contributor translator seriesEditor",
    "standard": "author contributor",
    "statute": "author contributor",
    "thesis": "author contributor",
    "tvBroadcast": "director scriptwriter producer castMember contributor guest",
    "videoRecording": "director scriptwriter producer castMember contributor",
    "webpage": "author contributor translator",
}


def _parse_fields(spec: str) -> tuple[tuple[str, ...], dict[str, str]]:
    fields: list[str] = []
    base: dict[str, str] = {}
    for token in (_COMMON + " " + spec).split():
        name, _, base_name = token.partition("=")
        if base_name:
            base[base_name] = name
            if base_name in fields:  # e.g. caseName replaces title
                fields.remove(base_name)
        if name not in fields:
            fields.append(name)
    return tuple(fields), base


#: itemType -> (valid field names, {baseField: type-specific field})
ITEM_TYPES: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {
    t: _parse_fields(spec) for t, spec in _FIELDS.items()
}
CREATOR_TYPES: dict[str, tuple[str, ...]] = {t: tuple(s.split()) for t, s in _CREATORS.items()}

#: CSL type -> Zotero item type (Zotero's ``csl.types``, first choice; plus the CSL 1.0.2
#: types Zotero maps through other names).
CSL_TYPES: dict[str, str] = {
    "article": "preprint",
    "article-journal": "journalArticle",
    "article-magazine": "magazineArticle",
    "article-newspaper": "newspaperArticle",
    "bill": "bill",
    "book": "book",
    "broadcast": "tvBroadcast",
    "chapter": "bookSection",
    "classic": "book",
    "collection": "book",
    "dataset": "dataset",
    "document": "document",
    "entry": "encyclopediaArticle",
    "entry-dictionary": "dictionaryEntry",
    "entry-encyclopedia": "encyclopediaArticle",
    "event": "presentation",
    "figure": "artwork",
    "graphic": "artwork",
    "hearing": "hearing",
    "interview": "interview",
    "legal_case": "case",
    "legislation": "statute",
    "manuscript": "manuscript",
    "map": "map",
    "motion_picture": "film",
    "musical_score": "audioRecording",
    "pamphlet": "book",
    "paper-conference": "conferencePaper",
    "patent": "patent",
    "performance": "presentation",
    "periodical": "journalArticle",
    "personal_communication": "letter",
    "post": "forumPost",
    "post-weblog": "blogPost",
    "regulation": "statute",
    "report": "report",
    "review": "journalArticle",
    "review-book": "journalArticle",
    "software": "computerProgram",
    "song": "audioRecording",
    "speech": "presentation",
    "standard": "standard",
    "thesis": "thesis",
    "treaty": "document",
    "webpage": "webpage",
}

#: CSL text variable -> Zotero (base) fields to try in order (Zotero's ``csl.fields.text``).
CSL_TEXT: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "abstract": ("abstractNote",),
    "archive": ("archive",),
    "archive_location": ("archiveLocation",),
    "authority": ("authority", "legislativeBody"),
    "call-number": ("callNumber", "applicationNumber"),
    "chapter-number": ("session",),
    "collection-number": ("seriesNumber",),
    "collection-title": ("seriesTitle", "series"),
    "container-title": ("publicationTitle", "reporter", "code"),
    "container-title-short": ("journalAbbreviation",),
    "journalAbbreviation": ("journalAbbreviation",),
    "dimensions": ("artworkSize", "runningTime"),
    "DOI": ("DOI",),
    "edition": ("edition",),
    "publisher-place": ("place",),
    "event-place": ("place",),
    "event-title": ("meetingName", "conferenceName"),
    "event": ("meetingName", "conferenceName"),
    "genre": ("type", "programmingLanguage"),
    "ISBN": ("ISBN",),
    "ISSN": ("ISSN",),
    "issue": ("issue", "priorityNumbers"),
    "language": ("language",),
    "license": ("rights",),
    "medium": ("medium", "system"),
    "number": ("number",),
    "number-of-pages": ("numPages",),
    "number-of-volumes": ("numberOfVolumes",),
    "page": ("pages",),
    "publisher": ("publisher",),
    "references": ("history", "references"),
    "scale": ("scale",),
    "section": ("section", "committee"),
    "title-short": ("shortTitle",),
    "shortTitle": ("shortTitle",),
    "source": ("libraryCatalog",),
    "status": ("status",),
    "URL": ("url",),
    "version": ("versionNumber",),
    "volume": ("volume", "codeNumber"),
}

#: CSL date variable -> Zotero (base) field.
CSL_DATES: dict[str, str] = {"issued": "date", "accessed": "accessDate", "submitted": "filingDate"}

#: CSL name variable -> Zotero creator type (Zotero's ``csl.names``, reversed).
CSL_NAMES: dict[str, str] = {
    "author": "author",
    "container-author": "bookAuthor",
    "performer": "castMember",
    "composer": "composer",
    "contributor": "contributor",
    "director": "director",
    "editor": "editor",
    "guest": "guest",
    "interviewer": "interviewer",
    "producer": "producer",
    "recipient": "recipient",
    "reviewed-author": "reviewedAuthor",
    "collection-editor": "seriesEditor",
    "script-writer": "scriptwriter",
    "translator": "translator",
}

#: Variables handled outside the tables (tags, notes, the record id).
_SPECIAL = {"keyword", "annote", "note", CUSTOM, "citation-key", "id", "type"}


def zotero_type(csl_type: str) -> str:
    """The Zotero item type for a CSL type (``document`` when Zotero has nothing closer)."""
    return CSL_TYPES.get(csl_type, "document")


def resolve_field(item_type: str, base: str) -> str | None:
    """The field of ``item_type`` that holds base field ``base`` (``publicationTitle`` is
    ``bookTitle`` on a book section), or None when the type has no such field."""
    fields, bases = ITEM_TYPES[item_type]
    if base in bases:
        return bases[base]
    return base if base in fields else None


def date_text(value: Any, *, iso_only: bool = False) -> str:
    """A CSL date object as Zotero date text: ``2002``, ``2002-05``, ``2002-05-14``, a range as
    ``2001/2002``; ``raw``/``literal`` as written. ``iso_only``: only full ``YYYY-MM-DD``
    (what ``accessDate`` accepts), else ''."""
    if not isinstance(value, dict):
        return str(value or "")
    parts = value.get("date-parts") or []
    texts = []
    for part in parts[:2]:
        bits = [str(p) for p in part if p not in (None, "")]
        if not bits:
            continue
        text = bits[0]
        if len(bits) > 1:
            text += "-" + bits[1].zfill(2)
        if len(bits) > 2:
            text += "-" + bits[2].zfill(2)
        texts.append(text)
    text = "/".join(texts) if texts else str(value.get("raw") or value.get("literal") or "")
    if iso_only:
        return text if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else ""
    return text


def creator(name: dict[str, str], creator_type: str) -> dict[str, str]:
    """A CSL name as a Zotero creator: two-field (first/last) or single-field ``name``.

    Zotero has no particle or suffix fields: the non-dropping particle goes in front of
    the family name ("van Gogh"), the dropping particle and suffix after the given name,
    which is how Zotero's own CSL import folds them."""
    if name.get("literal") or not (name.get("family") or name.get("given")):
        return {"creatorType": creator_type, "name": name.get("literal") or name_text(name)}
    last = " ".join(b for b in (name.get("non-dropping-particle"), name.get("family")) if b)
    first = " ".join(b for b in (name.get("given"), name.get("dropping-particle")) if b)
    if name.get("suffix"):
        first = f"{first}, {name['suffix']}" if first else name["suffix"]
    if not last:
        return {"creatorType": creator_type, "name": first}
    return {"creatorType": creator_type, "firstName": first, "lastName": last}


def _flat(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "; ".join(_flat(v) for v in value)
    if isinstance(value, dict):
        if "date-parts" in value or "raw" in value or "literal" in value:
            return date_text(value)
        return "; ".join(f"{k}={_flat(v)}" for k, v in value.items())
    return str(value)


def to_zotero(record: Record, collections: list[str] | None = None) -> tuple[dict[str, Any], list[str]]:
    """A record as a Zotero API item dict, and the notes to attach as child notes.

    Every CSL variable ends up somewhere Zotero keeps: in its field when the item type has
    one, else as a ``variable: value`` line in ``extra``; ``keyword`` becomes tags;
    ``annote`` becomes a child note (returned separately: notes are created after the
    item, with its key as ``parentItem``)."""
    item_type = zotero_type(record.type)
    fields, _ = ITEM_TYPES[item_type]
    item: dict[str, Any] = {"itemType": item_type}
    extra: list[str] = []
    csl = record.csl

    def put(zfield: str | None, value: str, var: str) -> None:
        if not value:
            return
        if zfield and zfield in fields and not item.get(zfield):
            item[zfield] = value
        else:
            extra.append(f"{var}: {value}")

    for var, value in csl.items():
        if var in _SPECIAL or var in CSL_NAMES or value in (None, "", []):
            continue
        if var in CSL_DATES:
            base = CSL_DATES[var]
            text = date_text(value, iso_only=(base == "accessDate"))
            target = resolve_field(item_type, base)
            if base == "accessDate" and not text:
                put(None, date_text(value), var)
            else:
                put(target, text, var)
            continue
        if isinstance(value, dict) and "date-parts" in value:  # other dates: original-date...
            put(None, date_text(value), var)
            continue
        targets = CSL_TEXT.get(var, ())
        zfield = next((f for f in (resolve_field(item_type, b) for b in targets) if f and not item.get(f)),
                      None)
        put(zfield, _flat(value), var)

    creators: list[dict[str, str]] = []
    allowed = CREATOR_TYPES[item_type]
    for var, ctype in CSL_NAMES.items():
        for name in csl.get(var) or []:
            if not isinstance(name, dict):
                continue
            zt = ctype
            if var == "author":
                zt = allowed[0]
            elif zt not in allowed:
                zt = "contributor"
            creators.append(creator(name, zt))
    # Names CSL has but the tables above don't (e.g. illustrator): contributors, noted.
    for var in NAME_VARIABLES:
        if var in CSL_NAMES:
            continue
        for name in csl.get(var) or []:
            if isinstance(name, dict):
                creators.append(creator(name, "contributor"))
                extra.append(f"{var}: {name_text(name)}")
    if creators:
        item["creators"] = creators

    keywords = csl.get("keyword")
    if keywords:
        words = keywords if isinstance(keywords, list) else str(keywords).split(",")
        item["tags"] = [{"tag": w.strip()} for w in words if str(w).strip()]

    custom = csl.get(CUSTOM) or {}
    for key in (ARCHIVE_URL, ARCHIVE_DATE, URL_STATUS):
        if custom.get(key):
            extra.append(f"{key}: {custom[key]}")
    for key, value in custom.items():
        if key not in (ARCHIVE_URL, ARCHIVE_DATE, URL_STATUS) and value not in (None, "", []):
            extra.append(f"{key}: {_flat(value)}")

    note_text = str(csl.get("note") or "").strip()
    lines = [note_text] if note_text else []
    if record.id:
        lines.append(f"Citation Key: {record.id}")
    lines.extend(extra)
    if lines:
        item["extra"] = "\n".join(lines)
    if collections:
        item["collections"] = list(collections)

    notes: list[str] = []
    annote = csl.get("annote")
    if annote:
        notes.extend(annote if isinstance(annote, list) else [str(annote)])
    return item, notes


def note_item(text: str, parent_key: str) -> dict[str, Any]:
    """A child note for ``parent_key`` (Zotero notes are HTML)."""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n") if p.strip())
    return {"itemType": "note", "note": body or html.escape(text), "parentItem": parent_key, "tags": []}


def validate(item: dict[str, Any]) -> list[str]:
    """Problems the API would answer with 400 for this item (an empty list when none)."""
    problems = []
    item_type = item.get("itemType", "")
    if item_type == "note":
        return problems
    if item_type not in ITEM_TYPES:
        return [f"unknown item type {item_type!r}"]
    fields, _ = ITEM_TYPES[item_type]
    known = set(fields) | {"itemType", "creators", "tags", "collections", "relations", "extra"}
    for key in item:
        if key not in known:
            problems.append(f"{key!r} is not a valid field for type {item_type!r}")
    allowed = set(CREATOR_TYPES[item_type])
    for c in item.get("creators", []):
        if c.get("creatorType") not in allowed:
            problems.append(f"{c.get('creatorType')!r} is not a valid creator type for {item_type!r}")
    return problems
