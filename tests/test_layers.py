"""The house rules: core/ and services/ know no Qt, only store/ speaks SQL or holds the
connection, and a long file says why it is long."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "ankle_gui"
QT_MODULES = ("PySide6", "shiboken6", "pyqtgraph", "PyQt5", "PyQt6")
SQL = re.compile(
    r"^\s*(SELECT\b.*\bFROM\b|INSERT\s+(OR\s+\w+\s+)?INTO\b|UPDATE\s+\w+\s+SET\b|"
    r"DELETE\s+FROM\b|CREATE\s+(UNIQUE\s+)?(TABLE|INDEX|TRIGGER|VIEW)\b|DROP\s+(TABLE|INDEX)\b|"
    r"ALTER\s+TABLE\b|PRAGMA\s+\w+|VACUUM(\s+INTO\b|\s*;?\s*$)|REPLACE\s+INTO\b|"
    r"WITH\s+\w+\s+AS\b|(BEGIN|COMMIT|ROLLBACK)(\s+\w+)?\s*;?\s*$)",
    re.DOTALL)  # case-sensitive: the house writes SQL keywords in capitals, prose does not


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_imports_no_qt_and_nothing_above_it():
    offenders = []
    for path in (PACKAGE / "core").rglob("*.py"):
        for name in _imports(path):
            top = name.split(".")[0]
            if top in QT_MODULES or name.startswith(("ankle_gui.ui", "ankle_gui.store",
                                                     "ankle_gui.services")):
                offenders.append(f"{path.name}: {name}")
    assert offenders == []


def test_services_import_no_qt_and_no_ui():
    offenders = []
    for path in (PACKAGE / "services").rglob("*.py"):
        for name in _imports(path):
            if name.split(".")[0] in QT_MODULES or name.startswith("ankle_gui.ui"):
                offenders.append(f"{path.name}: {name}")
    assert offenders == []


def test_store_imports_no_qt_or_ui():
    offenders = []
    for path in (PACKAGE / "store").rglob("*.py"):
        for name in _imports(path):
            if name.split(".")[0] in QT_MODULES or name.startswith(("ankle_gui.ui",
                                                                     "ankle_gui.services")):
                offenders.append(f"{path.name}: {name}")
    assert offenders == []


def _sql_literals(source: str) -> list[int]:
    """Line numbers of string literals that are SQL statements."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and SQL.match(node.value):
            lines.append(node.lineno)
    return lines


def test_sql_appears_only_in_store():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "store" in path.relative_to(PACKAGE).parts:
            continue
        offenders += [f"{path.relative_to(PACKAGE)}:{n}"
                      for n in _sql_literals(path.read_text(encoding="utf-8"))]
    assert offenders == []


def test_the_sql_detector_catches_queries_and_spares_prose():
    sample = (
        'db.execute("SELECT * FROM profiles")\n'
        'conn.execute("PRAGMA user_version = 3")\n'
        'label("Select a drill to start")\n'
        'x = "Update your plan when you retest"\n'
        'raise EngineError("begin() was already called")\n'
        'db.execute("BEGIN")\n'
        'say("Select a profile from the list; Delete from it anyone who left")\n'
        'db.execute("DELETE FROM profiles WHERE id = ?")\n'
    )
    assert _sql_literals(sample) == [1, 2, 6, 8]


def test_importing_core_loads_no_qt():
    code = ("import sys, ankle_gui.core.catalogue, ankle_gui.core.assessment, "
            "ankle_gui.core.plan, ankle_gui.core.demo; "
            "import pkgutil, importlib, ankle_gui.core as c; "
            "[importlib.import_module('ankle_gui.core.' + m.name) "
            " for m in pkgutil.iter_modules(c.__path__)]; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('PySide6', 'shiboken6', 'pyqtgraph')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_importing_services_loads_no_qt():
    code = ("import sys, pkgutil, importlib, ankle_gui.services as s; "
            "[importlib.import_module('ankle_gui.services.' + m.name) "
            " for m in pkgutil.iter_modules(s.__path__)]; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('PySide6', 'shiboken6', 'pyqtgraph')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- only the store holds the connection -----------------------------------------------------

def _connection_uses(source: str) -> list[str]:
    """Imports of sqlite3, and ``<x>.db.conn`` / ``<x>.atomic`` / ``db.conn`` uses, by line."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""])
            found += [f"{node.lineno}: import {n}" for n in names if n.split(".")[0] == "sqlite3"]
        elif isinstance(node, ast.Attribute):
            if node.attr == "atomic":
                found.append(f"{node.lineno}: .atomic")
            elif node.attr == "conn" and (
                    isinstance(node.value, ast.Attribute) and node.value.attr == "db"
                    or isinstance(node.value, ast.Name) and node.value.id == "db"):
                found.append(f"{node.lineno}: db.conn")
    return sorted(found, key=lambda use: int(use.split(":")[0]))


def test_only_the_store_imports_sqlite3_or_touches_the_connection():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "store" in path.relative_to(PACKAGE).parts:
            continue
        offenders += [f"{path.relative_to(PACKAGE)}:{use}"
                      for use in _connection_uses(path.read_text(encoding="utf-8"))]
    assert offenders == []


def test_the_connection_detector_catches_each_leak():
    sample = (
        "import sqlite3\n"
        "from sqlite3 import Error\n"
        "with self._store.db.atomic():\n"
        "    pass\n"
        "backups.make(store.db.conn, kind)\n"
        "x = db.conn\n"
        "path = 'data.sqlite3'\n"
        "self.conn = other\n"
    )
    assert _connection_uses(sample) == ["1: import sqlite3", "2: import sqlite3", "3: .atomic",
                                        "5: db.conn", "6: db.conn"]


# --- a long file says why ----------------------------------------------------------------------

LONG_FILE_LINES = 400
LONG_FILE_NOTE = "# Long file:"   # within the first lines: why it is one file


def _long_without_note(path: Path) -> bool:
    lines = path.read_text(encoding="utf-8").splitlines()
    return len(lines) > LONG_FILE_LINES and not any(
        line.startswith(LONG_FILE_NOTE) for line in lines[:20])


def test_every_file_over_400_lines_says_why_at_its_top():
    offenders = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
                 if _long_without_note(p)]
    assert offenders == []


def test_the_long_file_rule_catches_a_long_file_without_a_note(tmp_path):
    body = "x = 1\n" * (LONG_FILE_LINES + 1)
    (tmp_path / "long.py").write_text('"""Doc."""\n' + body)
    (tmp_path / "noted.py").write_text(f'"""Doc."""\n{LONG_FILE_NOTE} one state machine\n'
                                       + body)
    (tmp_path / "short.py").write_text("x = 1\n" * LONG_FILE_LINES)
    assert [_long_without_note(tmp_path / n) for n in ("long.py", "noted.py", "short.py")] \
        == [True, False, False]


def test_side_colours_are_written_only_in_the_palette():
    from ankle_gui.printing.palette import SIDE_COLOURS

    offenders = []
    for path in [*(PACKAGE / "ui").rglob("*.py"), *(PACKAGE / "printing").rglob("*.py")]:
        if path.name == "palette.py":
            continue
        text = path.read_text(encoding="utf-8").lower()
        offenders += [f"{path.relative_to(PACKAGE)}: {c}" for c in SIDE_COLOURS.values()
                      if c.lower() in text]
    assert offenders == []


# --- figures live in the README and the benches, where they are measured again --------------

MS_FIGURE = re.compile(r"\d+(\.\d+)?\s?ms\b")


def _ms_figures_in_comments(source: str) -> list[int]:
    import io
    import tokenize

    lines = [tok.start[0] for tok in tokenize.generate_tokens(io.StringIO(source).readline)
             if tok.type == tokenize.COMMENT and MS_FIGURE.search(tok.string)]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef):
            doc = ast.get_docstring(node, clean=False)
            if doc and MS_FIGURE.search(doc):
                lines.append(node.body[0].lineno)
    return sorted(lines)


def test_no_millisecond_figures_in_comments_or_docstrings():
    offenders = [f"{p.relative_to(PACKAGE)}:{n}" for p in PACKAGE.rglob("*.py")
                 for n in _ms_figures_in_comments(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_the_figure_finder_finds_comments_and_docstrings_only():
    sample = ('"""Module, 3 ms."""\n'
              'x = 1  # saves 0.6 ms\n'
              'TIMEOUT_MS = 5000  # five seconds\n'
              'def f():\n'
              '    """Takes 12ms."""\n'
              '    return "wait 200 ms"\n')
    assert _ms_figures_in_comments(sample) == [1, 2, 5]


# --- no import cycles -----------------------------------------------------------------------

def _module_name(path: Path, package: Path) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported_modules(path: Path, name: str, known: set[str]) -> set[str]:
    """The package's modules that ``path`` (module ``name``) imports anywhere: at the top,
    inside a function, or under ``if TYPE_CHECKING`` (each is a dependency a reader has to
    follow)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:   # relative: from the package, up level - 1
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from ankle_gui.ui import main_window` imports the module main_window.
            targets = [base] + [f"{base}.{a.name}" for a in node.names]
        else:
            continue
        found.update(t for t in targets if t in known)
    found.discard(name)
    return found


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every group of modules that import each other round in a circle (Tarjan's strongly
    connected components with more than one module), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(groups)


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    names = {path: _module_name(path, package) for path in sorted(package.rglob("*.py"))}
    known = set(names.values())
    return {name: _imported_modules(path, name, known) for path, name in names.items()}


def test_no_module_imports_itself_back_through_others():
    assert _cycles(import_graph()) == []


def test_the_cycle_finder_sees_function_level_type_checking_and_relative_imports(tmp_path):
    (tmp_path / "ankle_gui" / "ui").mkdir(parents=True)
    for name, text in {
        "__init__.py": "",
        "ui/__init__.py": "",
        "ui/window.py": "from ankle_gui.ui import pages\n",
        "ui/pages.py": "def build():\n    from .window import Window\n",
        "ui/hooks.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                       "    import ankle_gui.ui.screen\n",
        "ui/screen.py": "from ankle_gui.ui.hooks import Hooks\n",
        "ui/alone.py": "from ankle_gui.ui.window import Window\n",
    }.items():
        (tmp_path / "ankle_gui" / name).write_text(text)
    assert _cycles(import_graph(tmp_path / "ankle_gui")) == [
        ["ankle_gui.ui.hooks", "ankle_gui.ui.screen"],
        ["ankle_gui.ui.pages", "ankle_gui.ui.window"]]


# --- the window writes only through services ---------------------------------------------------
# Which store methods write is read from the store itself: a method or function writes if it
# holds a writing SQL statement, opens a transaction, inserts or copies the database, or calls
# one that does. A new write method in store/ is caught without touching this test. Writes of
# other files (a report, a CSV the person saves) are not the database's, so not counted here.

STORE = PACKAGE / "store"
WRITE_SQL = re.compile(r"^\s*(INSERT\b|UPDATE\s+\w+\s+SET\b|DELETE\s+FROM\b|REPLACE\s+INTO\b|"
                       r"VACUUM\b|CREATE\b|DROP\b|ALTER\b)", re.IGNORECASE)
WRITE_CALLS = {"atomic", "insert", "backup", "executescript"}
# Writes the rules above cannot see: removing old backups deletes files, not rows.
LISTED_WRITERS = {"Backups": {"rotate"}}


def _called_name(call: ast.Call) -> tuple[str | None, str]:
    """(the receiver's last name without leading underscores, or None for a bare call;
    the name called)."""
    func = call.func
    if isinstance(func, ast.Name):
        return None, func.id
    if isinstance(func, ast.Attribute):
        value = func.value
        if isinstance(value, ast.Attribute):
            return value.attr.lstrip("_"), func.attr
        if isinstance(value, ast.Name):
            return value.id.lstrip("_"), func.attr
        return "", func.attr
    return None, ""


def _owner(receiver: str | None, parts: dict[str, str]) -> str | None:
    """The store class a call's receiver stands for, by its name: ``store.profiles`` and
    ``self._profiles`` a ProfileStore, ``self._store`` the Store, ``backups`` Backups; ""
    for a bare call (a module's function); None for anything else."""
    if receiver is None:
        return ""
    if receiver in parts:
        return parts[receiver]
    if receiver.endswith("store"):
        return "Store"
    if receiver.endswith("backups"):
        return "Backups"
    return None


def _writes_directly(node: ast.AST) -> bool:
    for inner in ast.walk(node):
        if isinstance(inner, ast.Constant) and isinstance(inner.value, str) \
                and WRITE_SQL.match(inner.value):
            return True
        if isinstance(inner, ast.Call):
            receiver, name = _called_name(inner)
            if receiver is not None and name in WRITE_CALLS:
                return True
    return False


def store_writers(store: Path = STORE) -> dict[str, set[str]]:
    """For each class in store/ (and "" for module-level functions): the public names that
    write, directly or through another store method or function."""
    bodies: dict[tuple[str, str], ast.AST] = {}
    for path in sorted(store.glob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef):
                bodies[("", node.name)] = node
            elif isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, ast.FunctionDef):
                        bodies[(node.name, item.name)] = item
    writing = {key for key, body in bodies.items() if _writes_directly(body)}
    writing |= {(cls, name) for cls, names in LISTED_WRITERS.items() for name in names}
    parts = store_parts(store)
    while True:
        more = set()
        for key, body in bodies.items():
            if key in writing:
                continue
            for call in (n for n in ast.walk(body) if isinstance(n, ast.Call)):
                receiver, name = _called_name(call)
                owner = key[0] if receiver == "self" else _owner(receiver, parts)
                if (owner, name) in writing:
                    more.add(key)
                    break
        if not more:
            break
        writing |= more
    found: dict[str, set[str]] = {}
    for cls, name in writing:
        if not name.startswith("_") or name == "__enter__":
            found.setdefault(cls, set()).add(name)
    return found


def store_parts(store: Path = STORE) -> dict[str, str]:
    """Store's parts as the code names them (``store.profiles``) and their classes."""
    parts = {}
    tree = ast.parse((store / "store.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) \
                and isinstance(node.value.func, ast.Name):
            for target in node.targets:
                if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) \
                        and target.value.id == "self":
                    parts[target.attr] = node.value.func.id
    return parts


def store_writes_in(source: str, writers: dict[str, set[str]],
                    parts: dict[str, str]) -> list[str]:
    """Every store write in ``source``, by line: a part's write method (``store.profiles.
    rename``, or through a name like ``self._profiles``), the Store's own (a transaction, a
    backup, a restore), a Backups write, a writing store function imported, and any use of
    the connection (``.db``)."""
    tree = ast.parse(source)
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("ankle_gui.store"):
            imported |= {a.asname or a.name for a in node.names
                         if a.name in writers.get("", set())}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "db":
            found.append(f"{node.lineno}: .db")
        if not isinstance(node, ast.Call):
            continue
        receiver, name = _called_name(node)
        if receiver is None:
            if name in imported:
                found.append(f"{node.lineno}: {name}()")
            continue
        owner = _owner(receiver, parts)
        if name == "transaction" or owner and name in writers.get(owner, set()):
            found.append(f"{node.lineno}: {receiver}.{name}()")
    return sorted(set(found), key=lambda use: int(use.split(":")[0]))


def test_the_store_says_which_of_its_methods_write():
    writers = store_writers()
    assert {"create", "rename", "delete", "set_unit", "set_timings", "mark_notice_seen"} \
        <= writers["ProfileStore"]
    assert {"save", "remember_dose"} <= writers["PlanStore"]
    assert {"add", "add_missing", "add_record"} <= writers["ResultStore"]
    assert {"start_session", "record_set", "finish_session", "set_ratings"} \
        <= writers["TrainingStore"]
    assert {"log", "set_code", "set_programme", "set_kiosk", "attempt"} <= writers["ClinicStore"]
    assert {"transaction", "make_backup", "export_copy", "replace_contents"} <= writers["Store"]
    assert {"make", "rotate"} <= writers["Backups"]
    assert {"import_csv", "add_demo_profile"} <= writers[""]
    assert writers["ProfileStore"].isdisjoint({"get", "all", "by_name", "timings",
                                               "notice_seen"})
    assert writers["TrainingStore"].isdisjoint({"session", "sessions", "sets"})
    assert "ProgressStore" not in writers and "SettingsStore" in writers
    assert writers["ClinicStore"].isdisjoint({"settings", "programme", "chained_entries"})
    assert store_parts()["profiles"] == "ProfileStore"


def test_the_store_write_finder_catches_each_way_in():
    writers, parts = store_writers(), store_parts()
    sample = (
        "from ankle_gui.store.exchange import import_csv, export_csv\n"
        "self._store.profiles.rename(1, 'x')\n"
        "profiles = self._store.profiles.all()\n"
        "self._profiles.delete(3)\n"
        "with self._store.transaction():\n"
        "    pass\n"
        "store.db.execute('x')\n"
        "import_csv(store, parsed, create_profiles=True)\n"
        "export_csv(store)\n"
        "self.store.make_backup(b, 'manual')\n"
        "self._settings.get('k')\n"
        "store.clinic.log(now, 'clinician', 'x')\n"
        "self._backups.make(conn, 'manual')\n"
    )
    assert store_writes_in(sample, writers, parts) == [
        "2: profiles.rename()", "4: profiles.delete()", "5: store.transaction()", "7: .db",
        "8: import_csv()", "10: store.make_backup()", "12: clinic.log()",
        "13: backups.make()"]


def test_the_window_writes_only_through_services():
    writers, parts = store_writers(), store_parts()
    offenders = []
    for path in sorted((PACKAGE / "ui").rglob("*.py")):
        offenders += [f"{path.relative_to(PACKAGE)}:{use}" for use in
                      store_writes_in(path.read_text(encoding="utf-8"), writers, parts)]
    assert offenders == []


# --- paper and the command line -----------------------------------------------------------------

def _offending(folder: str, forbidden) -> list[tuple[str, str]]:
    return sorted((str(path.relative_to(PACKAGE / folder)), name)
                  for path in (PACKAGE / folder).rglob("*.py")
                  for name in _imports(path) if forbidden(name))


def test_printing_imports_no_widgets_no_pyqtgraph_and_no_ui():
    """Paper is shared by the window and the command line: QtCore and QtGui only."""
    offenders = _offending("printing", lambda name: name.startswith(
        ("PySide6.QtWidgets", "PySide6.QtPrintSupport", "pyqtgraph", "ankle_gui.ui",
         "ankle_gui.cli", "ankle_gui.app")))
    assert offenders == []


def test_paper_is_laid_out_and_written_only_in_printing():
    """No second copy of the report or the handout elsewhere: outside printing/, nothing
    writes a PDF or lays a page out in a QTextDocument."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "printing" in path.relative_to(PACKAGE).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                offenders += [f"{path.relative_to(PACKAGE)}: {alias.name}"
                              for alias in node.names
                              if alias.name in ("QPdfWriter", "QTextDocument", "ImageExporter")]
    assert offenders == []


def test_the_command_line_imports_no_ui():
    """Function-level imports included: a command draws no widget (cli/ may start the
    window only through app/)."""
    assert _offending("cli", lambda name: name.startswith(
        ("ankle_gui.ui", "pyqtgraph"))) == []


def test_report_and_handout_content_come_from_services():
    text = (PACKAGE / "services" / "reports.py").read_text(encoding="utf-8")
    assert "def report_content(" in text and "def handout_content(" in text
    assert not [p for p in (PACKAGE / "ui").rglob("*.py")
                if re.search(r"def (report|handout)_content\(", p.read_text(encoding="utf-8"))]


def test_the_layer_checks_see_function_level_imports(tmp_path):
    (tmp_path / "cli.py").write_text("def run():\n    from ankle_gui.ui.progress import x\n")
    assert _imports(tmp_path / "cli.py") == {"ankle_gui.ui.progress"}
