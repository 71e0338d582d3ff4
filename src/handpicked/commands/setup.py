"""Settings and the ways into the app: `config`, `demo`, `ui` (and plain `handpicked`)."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from handpicked.commands.common import add_json, emit_json, out, workspace
from handpicked.core import contacts
from handpicked.core.db import Workspace
from handpicked.core.resources import shipped
from handpicked.core.text import safe_text


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("config", help="read and change workspace settings")
    csub = p.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    g = csub.add_parser("get", help="print one setting")
    g.add_argument("key")
    g.set_defaults(handler=run_get)
    s = csub.add_parser("set", help="change one setting (an empty VALUE resets it)")
    s.add_argument("key")
    s.add_argument("value")
    s.set_defaults(handler=run_set)
    ls = csub.add_parser("list", help="every setting with its value")
    add_json(ls)
    ls.set_defaults(handler=run_list)

    d = sub.add_parser("demo", help="try the app on the shipped sample in a throw-away workspace")
    d.set_defaults(handler=run_demo)
    u = sub.add_parser("ui", help="import FILEs (if any), then open the app")
    u.add_argument("files", nargs="*", type=Path, metavar="FILE")
    u.set_defaults(handler=run_ui)


def _show(value: object) -> str:
    return "" if value is None else str(value)


def run_get(args: argparse.Namespace) -> int:
    from handpicked.core import config

    out(_show(config.get(config.load(workspace(args)), args.key)))
    return 0


def run_set(args: argparse.Namespace) -> int:
    from handpicked.core import config

    settings = config.set_value(workspace(args), args.key, args.value)
    out(f"{args.key} = {_show(config.get(settings, args.key))}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    from handpicked.core import config

    values = config.flat(config.load(workspace(args)))
    if args.json:
        emit_json(values)
    else:
        for key, value in values.items():
            out(f"{key} = {_show(value)}")
    return 0


def _open_app(ws: Workspace, *, demo: bool = False) -> int:
    from handpicked.tui.app import make_app

    make_app(ws, demo=demo).run()
    return 0


def build_demo(folder: Path) -> Workspace:
    """A workspace in `folder` holding the shipped sample: its contact files and its LinkedIn
    data archive, so the demo has a real history (last contacted, replies, the Pulse's curves).

    The archive carries the sample's own Connections.csv, so that file is imported once, from it.
    """
    from handpicked.core import config

    ws = Workspace(folder / "workspace")
    samples = sorted(
        p
        for p in shipped("sample_contacts").iterdir()
        if p.suffix in {".csv", ".vcf", ".zip"} and p.name != "Connections.csv"
    )
    copies = []
    for sample in samples:
        copy = folder / sample.name
        shutil.copyfile(sample, copy)
        copies.append(copy)
    config.set_value(ws, "me.name", "Alex Demo")
    from handpicked.commands.importing import error_text  # (its models: only when importing)

    for report in contacts.import_paths(ws, copies):
        if report.error:
            print(f"error: {safe_text(error_text(report))}", file=sys.stderr)
    return ws


def run_demo(args: argparse.Namespace) -> int:
    """Copy the sample into a fresh temporary workspace, so trying never touches real data."""
    folder = Path(tempfile.mkdtemp(prefix="handpicked-demo-"))
    try:
        return _open_app(build_demo(folder), demo=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run_ui(args: argparse.Namespace) -> int:
    ws = workspace(args)
    files = getattr(args, "files", None) or []
    if files:
        from handpicked.commands.importing import error_text, summary

        failed = False
        for report in contacts.import_paths(ws, files):
            for line in summary(report):
                out(line)
            if report.error:
                print(f"error: {safe_text(error_text(report))}", file=sys.stderr)
                failed = True
        if failed:
            return 1
    return _open_app(ws)
