"""The database handle the store works through.

A thin layer over ``sqlite3`` with the part of the sqlite-utils ``Database`` API the store
uses (``execute``, ``query``, ``atomic``), two of them stricter than sqlite-utils': every
failure is the store's own error (errors.py), and a writing transaction starts with
``BEGIN IMMEDIATE`` (see ``atomic``). sqlite-utils itself runs the schema steps
(migrations.py); on every start it would cost more than the start-up budget allows
(bench/README.md has the figures).
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from ankle_gui.store.errors import StoreDatabaseError, as_store_error

# A statement's parameters, a sequence or a mapping, as sqlite3 takes them.
Parameters = Any


class StoreCursor(sqlite3.Cursor):
    """A cursor whose failures are the store's errors (errors.py), reads as well as writes."""

    def execute(self, sql: str, parameters: Parameters = (), /) -> StoreCursor:
        try:
            return super().execute(sql, parameters)
        except sqlite3.Error as exc:
            raise as_store_error(exc) from exc

    def executemany(self, sql: str, seq_of_parameters: Iterable[Parameters], /) -> StoreCursor:
        try:
            return super().executemany(sql, seq_of_parameters)
        except sqlite3.Error as exc:
            raise as_store_error(exc) from exc

    def executescript(self, sql_script: str, /) -> StoreCursor:
        try:
            super().executescript(sql_script)
            return self
        except sqlite3.Error as exc:
            raise as_store_error(exc) from exc

    def __next__(self) -> Any:
        try:
            return super().__next__()
        except sqlite3.Error as exc:
            raise as_store_error(exc) from exc

    def fetchone(self) -> Any:
        try:
            return super().fetchone()
        except sqlite3.Error as exc:
            raise as_store_error(exc) from exc

    def fetchmany(self, size: int | None = 1) -> list[Any]:
        try:
            return super().fetchmany(size)
        except sqlite3.Error as exc:
            raise as_store_error(exc) from exc

    def fetchall(self) -> list[Any]:
        try:
            return super().fetchall()
        except sqlite3.Error as exc:
            raise as_store_error(exc) from exc


class StoreConnection(sqlite3.Connection):
    """The store's connection (``sqlite3.connect(..., factory=StoreConnection)``): every
    statement runs on a StoreCursor. sqlite-utils runs its statements through it too."""

    def cursor(self, factory: Any = StoreCursor) -> Any:
        return super().cursor(factory)

    # The C versions make a plain cursor; these go through ours.
    def execute(self, sql: str, parameters: Parameters = (), /) -> StoreCursor:
        cursor: StoreCursor = self.cursor()
        return cursor.execute(sql, parameters)

    def executemany(self, sql: str, seq_of_parameters: Iterable[Parameters], /) -> StoreCursor:
        cursor: StoreCursor = self.cursor()
        return cursor.executemany(sql, seq_of_parameters)

    def executescript(self, sql_script: str, /) -> StoreCursor:
        cursor: StoreCursor = self.cursor()
        return cursor.executescript(sql_script)


class Database:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self._savepoints = itertools.count(1)
        self.replaced = 0  # times the whole contents were replaced (a restore, an import)

    def change_stamp(self) -> tuple[int, int, int]:
        """A value that moves whenever the data may have changed: another connection
        committed (SQLite's data_version), this one wrote a row (its total_changes, which
        counts rolled-back writes too: a needless reload, never a missed one), or the whole
        contents were replaced through the backup API, which neither counter sees."""
        version = int(self.execute("PRAGMA data_version").fetchone()[0])
        return version, self.conn.total_changes, self.replaced

    def execute(self, sql: str,
                parameters: Sequence[Any] | Mapping[str, Any] | None = None) -> sqlite3.Cursor:
        return self.conn.execute(sql, parameters if parameters is not None else ())

    def count(self, sql: str, parameters: Sequence[Any] | None = None) -> int:
        """The number a ``SELECT count(*)`` query gives."""
        return int(self.execute(sql, parameters).fetchone()[0])

    def insert(self, sql: str, parameters: Sequence[Any] | Mapping[str, Any]) -> int:
        """Run one INSERT and return the new row's id."""
        row_id = self.execute(sql, parameters).lastrowid
        if row_id is None:  # SQLite sets it after every INSERT that adds a row
            raise StoreDatabaseError(f"no row was added by: {sql}")
        return row_id

    def executescript(self, sql: str) -> sqlite3.Cursor:
        return self.conn.executescript(sql)

    def query(self, sql: str,
              params: Sequence[Any] | Mapping[str, Any] | None = None,
              ) -> Iterator[dict[str, Any]]:
        cursor = self.execute(sql, params)
        keys = [d[0] for d in cursor.description]
        for row in cursor:
            yield dict(zip(keys, row, strict=True))

    @contextmanager
    def atomic(self) -> Iterator[Database]:
        """One writing transaction; nested blocks become savepoints (as in sqlite-utils).

        It starts with ``BEGIN IMMEDIATE``: the write lock is taken first, waiting up to the
        busy timeout for another writer. A deferred ``BEGIN`` that reads and then writes
        cannot wait: SQLite fails its upgrade at once with "database is locked".
        """
        if self.conn.in_transaction:
            savepoint = f"sp_{next(self._savepoints)}"
            self.conn.execute(f"SAVEPOINT {savepoint}")
            try:
                yield self
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                    self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
                raise
            else:
                self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
        else:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            else:
                try:
                    self.conn.execute("COMMIT")
                except BaseException:
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
                    raise

    def close(self) -> None:
        self.conn.close()
