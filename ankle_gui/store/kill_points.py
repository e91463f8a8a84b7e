"""Named moments where a kill would hurt most, for the tests and bench/kill_loops.py.

With ``ANKLE_GUI_KILL_AT`` set to one of these names, the process stops dead (SIGKILL: no
``finally``, no clean-up) the moment it gets there, as a power cut or ``kill -9`` would stop
it. A test can then look at what the next start finds, at every boundary of a piece of
work, instead of hoping a kill at a random time lands there. Unset, as it always is for a
user, each point is one look at the environment.
"""

from __future__ import annotations

import os
import signal

KILL_AT_ENV = "ANKLE_GUI_KILL_AT"

KILL_POINTS = {
    "backup:partial-written": "a backup's copy is written but not yet checked or named",
    "restore:backed-up": "the safety backup before a restore or import is in place",
    "restore:staged": "the copy to restore is beside the database and brought up to date",
    "restore:replaced": "every row is replaced and the audit entry written, not committed",
    "restore:committed": "the restore is committed; its staging copy is not yet removed",
    "patient:profile-created": "a new patient's profile is written, their code not yet",
}


def kill_point(name: str) -> None:
    """Stop dead here if this is the point ``ANKLE_GUI_KILL_AT`` names."""
    if name not in KILL_POINTS:
        raise ValueError(f"unknown kill point {name!r}")
    if os.environ.get(KILL_AT_ENV) == name:
        kill = getattr(signal, "SIGKILL", None)
        if kill is not None:
            os.kill(os.getpid(), kill)
        os._exit(137)  # where there is no SIGKILL: an exit that runs no clean-up either
