"""Small app-wide preferences (mute switches, last profile) kept with the data."""

from __future__ import annotations

from ankle_gui.store.connection import Database


class SettingsStore:
    def __init__(self, db: Database):
        self._db = db

    def get(self, key: str, default: str | None = None) -> str | None:
        row = self._db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def get_bool(self, key: str, default: bool = False) -> bool:
        value = self.get(key)
        return default if value is None else value == "1"

    def set(self, key: str, value: str | bool | int) -> None:
        text = ("1" if value else "0") if isinstance(value, bool) else str(value)
        with self._db.atomic():
            self._db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value "
                "WHERE value IS NOT excluded.value", [key, text])  # unchanged: no disk write
