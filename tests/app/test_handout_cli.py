"""``ankle-gui handout``: the home-programme PDF from the command line, in home and clinic
mode (the clinician's PIN from standard input, or the patient's own code)."""

from __future__ import annotations

import io
import sys

import pytest
from helpers import PIN

from ankle_gui.cli.main import main
from ankle_gui.core.plan import plan_item_for
from ankle_gui.core.records import Side
from ankle_gui.store import Store


def run(data_dir, *args, stdin: str = "", monkeypatch=None):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return main(["--data-dir", str(data_dir), *map(str, args)])


@pytest.fixture
def folder(data_dir, catalogue):
    """Ann Lee with a three-drill plan, Bo without one."""
    store = Store.open(data_dir)
    ann = store.profiles.create("Ann Lee")
    store.profiles.create("Bo")
    store.plans.save(ann.id, [plan_item_for(catalogue, "banded_mob_front", Side.LEFT),
                              plan_item_for(catalogue, "wall_calf_stretch", Side.BOTH),
                              plan_item_for(catalogue, "calf_raises_step", Side.BOTH)])
    store.close()
    return data_dir


@pytest.fixture
def clinic(folder, monkeypatch, capsys):
    assert run(folder, "clinic", "enable", "--name", "Riverside Physio", stdin=PIN + "\n",
               monkeypatch=monkeypatch) == 0
    assert run(folder, "clinic", "code", "--profile", "ann lee", "--set", "10014821",
               stdin=PIN + "\n", monkeypatch=monkeypatch) == 0
    assert run(folder, "clinic", "code", "--profile", "Bo", "--set", "20027319",
               stdin=PIN + "\n", monkeypatch=monkeypatch) == 0
    capsys.readouterr()
    return folder


def audit(data_dir):
    store = Store.open(data_dir)
    try:
        return [(e.actor, e.action, e.profile_id, e.detail)
                for e in store.clinic.audit_entries()]
    finally:
        store.close()


def test_home_mode_writes_the_pdf(folder, tmp_path, monkeypatch, capsys, qapp):
    out = tmp_path / "ann.pdf"
    assert run(folder, "handout", "--profile", "ann lee", "--pdf", out,
               monkeypatch=monkeypatch) == 0
    assert "home-programme handout for Ann Lee (1 page)" in capsys.readouterr().out
    assert out.read_bytes().startswith(b"%PDF")


def test_an_unknown_profile_is_one_line_and_no_file(folder, tmp_path, monkeypatch, capsys):
    out = tmp_path / "x.pdf"
    assert run(folder, "handout", "--profile", "Nobody", "--pdf", out,
               monkeypatch=monkeypatch) == 1
    err = capsys.readouterr().err
    assert err.startswith("ankle-gui handout: no profile named 'Nobody'") and err.count("\n") == 1
    assert not out.exists()


def test_no_plan_is_explained_and_writes_nothing(folder, tmp_path, monkeypatch, capsys, qapp):
    out = tmp_path / "bo.pdf"
    assert run(folder, "handout", "--profile", "Bo", "--pdf", out,
               monkeypatch=monkeypatch) == 1
    assert "Bo has no plan yet" in capsys.readouterr().err
    assert not out.exists() and not list(tmp_path.glob(".*.writing"))


def test_clinic_mode_asks_the_pin(clinic, tmp_path, monkeypatch, capsys, qapp):
    out = tmp_path / "ann.pdf"
    assert run(clinic, "handout", "--profile", "Ann Lee", "--pdf", out,
               monkeypatch=monkeypatch) == 1
    assert "no PIN was given" in capsys.readouterr().err
    assert run(clinic, "handout", "--profile", "Ann Lee", "--pdf", out, stdin="000001\n",
               monkeypatch=monkeypatch) == 1
    err = capsys.readouterr().err
    assert "not right" in err and "Ann" not in err
    assert not out.exists()
    assert run(clinic, "handout", "--profile", "Ann Lee", "--pdf", out, stdin=PIN + "\n",
               monkeypatch=monkeypatch) == 0
    assert out.exists()
    assert audit(clinic)[0][:2] + audit(clinic)[0][3:] == ("cli", "report",
                                                           "home-programme handout")


def test_a_code_opens_that_patient_only_without_a_pin(clinic, tmp_path, monkeypatch, capsys,
                                                      qapp):
    out = tmp_path / "mine.pdf"
    assert run(clinic, "handout", "--code", "99990000", "--pdf", out,
               monkeypatch=monkeypatch) == 1
    assert "No patient has this code" in capsys.readouterr().err and not out.exists()
    assert run(clinic, "handout", "--code", "10014821", "--pdf", out,
               monkeypatch=monkeypatch) == 0
    assert "Ann Lee" in capsys.readouterr().out and out.exists()
    assert [a[:2] for a in audit(clinic)[:2]] == [("cli", "report"), ("cli", "patient_opened")]
    # Bo's own code gives Bo's handout (he has no plan), never Ann's.
    other = tmp_path / "bo.pdf"
    assert run(clinic, "handout", "--code", "20027319", "--pdf", other,
               monkeypatch=monkeypatch) == 1
    assert "Bo has no plan yet" in capsys.readouterr().err and not other.exists()
    # --code and --profile together are refused by the parser.
    with pytest.raises(SystemExit):
        run(clinic, "handout", "--code", "20027319", "--profile", "Ann Lee", "--pdf", other,
            monkeypatch=monkeypatch)


def test_a_code_is_for_clinic_mode(folder, tmp_path, monkeypatch, capsys):
    assert run(folder, "handout", "--code", "10014821", "--pdf", tmp_path / "x.pdf",
               monkeypatch=monkeypatch) == 1
    assert "clinic mode only" in capsys.readouterr().err


def test_the_command_shows_in_help(capsys):
    with pytest.raises(SystemExit):
        main(["handout", "--help"])
    assert "--pdf OUT.pdf" in capsys.readouterr().out
