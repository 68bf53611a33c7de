"""``refs dedup``: find records describing the same work and merge them."""

from __future__ import annotations

import sys
from typing import Any

import click

from refs.cli import common
from refs.model import Library, Record, Report


def _describe(record: Record | None, rid: str) -> str:
    if record is None:
        return rid
    who = ""
    names = record.authors or record.editors
    if names:
        who = names[0].get("family") or names[0].get("literal") or ""
        if len(names) > 1:
            who += " et al."
    title = record.title
    if len(title) > 60:
        title = title[:57] + "..."
    bits = [b for b in (who, str(record.year or ""), title) if b]
    return f"{rid} ({', '.join(bits)})" if bits else rid


def _short(value: Any) -> str:
    if isinstance(value, list) and value and isinstance(value[0], dict):
        value = "; ".join(n.get("family") or n.get("literal") or "" for n in value)
    elif isinstance(value, dict) and "date-parts" in value:
        value = "-".join(str(p) for p in value["date-parts"][0])
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def summary_lines(report: Report, by_id: dict[str, Record]) -> list[str]:
    """The readable terminal summary: each group, why it matched, conflicts, near misses."""
    s = report.summary
    groups = [i for i in report.items if i.get("action") == "merged"]
    near = [i for i in report.items if i.get("action") == "not-merged"]
    lines = [
        f"{len(groups)} group(s) of duplicates: {s.get('records_in', 0)} records -> "
        f"{s.get('records_out', 0)}; {len(near)} near miss(es) not merged."
    ]
    for n, item in enumerate(groups, 1):
        lines.append("")
        lines.append(f"Group {n}: keep {_describe(by_id.get(item['kept']), item['kept'])}")
        for other in item["ids"][1:]:
            why = "; ".join(item["reasons"].get(other, [])) or "matched"
            lines.append(f"  + {_describe(by_id.get(other), other)}")
            lines.append(f"      why: {why}")
        for c in item["conflicts"]:
            others = ", ".join(f"{k}: {_short(v)}" for k, v in c["values"].items())
            lines.append(f"  ! conflict in {c['field']}: kept {_short(c['kept'])} (also {others})")
        for note in item["notes"]:
            lines.append(f"  - {note}")
    if near:
        lines.append("")
        lines.append("Not merged (look alike, but):")
        for item in near:
            a, b = item["ids"]
            lines.append(f"  ? {a} / {b}: {item['why']}")
    return lines


def report_json(report: Report) -> dict[str, Any]:
    """The --report file: groups and key_map first, then the evidence."""
    merged = [i for i in report.items if i.get("action") == "merged"]
    return {
        "groups": report.summary["groups"],
        "key_map": report.summary["key_map"],
        "reasons": {i["kept"]: i["reasons"] for i in merged},
        "evidence": {i["kept"]: i["evidence"] for i in merged},
        "conflicts": {i["kept"]: i["conflicts"] for i in merged if i["conflicts"]},
        "notes": {i["kept"]: i["notes"] for i in merged if i["notes"]},
        "near_misses": [
            {"ids": i["ids"], "why": i["why"]} for i in report.items if i.get("action") == "not-merged"
        ],
        "summary": {k: v for k, v in report.summary.items() if k not in ("groups", "key_map")},
        "problems": [str(p) for p in report.problems],
    }


@click.command("dedup")
@common.input_argument
@common.output_option
@common.from_option
@common.to_option
@click.option(
    "--report",
    "report_path",
    default=None,
    help="Write groups, key_map, reasons, conflicts and near misses as JSON.",
)
@click.option("--dry-run", is_flag=True, help="Only show what would be merged; write no records.")
def command(
    input: str, output: str, from_fmt: str | None, to_fmt: str | None, report_path: str | None, dry_run: bool
) -> None:
    """Find records of INPUT that describe the same work and merge them.

    Each group keeps its most complete record; the other ids become aliases (written
    as biblatex ``ids``) and are listed in the report's key_map. Records that look
    alike but may be different works (another edition, a review, a chapter, two
    articles in one issue) are not merged and are listed as near misses.
    """
    from refs.dedup import dedup

    if report_path == "-" and not dry_run and output == "-":
        # the JSON report and the merged records would be interleaved on stdout
        common.fail("--report - needs the records elsewhere: give -o FILE, or use --dry-run")
    library, load_report = common.load(input, from_fmt)
    records, report = dedup(library.records)
    common.print_problems(report)
    by_id = {r.id: r for r in library.records}
    text = "\n".join(summary_lines(report, by_id))
    # the summary is the output of a dry run, unless stdout carries the JSON report
    click.echo(text, err=not dry_run or report_path == "-")
    if report_path:
        try:
            common.write_json(report_path, report_json(report))
        except OSError as exc:
            common.fail(f"{report_path}: cannot write: {exc.strerror or exc}")
    if not dry_run:
        out = Library(records=records, blocks=library.blocks, source=library.source, format=library.format)
        fmt = common.output_format(output, to_fmt, library)
        common.save(out, output, fmt)
    sys.exit(common.exit_status(load_report, report))
