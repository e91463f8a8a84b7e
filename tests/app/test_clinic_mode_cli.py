"""``ankle-gui clinic …`` and the PIN that export, report and import ask in clinic mode.

Most run main() in this process with standard input replaced; two run the real command
with the PIN piped in, as a roll-out script would. A PIN is never on the command line."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest
from helpers import PIN, add_pair, days_ago

from ankle_gui.cli.main import main
from ankle_gui.store import Store
from ankle_gui.store.backups import Backups

NEW_PIN = "582913"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run(data_dir, *args, stdin: str = "", terminal: list[str] | None = None,
        monkeypatch=None):
    """main() with standard input as given, or a terminal typing ``terminal`` in turn."""
    if terminal is not None:
        typed = iter(terminal)
        monkeypatch.setattr("getpass.getpass", lambda prompt="": next(typed))
        monkeypatch.setattr(sys, "stdin", Terminal())
    else:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return main(["--data-dir", str(data_dir), *map(str, args)])


@pytest.fixture
def clinic(data_dir, monkeypatch, capsys):
    """A data folder in clinic mode with two patients, Ann (code 1001 4821) and Bo."""
    store = Store.open(data_dir)
    ann = store.profiles.create("Ann Lee")
    bo = store.profiles.create("Bo")
    add_pair(store, ann.id, days_ago(30), 7.0, 9.0)
    add_pair(store, bo.id, days_ago(5), 11.0, 11.5)
    store.close()
    assert run(data_dir, "clinic", "enable", stdin=PIN + "\n", monkeypatch=monkeypatch) == 0
    assert run(data_dir, "clinic", "code", "--profile", "ann lee", "--set", "10014821",
               stdin=PIN + "\n", monkeypatch=monkeypatch) == 0
    capsys.readouterr()
    return data_dir


def settings(data_dir):
    store = Store.open(data_dir)
    try:
        return store.clinic.settings(), store.clinic.audit_entries()
    finally:
        store.close()


def test_enable_from_standard_input(data_dir, monkeypatch, capsys):
    assert run(data_dir, "clinic", "enable", "--name", "Riverside", stdin=PIN + "\n",
               monkeypatch=monkeypatch) == 0
    out = capsys.readouterr()
    assert "Clinic mode is on" in out.out and PIN not in out.out + out.err
    current, log = settings(data_dir)
    assert (current.mode, current.clinic_name) == ("clinic", "Riverside")
    assert [(e.actor, e.action) for e in log] == [("cli", "clinic_enabled")]


def test_enable_at_a_terminal_asks_twice(data_dir, monkeypatch, capsys):
    assert run(data_dir, "clinic", "enable", terminal=[PIN, "470218"],
               monkeypatch=monkeypatch) == 1
    assert "differ" in capsys.readouterr().err
    assert settings(data_dir)[0].mode == "home"
    assert run(data_dir, "clinic", "enable", terminal=[PIN, PIN], monkeypatch=monkeypatch) == 0
    assert settings(data_dir)[0].mode == "clinic"


@pytest.mark.parametrize(("typed", "message"), [("12345\n", "at least 6 digits"),
                                                ("123456\n", "too easy"),
                                                ("", "no PIN was given")])
def test_enable_with_a_bad_pin_changes_nothing(data_dir, monkeypatch, capsys, typed, message):
    assert run(data_dir, "clinic", "enable", stdin=typed, monkeypatch=monkeypatch) == 1
    assert message in capsys.readouterr().err
    assert settings(data_dir)[0].mode == "home"


def test_enable_prepares_a_new_data_folder(tmp_path, monkeypatch):
    fresh = tmp_path / "new-clinic-pc"
    assert run(fresh, "clinic", "enable", stdin=PIN, monkeypatch=monkeypatch) == 0
    assert settings(fresh)[0].mode == "clinic"


def test_disable_asks_for_the_pin(clinic, monkeypatch, capsys):
    assert run(clinic, "clinic", "disable", stdin="000001\n", monkeypatch=monkeypatch) == 1
    assert "not right" in capsys.readouterr().err
    assert settings(clinic)[0].mode == "clinic"
    assert run(clinic, "clinic", "disable", stdin=PIN + "\n", monkeypatch=monkeypatch) == 0
    assert settings(clinic)[0].mode == "home"


def test_idle_is_checked_before_the_pin_is_asked(clinic, monkeypatch, capsys):
    for bad in ("90", "30", "1860", "3m"):
        assert run(clinic, "clinic", "idle", bad, stdin=PIN, monkeypatch=monkeypatch) == 1
        assert "whole number of minutes from 60" in capsys.readouterr().err
    assert run(clinic, "clinic", "idle", "300", stdin="000001", monkeypatch=monkeypatch) == 1
    assert settings(clinic)[0].idle_minutes == 3
    assert run(clinic, "clinic", "idle", "300", stdin=PIN, monkeypatch=monkeypatch) == 0
    assert "Idle time set to 5 minutes." in capsys.readouterr().out
    assert settings(clinic)[0].idle_minutes == 5


def test_idle_in_home_mode_needs_no_pin(data_dir, monkeypatch):
    Store.open(data_dir).close()
    assert run(data_dir, "clinic", "idle", "60", monkeypatch=monkeypatch) == 0
    assert settings(data_dir)[0].idle_minutes == 1


def test_export_asks_for_the_pin_and_is_logged(clinic, tmp_path, monkeypatch, capsys):
    out = tmp_path / "all.csv"
    assert run(clinic, "export", "--csv", out, monkeypatch=monkeypatch) == 1
    assert "no PIN was given" in capsys.readouterr().err
    assert run(clinic, "export", "--csv", out, stdin="000001\n", monkeypatch=monkeypatch) == 1
    assert not out.exists()
    assert run(clinic, "export", "--csv", out, stdin=PIN + "\n", monkeypatch=monkeypatch) == 0
    assert out.exists()
    entry = settings(clinic)[1][0]
    assert (entry.actor, entry.action, entry.detail) == ("cli", "export", "all profiles")


@pytest.mark.parametrize("command", [("export", "--csv", "out.csv", "--profile", "Nobody"),
                                     ("report", "--pdf", "out.pdf", "--profile", "Nobody"),
                                     ("clinic", "code", "--profile", "Nobody")])
def test_no_name_is_listed_before_the_pin(clinic, monkeypatch, capsys, command):
    assert run(clinic, *command, stdin="000001", monkeypatch=monkeypatch) == 1
    err = capsys.readouterr().err
    assert "not right" in err and "Ann" not in err and "Bo" not in err
    assert run(clinic, *command, stdin=PIN, monkeypatch=monkeypatch) == 1
    assert "Ann Lee, Bo" in capsys.readouterr().err  # the clinician may see them


def test_wrong_pins_back_off_across_commands(clinic, tmp_path, monkeypatch, capsys):
    out = tmp_path / "all.csv"
    for _ in range(4):
        assert run(clinic, "export", "--csv", out, stdin="000001",
                   monkeypatch=monkeypatch) == 1
    assert run(clinic, "clinic", "disable", stdin="000001", monkeypatch=monkeypatch) == 1
    assert "must wait 30 seconds" in capsys.readouterr().err
    # The right PIN, but inside the wait: refused without being looked at.
    assert run(clinic, "export", "--csv", out, stdin=PIN, monkeypatch=monkeypatch) == 1
    err = capsys.readouterr().err
    assert "Too many wrong PINs. Wait" in err and PIN not in err
    assert not out.exists()
    log = settings(clinic)[1]
    assert PIN not in repr(log) and "000001" not in repr(log)


def test_import_asks_for_the_pin_and_imports_nothing_without_it(clinic, tmp_path,
                                                                 monkeypatch, capsys):
    source = tmp_path / "in.csv"
    assert run(clinic, "export", "--csv", source, "--profile", "Bo", stdin=PIN,
               monkeypatch=monkeypatch) == 0
    text = source.read_text(encoding="utf-8-sig")
    source.write_text(text.replace("\nBo,", "\nCy,"), encoding="utf-8-sig")  # a new person
    assert run(clinic, "import", "--csv", source, "--create-profiles", stdin="000001",
               monkeypatch=monkeypatch) == 1
    store = Store.open(clinic)
    assert store.profiles.by_name("Cy") is None
    store.close()
    assert run(clinic, "import", "--csv", source, "--create-profiles", stdin=PIN,
               monkeypatch=monkeypatch) == 0
    assert settings(clinic)[1][0][2:] == ("cli", "import", None, "2 results")


def test_report_by_code_needs_no_pin_and_by_name_does(clinic, tmp_path, monkeypatch, capsys,
                                                      qapp):
    pdf = tmp_path / "ann.pdf"
    assert run(clinic, "report", "--code", "99990000", "--pdf", pdf, monkeypatch=monkeypatch) == 1
    assert "No patient has this code" in capsys.readouterr().err
    assert run(clinic, "report", "--code", "10014821", "--pdf", pdf, monkeypatch=monkeypatch) == 0
    assert "Ann Lee" in capsys.readouterr().out and pdf.stat().st_size > 0
    actions = [(e.actor, e.action) for e in settings(clinic)[1][:2]]
    assert actions == [("cli", "report"), ("cli", "patient_opened")]
    other = tmp_path / "bo.pdf"
    assert run(clinic, "report", "--profile", "Bo", "--pdf", other,
               monkeypatch=monkeypatch) == 1
    assert not other.exists()


def test_report_by_code_is_for_clinic_mode(data_dir, tmp_path, monkeypatch, capsys):
    Store.open(data_dir).close()
    assert run(data_dir, "report", "--code", "10014821", "--pdf", tmp_path / "x.pdf",
               monkeypatch=monkeypatch) == 1
    assert "clinic mode only" in capsys.readouterr().err


def test_change_pin_needs_the_old_one(clinic, monkeypatch):
    assert run(clinic, "clinic", "change-pin", stdin=f"000001\n{NEW_PIN}\n",
               monkeypatch=monkeypatch) == 1
    assert run(clinic, "clinic", "change-pin", stdin=f"{PIN}\n{NEW_PIN}\n",
               monkeypatch=monkeypatch) == 0
    assert run(clinic, "clinic", "disable", stdin=PIN, monkeypatch=monkeypatch) == 1
    assert run(clinic, "clinic", "disable", stdin=NEW_PIN, monkeypatch=monkeypatch) == 0


def test_reset_pin_backs_up_first(clinic, monkeypatch, capsys):
    before = len(Backups(clinic / "ankle_gui.sqlite3").list())
    assert run(clinic, "clinic", "reset-pin", terminal=[NEW_PIN, NEW_PIN],
               monkeypatch=monkeypatch) == 0
    assert "backed up first" in capsys.readouterr().out
    assert len(Backups(clinic / "ankle_gui.sqlite3").list()) == before + 1
    assert run(clinic, "clinic", "disable", stdin=NEW_PIN, monkeypatch=monkeypatch) == 0


def test_reset_pin_is_only_for_clinic_mode(data_dir, monkeypatch, capsys):
    Store.open(data_dir).close()
    assert run(data_dir, "clinic", "reset-pin", stdin=NEW_PIN, monkeypatch=monkeypatch) == 1
    assert "no PIN to reset" in capsys.readouterr().err


def test_codes_are_shown_and_set_by_the_clinician(clinic, monkeypatch, capsys):
    assert run(clinic, "clinic", "code", "--profile", "Ann Lee", stdin="000001",
               monkeypatch=monkeypatch) == 1
    assert "10014821" not in capsys.readouterr().out
    assert run(clinic, "clinic", "code", "--profile", "Ann Lee", stdin=PIN,
               monkeypatch=monkeypatch) == 0
    assert "Ann Lee's code is 1001 4821." in capsys.readouterr().out
    assert run(clinic, "clinic", "code", "--profile", "Bo", "--set", "10014821", stdin=PIN,
               monkeypatch=monkeypatch) == 1
    assert "Another patient" in capsys.readouterr().err
    assert run(clinic, "clinic", "code", "--profile", "Bo", "--new", stdin=PIN,
               monkeypatch=monkeypatch) == 0
    assert "Bo's code is now " in capsys.readouterr().out
    assert run(clinic, "clinic", "code", "--profile", "Nobody", stdin=PIN,
               monkeypatch=monkeypatch) == 1


def test_status_names_no_patient(clinic, monkeypatch, capsys):
    assert run(clinic, "clinic", "status", monkeypatch=monkeypatch) == 0
    out = capsys.readouterr().out
    assert "Clinic mode" in out and "1 of 2 profiles have a code" in out
    assert "Ann" not in out and "10014821" not in out


def test_no_database_is_explained(tmp_path, monkeypatch, capsys):
    assert run(tmp_path / "none", "clinic", "disable", stdin=PIN,
               monkeypatch=monkeypatch) == 1
    assert "no ankle_gui database" in capsys.readouterr().err


def _real(data_dir, *args, stdin: str):
    return subprocess.run([sys.executable, "-m", "ankle_gui", "--data-dir", str(data_dir),
                           *map(str, args)], input=stdin, capture_output=True, text=True,
                          timeout=90, cwd=os.environ["HOME"])


@pytest.mark.slow
def test_a_rollout_script_pipes_the_pin(data_dir, tmp_path):
    done = _real(data_dir, "clinic", "enable", stdin=PIN + "\n")
    assert done.returncode == 0, done.stderr
    out = tmp_path / "all.csv"
    refused = _real(data_dir, "export", "--csv", out, stdin="000001\n")
    assert refused.returncode == 1 and "not right" in refused.stderr and not out.exists()
    done = _real(data_dir, "export", "--csv", out, stdin=PIN + "\n")
    assert done.returncode == 0, done.stderr
    assert PIN not in done.stdout + done.stderr + refused.stdout + refused.stderr


def test_enable_on_a_database_from_before_clinic_mode(data_dir, monkeypatch, capsys):
    import shutil
    from pathlib import Path

    old = Path(__file__).resolve().parents[1] / "fixtures" / "schema_0003.sqlite3"
    shutil.copyfile(old, data_dir / "ankle_gui.sqlite3")
    assert run(data_dir, "clinic", "enable", stdin=PIN, monkeypatch=monkeypatch) == 0
    [backup] = Backups(data_dir / "ankle_gui.sqlite3").list()
    assert backup.kind == "before-migration"
    assert run(data_dir, "clinic", "code", "--profile", "zoë", "--set", "48217730", stdin=PIN,
               monkeypatch=monkeypatch) == 0
    assert "Zoë's code is now 4821 7730." in capsys.readouterr().out


def test_enable_shows_the_recovery_code_once(data_dir, monkeypatch, capsys):
    Store.open(data_dir).close()
    assert run(data_dir, "clinic", "enable", stdin=PIN + "\n", monkeypatch=monkeypatch) == 0
    out = capsys.readouterr().out
    code = out.split("Recovery code: ")[1].split()[0]
    assert len(code) == 19
    assert run(data_dir, "clinic", "status", monkeypatch=monkeypatch) == 0
    assert code not in capsys.readouterr().out
    assert run(data_dir, "clinic", "recovery-code", stdin="000001",
               monkeypatch=monkeypatch) == 1
    assert run(data_dir, "clinic", "recovery-code", stdin=PIN, monkeypatch=monkeypatch) == 0
    assert "Recovery code: " in capsys.readouterr().out


def test_a_right_code_by_the_command_line_does_not_reset_the_wait(clinic, tmp_path,
                                                                  monkeypatch, capsys, qapp):
    """Issue 21 §2: `report --code` allowed 40 wrong guesses in 74 s, one's own code in
    between clearing the count. The count is the screen's, and a right code leaves it."""
    pdf = tmp_path / "r.pdf"
    for _ in range(4):
        assert run(clinic, "report", "--code", "99990000", "--pdf", pdf,
                   monkeypatch=monkeypatch) == 1
    assert run(clinic, "report", "--code", "10014821", "--pdf", pdf,
               monkeypatch=monkeypatch) == 0
    assert run(clinic, "report", "--code", "99990001", "--pdf", pdf,
               monkeypatch=monkeypatch) == 1
    assert "must wait 30 seconds" in capsys.readouterr().err
    assert run(clinic, "report", "--code", "10014821", "--pdf", pdf,
               monkeypatch=monkeypatch) == 1
    assert "Too many wrong codes" in capsys.readouterr().err
    wrong = [e for e in settings(clinic)[1] if e.action == "code_wrong"]
    assert len(wrong) == 6 and {e.actor for e in wrong} == {"cli"}
    assert wrong[0].detail.startswith("tried during the wait")


def test_no_output_lands_in_the_data_folder(clinic, monkeypatch, capsys):
    """Issue 21 §1: in every mode, a report, handout or CSV written over the database (or
    into the backups, or under a wildcard name) is refused before anything is written."""
    before = (clinic / "ankle_gui.sqlite3").read_bytes()[:100]
    for args in (("report", "--profile", "Bo", "--pdf", clinic / "ankle_gui.sqlite3"),
                 ("report", "--code", "10014821", "--pdf", clinic / "backups" / "x.pdf"),
                 ("export", "--csv", clinic / "ankle_gui.sqlite3-wal"),
                 ("report", "--code", "10014821", "--pdf", clinic.parent / "*.pdf"),
                 ("clinic", "audit", "--csv", clinic / "audit.csv")):
        assert run(*(clinic, *args), stdin=PIN, monkeypatch=monkeypatch) == 1
        err = capsys.readouterr().err
        assert "own data folder" in err or "cannot hold *" in err, err
    assert (clinic / "ankle_gui.sqlite3").read_bytes()[:100] == before
    assert not (clinic.parent / "*.pdf").exists()


def test_audit_verify_holds_then_names_the_entry_deleted_by_hand(clinic, tmp_path,
                                                                 monkeypatch, capsys):
    """Issue 21 §7: exit 0 while the chain holds; after `delete from audit_log where id in
    (…)` by hand, exit 1 naming the first entry that does not hold."""
    import sqlite3

    assert run(clinic, "clinic", "audit", "--verify", stdin="000001",
               monkeypatch=monkeypatch) == 1
    assert "not right" in capsys.readouterr().err
    assert run(clinic, "clinic", "audit", "--verify", stdin=PIN, monkeypatch=monkeypatch) == 0
    assert "The audit log holds" in capsys.readouterr().out
    conn = sqlite3.connect(clinic / "ankle_gui.sqlite3")
    conn.execute("DELETE FROM audit_log WHERE id IN (2, 3)")
    conn.commit()
    conn.close()
    out_csv = tmp_path / "audit.csv"
    assert run(clinic, "clinic", "audit", "--csv", out_csv, stdin=PIN,
               monkeypatch=monkeypatch) == 1
    out = capsys.readouterr().out
    assert "does not hold from entry 2: entries 2\u20133 were deleted" in out
    text = out_csv.read_text(encoding="utf-8-sig")
    assert "Deleted entry" in text and ",no," in text
    actions = [e.action for e in settings(clinic)[1][:2]]
    assert actions == ["audit_checked", "audit_exported"]


def test_the_export_folder_is_set_with_the_pin(clinic, tmp_path, monkeypatch, capsys):
    folder = tmp_path / "Patient files"
    folder.mkdir()
    assert run(clinic, "clinic", "export-folder", folder, stdin="000001",
               monkeypatch=monkeypatch) == 1
    assert run(clinic, "clinic", "export-folder", clinic / "backups", stdin=PIN,
               monkeypatch=monkeypatch) == 1
    assert run(clinic, "clinic", "export-folder", folder, stdin=PIN,
               monkeypatch=monkeypatch) == 0
    assert settings(clinic)[0].export_folder == str(folder.resolve())
    assert run(clinic, "clinic", "export-folder", "--clear", stdin=PIN,
               monkeypatch=monkeypatch) == 0
    assert settings(clinic)[0].export_folder is None
