"""The house rules: core/ knows no Qt, and only store/ speaks SQL."""

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
            if top in QT_MODULES or name.startswith(("ankle_gui.ui", "ankle_gui.store")):
                offenders.append(f"{path.name}: {name}")
    assert offenders == []


def test_store_imports_no_qt_or_ui():
    offenders = []
    for path in (PACKAGE / "store").rglob("*.py"):
        for name in _imports(path):
            if name.split(".")[0] in QT_MODULES or name.startswith("ankle_gui.ui"):
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
