"""A short run of bench/kill_loops.py: SIGKILL during a CLI import, first-run creation, backups,
a restore (at random moments and at each named point), new patients and a command's update.

The full run is `python bench/kill_loops.py --kills 120`; its figures are in the README.
"""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

LOOPS = Path(__file__).resolve().parents[2] / "bench" / "kill_loops.py"


def _loops():
    spec = importlib.util.spec_from_file_location("kill_loops", LOOPS)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["import", "create", "backup", "restore", "patients",
                                  "migrate"])
def test_kills_leave_whole_data_and_no_false_alarm(tmp_path, name):
    loop = _loops().LOOPS[name](3, tmp_path, random.Random(5))
    assert loop.kills == 3
    assert loop.problems == []


def test_a_kill_at_each_named_point_of_a_restore_keeps_clinic_mode(tmp_path):
    loops = _loops()
    loop = loops.run_points(1, tmp_path, random.Random(5))
    assert loop.kills == len(loops.RESTORE_POINTS) + 1  # each point once, and a new patient's
    assert loop.problems == []


def test_create_loop_notices_a_half_made_database(tmp_path, monkeypatch):
    """The check is not a rubber stamp: an empty file where the database goes is reported."""
    loops = _loops()
    real = loops._kill_at_random

    def kill_then_leave_an_empty_file(args, rng, low, high):
        finished = real(args, rng, low, high)
        db = Path(args[-1]) / "ankle_gui.sqlite3"
        db.unlink(missing_ok=True)
        db.write_bytes(b"")  # what the old creation left in 7 of 30 kills
        return finished

    monkeypatch.setattr(loops, "_kill_at_random", kill_then_leave_an_empty_file)
    loop = loops.run_create(1, tmp_path, random.Random(5))
    assert any("empty" in p for p in loop.problems)
