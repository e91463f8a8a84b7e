"""The store's error types. Callers above the store catch ``StoreError`` and never see
SQLite's own classes (tests/test_layers.py keeps ``sqlite3`` inside store/)."""

from __future__ import annotations

import sqlite3


class StoreError(Exception):
    """A problem with the database file; the message is for the user."""


class DatabaseAccessError(StoreError, sqlite3.Error):
    """SQLite failed a statement on an open database: locked, disk full, a damaged page,
    a constraint. Each kind below is also SQLite's class of the same kind, with its error
    code, so code inside the store can still tell a full disk from a damaged file."""


class StoreInterfaceError(DatabaseAccessError, sqlite3.InterfaceError):
    pass


class StoreDatabaseError(DatabaseAccessError, sqlite3.DatabaseError):
    pass


class StoreDataError(StoreDatabaseError, sqlite3.DataError):
    pass


class StoreOperationalError(StoreDatabaseError, sqlite3.OperationalError):
    pass


class StoreIntegrityError(StoreDatabaseError, sqlite3.IntegrityError):
    pass


class StoreInternalError(StoreDatabaseError, sqlite3.InternalError):
    pass


class StoreProgrammingError(StoreDatabaseError, sqlite3.ProgrammingError):
    pass


class StoreNotSupportedError(StoreDatabaseError, sqlite3.NotSupportedError):
    pass


_SAME_KIND: dict[type[sqlite3.Error], type[DatabaseAccessError]] = {
    sqlite3.InterfaceError: StoreInterfaceError,
    sqlite3.DatabaseError: StoreDatabaseError,
    sqlite3.DataError: StoreDataError,
    sqlite3.OperationalError: StoreOperationalError,
    sqlite3.IntegrityError: StoreIntegrityError,
    sqlite3.InternalError: StoreInternalError,
    sqlite3.ProgrammingError: StoreProgrammingError,
    sqlite3.NotSupportedError: StoreNotSupportedError,
}


def as_store_error(exc: sqlite3.Error) -> DatabaseAccessError:
    """``exc`` as the store's error of the same kind, with SQLite's message and codes."""
    kind = next((_SAME_KIND[k] for k in type(exc).__mro__ if k in _SAME_KIND),
                DatabaseAccessError)
    converted = kind(*exc.args)
    for attribute in ("sqlite_errorcode", "sqlite_errorname"):
        if hasattr(exc, attribute):
            setattr(converted, attribute, getattr(exc, attribute))
    return converted
