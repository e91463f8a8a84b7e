"""services/ sits between the store and the screens: no Qt, no SQL, no raw connection."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "ankle_gui"
QT_MODULES = ("PySide6", "shiboken6", "pyqtgraph", "PyQt5", "PyQt6")
CLINIC_FILES = [PACKAGE / "cli" / "clinic.py", *sorted((PACKAGE / "services").glob("*.py"))]


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_services_import_no_qt_no_ui_and_no_sqlite3():
    offenders = [f"{path.name}: {name}" for path in CLINIC_FILES for name in _imports(path)
                 if name.split(".")[0] in QT_MODULES + ("sqlite3",)
                 or name.startswith("ankle_gui.ui")]
    assert offenders == []


def test_services_never_touch_the_connection_or_its_transactions():
    offenders = []
    for path in CLINIC_FILES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("conn", "atomic", "db"):
                offenders.append(f"{path.name}:{node.lineno} .{node.attr}")
    assert offenders == []


def test_lower_layers_do_not_import_services():
    offenders = [f"{path.relative_to(PACKAGE)}: {name}"
                 for folder in ("core", "store") for path in (PACKAGE / folder).rglob("*.py")
                 for name in _imports(path) if name.startswith("ankle_gui.services")]
    assert offenders == []


def test_the_services_package_is_one_docstring():
    tree = ast.parse((PACKAGE / "services" / "__init__.py").read_text(encoding="utf-8"))
    assert len(tree.body) == 1 and isinstance(tree.body[0].value, ast.Constant)


def test_importing_the_services_loads_no_qt():
    code = ("import sys, importlib, pkgutil, ankle_gui.services as s; "
            "[importlib.import_module('ankle_gui.services.' + m.name) "
            " for m in pkgutil.iter_modules(s.__path__)]; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('PySide6', 'shiboken6', 'pyqtgraph')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"
