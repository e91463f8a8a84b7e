"""Records are read-only: no field can be set, and nothing inside one can be changed in place."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType

import pytest

from ankle_gui.core.catalogue import load_catalogue
from ankle_gui.core.plan import PlanItem
from ankle_gui.core.profile import Profile
from ankle_gui.core.records import (
    CompletedSet,
    Measurement,
    MeasurementKind,
    SessionStatus,
    Side,
    TrainingSession,
)
from ankle_gui.store.backups import BackupInfo
from ankle_gui.store.filecheck import FileCheck
from ankle_gui.store.recovery import Diagnosis, Problem, SetAside
from ankle_gui.store.startup import Opened

NOW = "2026-11-22T08:00:00+00:00"


def start_up_records():
    drill = load_catalogue().get("banded_mob_front")
    return [
        Measurement(MeasurementKind.KNEE_TO_WALL, Side.LEFT, NOW, 9.5),
        CompletedSet(0, drill.id, Side.LEFT, 1, NOW, NOW, reps_done=10, reps_target=10),
        TrainingSession(1, 1, NOW, SessionStatus.RUNNING),
        Profile(1, "Ana", NOW),
        drill,
        drill.dose["reps"],
        drill.source,
        FileCheck(Path("ankle_gui.sqlite3"), "ok"),
        BackupInfo(Path("b.sqlite3"), datetime(2026, 11, 22, tzinfo=UTC), "daily", 4096),
        Diagnosis(Problem.DAMAGED, Path("ankle_gui.sqlite3")),
        SetAside(()),
        PlanItem(drill.id),
        Opened(store=None, backups=None),
    ]


def _mutable_parts(value, where: str) -> list[str]:
    """Where inside ``value`` something could still be changed in place."""
    if isinstance(value, dict | list | set | bytearray):
        return [f"{where}: {type(value).__name__}"]
    if isinstance(value, MappingProxyType):
        return [p for k, v in value.items() for p in _mutable_parts(v, f"{where}[{k!r}]")]
    if isinstance(value, tuple):
        names = getattr(value, "_fields", None) or range(len(value))
        return [p for name, v in zip(names, value, strict=True)
                for p in _mutable_parts(v, f"{where}.{name}")]
    return []


@pytest.mark.parametrize("record", start_up_records(), ids=lambda r: type(r).__name__)
def test_no_field_of_a_record_can_be_set(record):
    for field in record._fields:
        before = getattr(record, field)
        with pytest.raises(AttributeError):
            setattr(record, field, "changed")
        assert getattr(record, field) is before
    changed = record._replace(**{record._fields[0]: getattr(record, record._fields[0])})
    assert changed == record and changed is not record


@pytest.mark.parametrize("record", start_up_records(), ids=lambda r: type(r).__name__)
def test_nothing_inside_a_record_can_be_changed_in_place(record):
    assert _mutable_parts(record, type(record).__name__) == []


def test_the_shared_catalogue_cannot_be_changed_through_a_drill():
    # load_catalogue() is cached: a change through one drill would reach every page.
    offenders = [p for drill in load_catalogue() for p in _mutable_parts(drill, drill.id)]
    assert offenders == []
    with pytest.raises(TypeError):
        load_catalogue().get("banded_mob_front").dose["reps"] = None


def test_a_plan_item_keeps_its_own_read_only_copy_of_the_dose():
    dose = {"reps": 10}
    item = PlanItem("calf_raise", Side.BOTH, dose)
    dose["reps"] = 99
    assert item.dose == {"reps": 10}
    for made in (item, item._replace(dose={"reps": 12}), PlanItem.from_dict(item.to_dict())):
        with pytest.raises(TypeError):
            made.dose["reps"] = 1


def test_a_stored_session_plan_is_read_only(store, profile):
    sid = store.training.start_session(profile.id, [PlanItem("calf_raise", Side.BOTH,
                                                             {"reps": 10}).to_dict()])
    session = store.training.session(sid)
    assert _mutable_parts(session, "session") == []
    assert PlanItem.from_dict(session.plan[0]) == PlanItem("calf_raise", Side.BOTH, {"reps": 10})


def test_the_mutable_part_finder_finds_each_kind():
    assert _mutable_parts((1, [2], MappingProxyType({"a": {"b": 1}}), (set(),)), "x") == \
        ["x.1: list", "x.2['a']: dict", "x.3.0: set"]


def test_empty_defaults_cannot_be_filled_by_mistake():
    # A shared mutable default would carry one record's contents into the next.
    session = TrainingSession(1, 1, NOW, SessionStatus.RUNNING)
    with pytest.raises(AttributeError):
        session.plan.append({"drill_id": "banded_mob_front"})
    with pytest.raises(TypeError):
        PlanItem("banded_mob_front").dose["reps"] = 12
    assert PlanItem("calf_raise").dose == {} and session.plan == ()
