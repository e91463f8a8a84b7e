"""``ankle-gui report``: the one-page progress report as PDF, with no window.

Declared with the other commands in cli/commands.py; this part (and Qt's drawing) loads only
when it runs. In clinic mode the clinician's PIN first, or one patient's own ``--code``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ankle_gui.cli.common import (
    CliError,
    offscreen_with_catalogue,
    open_store,
    output_path,
    period,
    record,
    whose,
)
from ankle_gui.core.clock import Clock
from ankle_gui.printing.paper import ReportError
from ankle_gui.printing.report import write_pdf
from ankle_gui.services.reports import report_content


def run_report(args: argparse.Namespace, data_dir: Path, clock: Clock) -> int:
    since, until = period(args.date_from, args.date_to)
    out = output_path(Path(args.pdf), data_dir)
    store = open_store(data_dir, create=False)
    try:
        access, profile = whose(store, args, "report")
        _app, catalogue = offscreen_with_catalogue()
        content = report_content(store, profile, catalogue, range_key="all", since=since,
                                 until=until, now=clock().timestamp())
        try:
            write_pdf(content, out, args.paper)
        except (ReportError, OSError) as exc:
            raise CliError(str(exc)) from None
        record(store, access, "report", profile.id)
    finally:
        store.close()
    view = content.view
    print(f"Saved the report for {profile.name} ({view.measure_count} knee-to-wall results) "
          f"to {out}")
    return 0
