"""The one entry point (``ankle-gui``, ``ankle-gui-cli``, ``python -m ankle_gui``, the frozen
build): a cue helper when asked for one, else the command line, which opens the window when
no command is given.

A frozen build has no ``python -m`` to start its voice and sound helpers with, so it starts
itself again with ``--cue-worker`` (ui/train/cue_process.py). That is answered here, before
the command line, which knows nothing of the window's helpers.
"""

from __future__ import annotations

import sys

from ankle_gui.cli.main import main as command_line
from ankle_gui.core.clock import Clock, utc_now

CUE_WORKER = "--cue-worker"


def main(argv: list[str] | None = None, *, clock: Clock = utc_now) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == [CUE_WORKER]:
        # Only the helper's own modules: not the command line's, nor the window's.
        from ankle_gui.ui.train.cue_worker import main as cue_worker

        return cue_worker(argv[1:])
    return command_line(argv, clock=clock)
