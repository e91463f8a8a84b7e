"""The records read at every start: immutable, and cheap to define."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

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


@pytest.mark.parametrize("record", start_up_records(), ids=lambda r: type(r).__name__)
def test_records_cannot_be_changed_in_place(record):
    first_field = record._fields[0]
    before = getattr(record, first_field)
    with pytest.raises(AttributeError):
        setattr(record, first_field, "changed")
    assert getattr(record, first_field) == before
    changed = record._replace(**{first_field: before})
    assert changed == record and changed is not record


def test_empty_defaults_cannot_be_filled_by_mistake():
    # A shared mutable default would carry one record's contents into the next.
    session = TrainingSession(1, 1, NOW, SessionStatus.RUNNING)
    with pytest.raises(AttributeError):
        session.plan.append({"drill_id": "banded_mob_front"})
    with pytest.raises(TypeError):
        PlanItem("banded_mob_front").dose["reps"] = 12
    assert PlanItem("calf_raise").dose == {} and session.plan == ()


START_PATH = """
import dataclasses, sys
from ankle_gui import cli
cli.build_parser()
cli.import_qt_free_layers()
import ankle_gui.app, ankle_gui.safe_start, ankle_gui.ui.main_window, ankle_gui.ui.train.train_page
found = sorted(
    f"{module.__name__}.{name}"
    for module in list(sys.modules.values())
    if getattr(module, "__name__", "").startswith("ankle_gui")
    for name, value in vars(module).items()
    if isinstance(value, type) and dataclasses.is_dataclass(value)
    and value.__module__ == module.__name__
)
print("\\n".join(found))
"""


def test_start_up_defines_no_dataclass():
    # Each frozen dataclass costs about 0.85 ms to define on Python 3.11: a new record on
    # the start path should be a NamedTuple, or be imported only when it is needed.
    out = subprocess.run([sys.executable, "-c", START_PATH], capture_output=True, text=True,
                         check=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}).stdout
    assert out.split() == []
