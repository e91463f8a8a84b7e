"""When a training session counts, in one place for every figure that counts sessions:
the Progress page and its chart, the report, and the clinician's dashboard.

A session counts as done when it ran to its end (not stopped, interrupted or closed) and at
least one of its sets was done; one whose every set was skipped stays in the history with
its skipped sets, but nothing was trained. Any session with a set done counts as training
for the referral rule and the dashboard's "no session" flag, a stopped one included.
"""

from __future__ import annotations

from ankle_gui.core.records import SessionStatus


def trained(sets_done: int) -> bool:
    """At least one set of the session was done (not skipped, not cut short by pain)."""
    return sets_done > 0


def counts_as_done(status: str, sets_done: int) -> bool:
    """A session done, for the "sessions done of planned" figures."""
    return status == SessionStatus.COMPLETED and trained(sets_done)
