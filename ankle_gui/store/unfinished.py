"""Sessions a crash or a quit left unfinished, across every profile in the file."""

from __future__ import annotations

from dataclasses import dataclass

from ankle_gui.core.records import SessionStatus
from ankle_gui.store.store import Store


@dataclass(frozen=True)
class Unfinished:
    """A session left interrupted, with what the person needs to decide on it."""

    session_id: int
    profile_id: int
    profile_name: str
    started_at: str
    sets_done: int
    drills_planned: int
    stop_reason: str | None


def unfinished_sessions(store: Store) -> list[Unfinished]:
    """Newest first: the one a person most likely wants to carry on with."""
    found = []
    for profile in store.profiles.all():
        for session in store.training.sessions(profile.id, SessionStatus.INTERRUPTED):
            found.append(Unfinished(session.id, profile.id, profile.name, session.started_at,
                                    len(store.training.sets(session.id)), len(session.plan),
                                    session.stop_reason))
    return sorted(found, key=lambda u: u.started_at, reverse=True)
