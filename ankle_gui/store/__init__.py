"""The only layer that speaks SQL."""

from ankle_gui.store.database import (
    DatabaseTooNewError,
    NotADatabaseError,
    WriteRefusedError,
    open_database,
)
from ankle_gui.store.errors import StoreError
from ankle_gui.store.store import DB_FILENAME, Store

__all__ = ["DB_FILENAME", "DatabaseTooNewError", "NotADatabaseError",
           "Store", "StoreError", "WriteRefusedError", "open_database"]
