"""``ankle-gui handout``: the home-programme handout as PDF, with no window.

Declared with the other commands in cli/commands.py; this part loads only when it runs. As for
``report``: in clinic mode the clinician's PIN first, or one patient's own ``--code``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ankle_gui.cli.common import (
    CliError,
    offscreen_with_catalogue,
    open_store,
    output_path,
    record,
    whose,
)
from ankle_gui.core.clock import Clock
from ankle_gui.core.handout import NoPlan
from ankle_gui.printing.handout import HandoutError, save_handout_pdf


def run_handout(args: argparse.Namespace, data_dir: Path, clock: Clock) -> int:
    out = output_path(Path(args.pdf), data_dir)
    store = open_store(data_dir, create=False)
    try:
        access, profile = whose(store, args, "handout")
        _app, catalogue = offscreen_with_catalogue()
        try:
            pages = save_handout_pdf(store, catalogue, profile.id, out, args.paper,
                                     printed_on=clock().astimezone().date())
        except NoPlan as exc:
            raise CliError(f"{exc} Nothing was written.") from None
        except (HandoutError, OSError) as exc:
            raise CliError(str(exc)) from None
        # The audit log's list of actions is fixed by its schema: a handout is a report.
        record(store, access, "report", profile.id, "home-programme handout")
    finally:
        store.close()
    print(f"Saved the home-programme handout for {profile.name} ({pages} "
          f"page{'s' if pages != 1 else ''}) to {out}")
    return 0
