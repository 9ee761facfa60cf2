"""The `aligner` command: headless sub-commands; with none, it opens the desktop app.

Errors print one line to stderr and exit non-zero; no command writes to a file it was asked
only to read.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from aligner import __version__
from aligner.config import SCHEMA_VERSION
from aligner.domain.errors import AlignerError
from aligner.services.fields import today
from aligner.services.project import Project, Recovery
from aligner.services.ranking import METHOD_WEIGHTED_SUM, METHODS, ranking_from

EXIT_ERROR = 1
EXIT_USAGE = 2


def _existing(path_text: str) -> Path:
    path = Path(path_text)
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"{path_text}: no such file")
    return path


def _cmd_open(args: argparse.Namespace) -> int:
    from ui.app import main as run_app  # the only road from the core to Qt, taken lazily

    return run_app(args.file)


def _cmd_demo(args: argparse.Namespace) -> int:
    from aligner.demo import write_sample

    if args.file.exists() and not args.force:
        raise AlignerError(f"{args.file}: already exists; pass --force to replace it")
    write_sample(args.file)
    print(f"wrote the sample district to {args.file}")
    return 0


def _said(project: Project) -> Project:
    # What the open found beside the file (another program's journal) changes what a save may
    # do, so the user hears it on stderr even from a command that only reads.
    for warning in project.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return project


def _read_only(path: Path) -> Project:
    # Reading commands never offer recovery: they look at the saved file only.
    return _said(Project.open(path, recovery=Recovery.DISCARD))


def _cmd_info(args: argparse.Namespace) -> int:
    project = _read_only(args.file)
    try:
        counts = project.counts()
        district = project.district()
        integrity = project.integrity()
    finally:
        project.close()
    print(f"file: {args.file}")
    print(f"district: {district.name} ({district.school_year})")
    print(f"schema version: {SCHEMA_VERSION}")
    for name in ("challenges", "outcomes", "tools", "members", "scores", "audit_events"):
        print(f"{name.replace('_', ' ')}: {getattr(counts, name)}")
    print(f"integrity check: {integrity}")
    return 0 if integrity == "ok" else EXIT_ERROR


def _cmd_rank(args: argparse.Namespace) -> int:
    project = _read_only(args.file)
    try:
        ranking = ranking_from(project.evaluation(), args.method)
    finally:
        project.close()
    if args.json:
        print(json.dumps(ranking.to_json(), indent=2))
        return 0
    print(f"{'rank':>4}  {'score':>6}  {'TOPSIS':>6}  tool")
    for tool in ranking.tools:
        rank = str(tool.rank) if tool.rank else "-"
        score = f"{tool.score:6.1f}" if tool.score is not None else "     -"
        closeness = (
            f"{tool.topsis_closeness:6.3f}" if tool.topsis_closeness is not None else "     -"
        )
        note = "" if tool.status == "ranked" else f"  ({tool.status})"
        print(f"{rank:>4}  {score}  {closeness}  {tool.name}{note}")
    if ranking.stability is not None:
        print()
        print(ranking.stability.sentence())
    return 0


def _editing(path: Path) -> Project:
    # Commands that change a project refuse to run over unsaved changes of a crashed session.
    return _said(Project.open(path, recovery=Recovery.ASK))


def _cmd_packets(args: argparse.Namespace) -> int:
    from aligner.services.packets import make_packets

    project = _read_only(args.file)
    try:
        written = make_packets(project, args.out)
    finally:
        project.close()
    for path in written:
        print(f"wrote {path}")
    return 0


def _cmd_import_packets(args: argparse.Namespace) -> int:
    from aligner.services.packets import Resolution, import_packets

    project = _editing(args.file)
    try:
        report = import_packets(project, args.packets, resolution=Resolution(args.conflicts))
        if report.applied:
            project.save()
    finally:
        project.close()
    for line in report.lines():
        print(line)
    if report.conflicts and args.conflicts == Resolution.STORE:
        print(
            f"{report.conflicts} conflicts kept the project's value; "
            "run again with --conflicts packet to take the packets' values"
        )
    refused = any(p.refused for p in report.packets)
    return EXIT_ERROR if refused else 0


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text}: not a date as YYYY-MM-DD") from None


def _cmd_due(args: argparse.Namespace) -> int:
    from aligner.services.governance import due_list

    project = _read_only(args.file)
    try:
        items = due_list(project, args.on, horizon_days=args.days)
    finally:
        project.close()
    if not items:
        print(f"nothing due within {args.days} days of {args.on.isoformat()}")
        return 0
    for item in items:
        state = "OVERDUE" if item.overdue else "due"
        label = item.kind.value.replace("_", " ")
        print(f"{item.due_on}  {state:<7}  {item.tool_name}: {label}: {item.detail}")
    return 0


def _cmd_audit(args: argparse.Namespace) -> int:
    from aligner.services import audit_log

    project = _read_only(args.file)
    try:
        check = audit_log.verify(project) if args.verify else None
        events = [] if args.verify else audit_log.events(project)
    finally:
        project.close()
    if check is not None:
        if check.intact:
            print(f"{check.message()}; head {check.head_id} {check.head_hash}")
            return 0
        print(f"aligner: {check.message()}", file=sys.stderr)
        return EXIT_ERROR
    for event in events:
        key = f" {event.entity_key}" if event.entity_key else ""
        print(f"{event.id:>6}  {event.at}  {event.actor}  {event.action} {event.entity}{key}")
    return 0


def _cmd_transparency(args: argparse.Namespace) -> int:
    from aligner.services import transparency

    project = _read_only(args.file)
    try:
        transparency.write(project, args.html)
    finally:
        project.close()
    print(f"wrote the transparency page to {args.html}")
    return 0


def _self_test() -> int:
    from aligner.services.selftest import run_self_test

    steps = run_self_test()
    for step in steps:
        print(f"{'ok  ' if step.passed else 'FAIL'}  {step.name:<7} {step.detail}")
    passed = bool(steps) and all(step.passed for step in steps)
    print(f"aligner {__version__} self-test: {'passed' if passed else 'FAILED'}")
    return 0 if passed else EXIT_ERROR


def _cmd_export(args: argparse.Namespace) -> int:
    from aligner.services.scorecard import export_scorecard

    return _write_output(args.file, args.xlsx, export_scorecard, charts=not args.no_charts)


def _cmd_report(args: argparse.Namespace) -> int:
    from aligner.services.scorecard import export_report

    return _write_output(args.file, args.html, export_report, charts=not args.no_charts)


def _write_output(source: Path, target: Path, write: Callable[..., object], *, charts: bool) -> int:
    """Open ``source`` read-only, write one file from it, and say where it went."""
    project = _read_only(source)
    try:
        write(project, target, charts=charts)
    finally:
        project.close()
    print(f"wrote {target}")
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from aligner.domain.errors import FileRejectedError
    from aligner.services.inventory import import_inventory

    project = _editing(args.file)
    try:
        counts = import_inventory(project, args.source)
        project.save()
    except FileRejectedError as exc:
        print(f"aligner: {args.source.name}: nothing was imported", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_ERROR
    finally:
        project.close()
    print(
        f"imported {counts.challenges} challenges, {counts.outcomes} outcomes and "
        f"{counts.tools} tools into {args.file}"
    )
    return 0


def _cmd_template(args: argparse.Namespace) -> int:
    from aligner.services.inventory import write_inventory_template

    write_inventory_template(args.out)
    print(f"wrote the inventory template to {args.out}")
    return 0


def _add_exchange_commands(sub: Any) -> None:
    """Excel and HTML in and out (issue 6): export, report, import, template, packets."""
    p_export = sub.add_parser("export", help="write the scorecard workbook of FILE")
    p_export.add_argument("file", type=_existing)
    p_export.add_argument("--xlsx", type=Path, required=True, metavar="OUT.xlsx")
    p_export.add_argument("--no-charts", action="store_true", help="leave the chart images out")
    p_export.set_defaults(run=_cmd_export)

    p_report = sub.add_parser("report", help="write the meeting report (one HTML file)")
    p_report.add_argument("file", type=_existing)
    p_report.add_argument("--html", type=Path, required=True, metavar="OUT.html")
    p_report.add_argument("--no-charts", action="store_true", help="leave the chart images out")
    p_report.set_defaults(run=_cmd_report)

    p_import = sub.add_parser(
        "import", help="add challenges, outcomes and tools from an .xlsx or .csv file"
    )
    p_import.add_argument("file", type=_existing)
    p_import.add_argument("source", type=_existing, metavar="IN.xlsx|IN.csv")
    p_import.set_defaults(run=_cmd_import)

    p_template = sub.add_parser("template", help="write the empty inventory template")
    p_template.add_argument("out", type=Path, metavar="OUT.xlsx")
    p_template.set_defaults(run=_cmd_template)

    p_packets = sub.add_parser("packets", help="write one scoring packet (.xlsx) per member")
    p_packets.add_argument("file", type=_existing)
    p_packets.add_argument("--out", type=Path, required=True, help="folder for the packets")
    p_packets.set_defaults(run=_cmd_packets)

    p_import_packets = sub.add_parser(
        "import-packets", help="merge returned scoring packets into FILE and save it"
    )
    p_import_packets.add_argument("file", type=_existing)
    p_import_packets.add_argument("packets", type=_existing, nargs="+", metavar="PACKET.xlsx")
    p_import_packets.add_argument(
        "--conflicts",
        choices=("store", "packet"),
        default="store",
        help="which value wins where the project changed after the packet was made",
    )
    p_import_packets.set_defaults(run=_cmd_import_packets)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aligner",
        description="Choose AI tools for a school district by its real challenges.",
    )
    parser.add_argument("--version", action="version", version=f"aligner {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation offline on a throw-away project, then exit",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p_open = sub.add_parser("open", help="open the desktop app (the default command)")
    p_open.add_argument("file", nargs="?", type=Path, help="project file; default: your district")
    p_open.set_defaults(run=_cmd_open)

    p_demo = sub.add_parser("demo", help="write the sample district to FILE")
    p_demo.add_argument("file", type=Path)
    p_demo.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p_demo.set_defaults(run=_cmd_demo)

    p_info = sub.add_parser("info", help="counts, schema version and integrity of FILE")
    p_info.add_argument("file", type=_existing)
    p_info.set_defaults(run=_cmd_info)

    p_rank = sub.add_parser("rank", help="rank the tools of FILE")
    p_rank.add_argument("file", type=_existing)
    p_rank.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p_rank.add_argument(
        "--method",
        choices=METHODS,
        default=METHOD_WEIGHTED_SUM,
        help="rank by the weighted sum (default) or by TOPSIS closeness",
    )
    p_rank.set_defaults(run=_cmd_rank)

    _add_exchange_commands(sub)

    p_due = sub.add_parser("due", help="reviews, agreement expiries and re-checks due in FILE")
    p_due.add_argument("file", type=_existing)
    p_due.add_argument("--on", type=_date, default=today(), help="as of this date")
    p_due.add_argument("--days", type=int, default=30, help="look this many days ahead")
    p_due.set_defaults(run=_cmd_due)

    p_audit = sub.add_parser("audit", help="list the audit log of FILE")
    p_audit.add_argument("file", type=_existing)
    p_audit.add_argument(
        "--verify", action="store_true", help="recompute the hash chain; fail at the first break"
    )
    p_audit.set_defaults(run=_cmd_audit)

    p_open_page = sub.add_parser("transparency", help="write the families' page for FILE")
    p_open_page.add_argument("file", type=_existing)
    p_open_page.add_argument("--html", type=Path, required=True, metavar="OUT.html")
    p_open_page.set_defaults(run=_cmd_transparency)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Callable[[argparse.Namespace], int] = getattr(args, "run", _cmd_open)
    if args.self_test:
        return _self_test()
    if args.command is None:
        args.file = None
    try:
        return run(args)
    except AlignerError as exc:
        print(f"aligner: {exc.message}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
