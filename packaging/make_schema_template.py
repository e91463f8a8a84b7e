"""Rebuild resources/empty_database.sqlite3: an empty database made by the schema's Migrations.

Run from the repository root after adding a schema step:
``python packaging/make_schema_template.py``. A first start copies this file instead of
loading sqlite-utils (store/database.py); tests/store/test_schema_template.py fails while it
is older than the steps in store/migrations.py.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this tree's store, whatever is installed

from ankle_gui.store.database import TEMPLATE_NAME, build_with_migrations  # noqa: E402

OUT = ROOT / "resources" / TEMPLATE_NAME


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        built = Path(folder) / TEMPLATE_NAME
        build_with_migrations(built)
        OUT.write_bytes(built.read_bytes())
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
