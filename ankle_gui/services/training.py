"""Run a training session on disk: start it, store its quick tests and sets, finish it."""

from __future__ import annotations

from ankle_gui.core.assessment import Measurer
from ankle_gui.core.plan import PlanItem
from ankle_gui.core.records import (
    CompletedSet,
    Measurement,
    MeasurementKind,
    Phase,
    SessionStatus,
    Side,
)
from ankle_gui.core.session_events import EndReason
from ankle_gui.services.errors import NotAllowed, ServiceError
from ankle_gui.services.patient_access import HOME, Access
from ankle_gui.store import Store

# How each way of ending maps onto the stored session: its status and stop reason.
END_STATUS = {
    EndReason.DONE: (SessionStatus.COMPLETED, None),
    EndReason.USER: (SessionStatus.STOPPED, "user"),
    EndReason.PAIN: (SessionStatus.STOPPED, "pain"),
    EndReason.QUIT: (SessionStatus.INTERRUPTED, "quit"),
}


class TrainingRun:
    """One session of one profile, as the store keeps it while the player runs it."""

    def __init__(self, store: Store, profile_id: int, session_id: int):
        self.store = store
        self.profile_id = profile_id
        self.session_id = session_id

    @classmethod
    def start(cls, store: Store, profile_id: int, items: list[PlanItem],
              pre: dict[Side, float]) -> TrainingRun:
        """A new running session for ``items``, with the quick test before it if taken."""
        session_id = store.training.start_session(profile_id, [i.to_dict() for i in items])
        run = cls(store, profile_id, session_id)
        if pre:
            run.store_quick_test(Phase.PRE, pre)
        return run

    @classmethod
    def resume(cls, store: Store, session_id: int) -> tuple[TrainingRun, list[PlanItem],
                                                              dict[Side, float]]:
        """An interrupted session running again: the run, its plan and its quick pre-test."""
        session = store.training.session(session_id)
        items = [PlanItem.from_dict(raw) for raw in session.plan]
        pre = {r.side: r.value_cm for r in store.results.for_session(session_id)
               if r.phase is Phase.PRE and r.test is MeasurementKind.KNEE_TO_WALL
               and r.value_cm is not None}
        store.training.reopen_session(session_id)
        return cls(store, session.profile_id, session_id), items, pre

    def store_quick_test(self, phase: Phase, values: dict[Side, float]) -> None:
        taken = self.store.results.next_taken_at(self.profile_id)
        self.store.results.add(self.profile_id, [
            Measurement(MeasurementKind.KNEE_TO_WALL, side, taken, round(value, 2), phase=phase,
                        session_id=self.session_id, measured_by=Measurer.SELF)
            for side, value in values.items()])

    def save_set(self, done: CompletedSet, replaces: bool) -> None:
        """A finished set; ``replaces``: it is a redo of the last one stored."""
        if replaces:
            self.store.training.redo_set(self.session_id, done)
        else:
            self.store.training.record_set(self.session_id, done)

    def finish(self, reason: str) -> None:
        status, stop_reason = END_STATUS[EndReason(reason)]
        self.store.training.finish_session(self.session_id, status, stop_reason)


def close_unfinished(store: Store, session_id: int, access: Access = HOME) -> None:
    """An interrupted session the person will not resume: it keeps its end time and reason
    (and every set done), and stops asking to be resumed."""
    try:
        session = store.training.session(session_id)
    except KeyError:
        raise ServiceError("That session is not in the database any more.") from None
    if not access.may_see(session.profile_id):
        raise NotAllowed("This session belongs to someone else.")
    if session.status is not SessionStatus.INTERRUPTED:
        return  # closed meanwhile (another window, a command): nothing left to do
    store.training.finish_session(session_id, SessionStatus.CLOSED,
                                  stop_reason=session.stop_reason, ended_at=session.ended_at)
