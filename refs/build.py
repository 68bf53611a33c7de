"""``refs build``: the whole pipeline in one call, from a reading list to every output.

    read/parse → enrich → dedup → render → export → link report

Each stage is the library function other commands use; this module only strings them
together, writes the files and collects the stage reports into one ``report.json``.
Why it is more than a loop over stages:

* **A bad record never stops the run.** Stages report per-record problems themselves;
  if a stage or a writer raises anyway, the build keeps the records as they were before
  that stage (or isolates the record that breaks a writer or the renderer, leaves it out
  of that one output, and names it in the report) and goes on.
* **No network is a normal condition.** ``offline`` serves enrichment from the cache a
  user made earlier and skips the link check; without ``offline``, a dead network is
  detected by the first requests and turned into one notice, and links are reported as
  ``unknown``. Every other output is produced either way.
* **Outputs are reproducible**: no timestamps or timings go into the files, so a
  rebuild of the same input gives the same bytes and a committed ``nato_refs/`` only
  changes when the data does.
"""

from __future__ import annotations

import html
import json
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from refs import io, keys
from refs.io import atomic
from refs.model import Library, Record, Report
from refs.parse.confidence import low_confidence

DEFAULT_STYLES = ("apa", "chicago-author-date")
DEFAULT_LOCALES = ("en-US", "el-GR")
#: render format name -> file extension
RENDER_FORMATS = {"text": "txt", "html": "html", "markdown": "md"}
#: export format -> file name
EXPORTS = {"bibtex": "references.bib", "csl-json": "references.json", "ris": "references.ris",
           "wikitext": "references.wiki"}


@dataclass
class BuildConfig:
    """What to build. ``enrich_config`` / ``link_config`` are passed to those stages
    (``None``: their defaults, with ``offline`` applied). ``progress`` is told each
    stage's name as it starts (the CLI prints it)."""

    out: Path
    styles: Sequence[str] = DEFAULT_STYLES
    locales: Sequence[str] = DEFAULT_LOCALES
    offline: bool = False
    enrich: bool = True
    check_links: bool = True
    enrich_config: Any = None
    link_config: Any = None
    progress: Callable[[str], None] | None = None
    #: a corrections file (see refs.review.corrections); None: OUT/corrections.yaml if present
    corrections: Path | None = None
    #: the source's format when its extension or content should not decide (``--from``)
    source_format: str | None = None


@dataclass
class BuildResult:
    """What a build produced: the final records, the files written, the one-line notices
    a user should see, and the full report (also written as ``report.json``)."""

    records: list[Record]
    files: list[Path] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    report: dict[str, Any] = field(default_factory=dict)
    failed: bool = False  # a stage or an output could not be produced (in full)
    skipped: int = 0  # input entries the reader/parser could not use
    #: the entries rendered in the first style and locale (for report.html)
    entries: list[Any] = field(default_factory=list)


def output_name(style: str, locale: str, fmt: str) -> str:
    """``references.apa.en-US.txt``: style, locale and format all in the name."""
    return f"references.{style}.{locale}.{RENDER_FORMATS[fmt]}"


def _stage_error(report: dict[str, Any], stage: str, exc: BaseException) -> str:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    text = f"{stage} failed: {type(exc).__name__}: {exc}"
    report.setdefault("errors", []).append(
        {"stage": stage, "error": f"{type(exc).__name__}: {exc}",
         "where": f"{Path(where.filename).name}:{where.lineno}" if where else ""})
    return text


def _summary(rep: Report) -> dict[str, Any]:
    data = rep.to_dict()
    data.pop("stage", None)
    return data


#: the documents a build folder may hold besides plain text (preferred: they keep the links)
DOCUMENTS = (".html", ".htm", ".wiki", ".wikitext", ".mediawiki", ".docx", ".pdf")
INPUTS = (".txt", ".bib", ".json", ".ris") + DOCUMENTS
#: the metadata of a fetched source kept next to the outputs (see refs.sources.url.save)
SAVED = ".source.json"


def find_source(folder: str | Path) -> Path:
    """The one input file in ``folder`` (so ``refs build nato_refs/`` works): a .txt, .bib,
    .json, .ris, .html, .wiki, .pdf or .docx file that is not one of the build's own
    outputs. A document (web page, wikitext, PDF, Word) is preferred over plain-text
    copies of it (it has the links). ``ValueError`` when there is none or more than one."""
    folder = Path(folder)
    outputs = set(EXPORTS.values()) | {"report.json", "report.html"}
    found = sorted(p for p in folder.iterdir()
                   if p.is_file() and p.suffix.lower() in INPUTS
                   and p.name not in outputs and not p.name.startswith(("references.", ".", "source.")))
    documents = [p for p in found if p.suffix.lower() in DOCUMENTS]
    if len(documents) == 1 and all(p.suffix.lower() in DOCUMENTS + (".txt",) for p in found):
        return documents[0]
    if len(found) != 1:
        what = ", ".join(p.name for p in found) if found else "none"
        raise ValueError(f"{folder}: expected one input file ({', '.join(INPUTS)}) besides the build "
                         f"outputs, found {what}; name the file instead")
    return found[0]


def read_source(source: str | Path, fmt: str | None = None) -> tuple[Library, Report]:
    """Read SOURCE: a free-text reading list (parsed), a document (web page, wikitext,
    PDF, Word: its references found and parsed), or .bib / CSL-JSON / .ris."""
    library, report = io.read(source, fmt)
    keys.assign_keys(library.records)
    return library, report


def read_url(url: str, config: BuildConfig, out: Path, result: BuildResult) -> tuple[Library, Report]:
    """Fetch the document at ``url``, keep it in ``out`` (``source.html``, ``source.wiki``,
    ``source.pdf``, … and ``.source.json``) and read it. Offline, or when the network
    fails, the copy an earlier build kept is read instead (with a notice); without one,
    :class:`refs.net.NetworkUnavailable` is raised."""
    from refs.net import NetworkUnavailable, RequestFailed
    from refs.sources import url as url_source

    saved = url_source.read_saved(out, url)
    if config.offline:
        if saved is None:
            raise NetworkUnavailable(f"offline, and no copy of {url} kept in {out} by an earlier build")
        fetched = saved
        result.notices.append(f"offline: read the copy of the page kept in {out}")
    else:
        try:
            fetched = url_source.fetch(url)
            if config.source_format and fetched.kind != "mediawiki":
                fetched.kind = io.readable(config.source_format)
        except (NetworkUnavailable, RequestFailed) as exc:
            if saved is None:
                raise
            fetched = saved
            result.notices.append(f"network unavailable ({exc}): read the copy of the page kept in {out}")
        else:
            result.files += url_source.save(fetched, out, meta=SAVED)
    library, report = url_source.load(fetched, url)
    keys.assign_keys(library.records)
    return library, report


def _isolate(records: list[Record], produce: Callable[[list[Record]], str]) -> tuple[str, list[str]]:
    """Produce one output for ``records``; if that raises, find the records that make it
    raise (one at a time) and produce it without them. Returns (text, left-out ids)."""
    try:
        return produce(records), []
    except Exception:
        good, bad = [], []
        for r in records:
            try:
                produce([r])
                good.append(r)
            except Exception:
                bad.append(r.id)
        return produce(good), bad


def check_options(config: BuildConfig) -> None:
    """Fail before any work when a style or locale the user named does not exist
    (``LookupError`` with the renderer's message, which suggests near names)."""
    from refs.render import locales, styles

    for style in config.styles:
        styles.resolve(style)
    for locale in config.locales:
        locales.path(locale)


def output_paths(config: BuildConfig) -> list[Path]:
    """Every file a build with ``config`` writes into ``config.out`` (for checking them
    against the source before anything is read)."""
    from refs.render import styles as style_files

    out = Path(config.out)
    names = [*EXPORTS.values(), "report.json", "report.html"]
    for style in config.styles:
        name = style_files.resolve(style).name
        names += [output_name(name, locale, fmt) for locale in config.locales for fmt in RENDER_FORMATS]
    return [out / n for n in names]


def build(source: str | Path, config: BuildConfig) -> BuildResult:
    """Run the pipeline on ``source`` and write everything into ``config.out``.

    Raises ``LookupError`` for an unknown style or locale, ``CorrectionsError`` for a
    malformed corrections file, ``OSError`` / ``FormatError`` when ``source`` cannot be
    read; everything after that is reported, not raised."""
    from refs.review import Applier, write_html

    check_options(config)
    fixes = Applier.open(config.out, config.corrections)
    say = config.progress or (lambda _stage: None)
    out = Path(config.out)
    out.mkdir(parents=True, exist_ok=True)
    from refs.sources.url import is_url

    remote = is_url(source)
    report: dict[str, Any] = {"source": str(source) if remote else Path(source).name,
                              "offline": config.offline,
                              "styles": list(config.styles), "locales": list(config.locales),
                              "stages": {}}
    stages = report["stages"]
    result = BuildResult(records=[], report=report)

    # -- read / parse -------------------------------------------------------------------
    say("read")
    library, read_report = (read_url(str(source), config, out, result) if remote
                            else read_source(source, config.source_format))
    records = list(library.records)
    stages["read"] = {"format": library.format, "records": len(records), **_summary(read_report)}
    result.skipped = read_report.skipped
    if not records and read_report.errors:  # (a page with no references): nothing to build
        result.failed = True
        result.notices.append(f"nothing to build: {read_report.errors[0].message}")
    elif read_report.summary.get("no_records"):  # a non-empty source giving nothing is not a success
        result.failed = True
        result.notices.append(f"{Path(source).name}: no records found")
    report["input"] = [{"id": r.id, "line": r.origin.line, "where": r.origin.where, "text": r.origin.text,
                        "type": r.type, "title": r.title, "year": r.year, "url": r.csl.get("URL", "")}
                       for r in records]
    records = fixes.after("parse", records)

    # -- enrich -------------------------------------------------------------------------
    if config.enrich and records:
        say("enrich")
        records = fixes.after("enrich", _enrich(records, config, stages, result, fixes))
    else:
        stages["enrich"] = {"skipped": "disabled" if not config.enrich else "no records"}

    # -- dedup --------------------------------------------------------------------------
    say("dedup")
    before_dedup = records
    try:
        from refs.dedup import dedup

        records, dedup_report = dedup(records, **fixes.dedup_options())
        stages["dedup"] = _summary(dedup_report)
    except Exception as exc:  # keep the un-merged records: every other output still comes
        result.notices.append(_stage_error(report, "dedup", exc))
        result.failed = True
        stages["dedup"] = {"error": str(exc)}
    key_map = (stages["dedup"].get("summary") or {}).get("key_map") or {}
    records = fixes.after("dedup", records)
    for entry in report["input"]:
        entry["kept_as"] = key_map.get(entry["id"], entry["id"])
        if entry["kept_as"] in fixes.dropped:
            entry["kept_as"], entry["dropped_by"] = None, fixes.dropped[entry["kept_as"]]
    result.records = records
    final = Library(records=records, source=str(source), format=library.format)

    # -- render -------------------------------------------------------------------------
    say("render")
    stages["render"] = _render(records, config, out, result, report)

    # -- export -------------------------------------------------------------------------
    say("export")
    stages["export"] = _export(final, library, out, result, report)

    # -- links --------------------------------------------------------------------------
    if config.check_links and not config.offline:
        say("links")
        stages["links"] = _links(records, config, result, report)
    else:
        stages["links"] = {"skipped": "offline" if config.offline else "disabled"}
        if config.check_links:  # offline: the links are listed, their status unknown
            from refs.links.extract import extract

            found = extract(records)
            stages["links"]["items"] = [{"id": lk.record_id, "url": lk.url, "field": lk.field,
                                         "status": "unknown"} for lk in found]
            stages["links"]["summary"] = {"links": len(found), "unknown": len(found)}

    left_out = {name: ids for step in ("render", "export") for name, ids in
                (stages[step].get("left_out") or {}).items()}
    if left_out:
        report["left_out"] = left_out  # every record missing from an output, by file
    report["records"] = [_record_summary(r) for r in records]
    report["corrections"] = fixes.report(key_map)
    result.notices += fixes.notices(report["corrections"])
    report["notices"] = list(result.notices)
    report["counts"] = {"input": len(report["input"]), "output": len(records),
                        "merged": len(report["input"]) - len(records) - len(fixes.dropped)}
    try:  # the review page (refs.review.html); its counts go into report.json too
        report["counts"].update(write_html(out / "report.html", report, records, before_dedup,
                                           result.entries, fixes.corrections))
        result.files.append(out / "report.html")
    except Exception as exc:
        result.notices.append(_stage_error(report, "report.html", exc))
        result.failed = True
    path = out / "report.json"
    atomic.write_text(path, json.dumps(report, ensure_ascii=False, indent=2, default=str) + "\n")
    result.files.append(path)
    return result


def _enrich(records: list[Record], config: BuildConfig, stages: dict[str, Any],
            result: BuildResult, fixes: Any) -> list[Record]:
    try:
        from refs.enrich import EnrichConfig, enrich

        cfg = fixes.enrich_options(config.enrich_config or EnrichConfig(offline=config.offline), records)
        if config.offline:
            cfg.offline = True
        try:
            new, rep = enrich(records, cfg)
        except ValueError as exc:  # offline without any cache to read
            if not config.offline:
                raise
            stages["enrich"] = {"skipped": f"offline: {exc}"}
            result.notices.append("offline: enrichment skipped (no cache to serve it from); "
                                  "records are as parsed")
            return records
        summary = _summary(rep)
        s = rep.summary
        if config.offline:
            hits = s.get("matched", 0)
            missing = s.get("not_cached", 0)
            if hits:
                result.notices.append(f"offline: enrichment served from the cache for {hits} record(s); "
                                      f"{missing} not in the cache left as parsed")
            else:
                result.notices.append("offline: enrichment skipped (nothing for these records in the "
                                      "cache); records are as parsed")
            # one notice instead of one problem per uncached record
            summary["problems"] = [p for p in summary["problems"] if "cache" not in p["message"]]
        elif s.get("network_unavailable"):
            result.notices.append(f"network unavailable: enrichment skipped for "
                                  f"{s.get('not_attempted', 0)} record(s); records are as parsed")
        stages["enrich"] = summary
        return new
    except Exception as exc:
        result.notices.append(_stage_error(result.report, "enrich", exc))
        result.failed = True
        stages["enrich"] = {"error": str(exc)}
        return records


def layout(text: str, fmt: str, *, title: str = "", lang: str = "") -> str:
    """A rendered bibliography laid out as a file of its format.

    Markdown gets a blank line between entries (one entry per line would run together
    into one paragraph when the file is viewed); HTML becomes a small standalone
    document with ``<meta charset="utf-8">`` and ``lang``, so that a browser opening the
    file shows Greek and typographic quotes correctly, and with a hanging indent."""
    if fmt == "markdown":
        entries = [line for line in text.splitlines() if line.strip()]
        return "\n\n".join(entries) + "\n"
    if fmt == "html":
        return (f'<!DOCTYPE html>\n<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
                f"<title>{html.escape(title)}</title>\n"
                "<style>.csl-entry { margin: 0 0 0.6em 2em; text-indent: -2em; }</style>\n"
                f"</head>\n<body>\n{text.strip()}\n</body>\n</html>\n")
    return text if text.endswith("\n") else text + "\n"


class _Outputs:
    """The files one build step writes: each is produced with bad records isolated
    (left out of that file only and named), written atomically, and accounted for."""

    def __init__(self, out: Path, result: BuildResult, report: dict[str, Any], step: str) -> None:
        self.out, self.result, self.report, self.step = out, result, report, step
        self.done: list[str] = []
        self.left_out: dict[str, list[str]] = {}
        self.errors: dict[str, str] = {}

    def write(self, name: str, records: list[Record], produce: Callable[[list[Record]], str],
              finish: Callable[[str], str] = lambda text: text) -> None:
        try:
            text, bad = _isolate(records, produce)
        except Exception as exc:
            self.errors[name] = f"{type(exc).__name__}: {exc}"
            self.result.notices.append(_stage_error(self.report, f"{self.step} {name}", exc))
            self.result.failed = True
            return
        if bad:
            self.left_out[name] = bad
            self.result.failed = True  # a record missing from an output: exit status 1
            self.result.notices.append(f"{name}: left out {len(bad)} record(s) that could not be "
                                       f"{'rendered' if self.step == 'render' else 'written'}: "
                                       f"{', '.join(bad)}")
        atomic.write_text(self.out / name, finish(text))
        self.result.files.append(self.out / name)
        self.done.append(name)

    def summary(self) -> dict[str, Any]:
        return {"files": self.done, "left_out": self.left_out, "errors": self.errors}


def _render(records: list[Record], config: BuildConfig, out: Path, result: BuildResult,
            report: dict[str, Any]) -> dict[str, Any]:
    from refs import render as render_mod
    from refs.render import styles as style_files

    outputs = _Outputs(out, result, report, "render")
    for style in config.styles:
        ref = style_files.resolve(style)  # a path or an alias: name the files by the style itself
        style_title = style_files.title_of(ref.path)
        for locale in config.locales:
            done: dict[tuple[int, ...], list[Any]] = {}  # records rendered once, written in each format

            def produce(rs: list[Record], fmt: str, s: str = style, lo: str = locale,
                        done: dict[tuple[int, ...], list[Any]] = done) -> str:
                key = tuple(map(id, rs))
                if key not in done:
                    done[key] = render_mod.render_entries(rs, style=s, locale=lo)
                return render_mod.bibliography(done[key], fmt)

            for fmt in RENDER_FORMATS:
                outputs.write(
                    output_name(ref.name, locale, fmt), records, lambda rs, f=fmt, p=produce: p(rs, f),
                    lambda text, lo=locale, f=fmt, t=style_title:
                        layout(text, f, title=f"{t} ({lo})", lang=lo),
                )
            if done and not result.entries:
                result.entries = max(done.values(), key=len)
    return outputs.summary()


def _export(final: Library, original: Library, out: Path, result: BuildResult,
            report: dict[str, Any]) -> dict[str, Any]:
    outputs = _Outputs(out, result, report, "export")
    for fmt, name in EXPORTS.items():
        def produce(rs: list[Record], fmt: str = fmt) -> str:
            lib = Library(records=rs, blocks=original.blocks if fmt == "bibtex" else [],
                          source=final.source, format=final.format)
            # the build's BibTeX is laid out for Zotero's importer too (see docs/zotero.md)
            return io.dumps(lib, fmt, zotero=True) if fmt == "bibtex" else io.dumps(lib, fmt)

        outputs.write(name, final.records, produce)
    return outputs.summary()


def _links(records: list[Record], config: BuildConfig, result: BuildResult,
           report: dict[str, Any]) -> dict[str, Any]:
    try:
        from refs.links import CheckConfig, check_links

        _, rep = check_links(records, config.link_config or CheckConfig())
    except Exception as exc:
        result.notices.append(_stage_error(report, "links", exc))
        return {"error": str(exc)}
    if rep.summary.get("network") == "unavailable":
        result.notices.append(f"network unavailable: {rep.summary.get('links', 0)} link(s) reported as "
                              "unknown")
    data = _summary(rep)
    data["summary"].pop("seconds", None)  # keep report.json reproducible
    return data


def _record_summary(r: Record) -> dict[str, Any]:
    return {"id": r.id, "type": r.type, "title": r.title, "year": r.year,
            "aliases": list(r.aliases), "line": r.origin.line,
            "enriched": sorted({k for k, p in r.provenance.items() if p.stage == "enrich"}),
            "low_confidence": low_confidence(r)}
