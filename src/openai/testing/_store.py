"""The emulator's state: JSON objects grouped by kind, and binary blobs.

Everything lives in memory. With a state directory, every write also goes to a
SQLite file (stdlib `sqlite3`), which is read back at start, so a restarted
emulator sees the same files, responses, batches, ... . Callers mutate an object
and then `put` it again; that is the only write path, so persistence cannot miss
an update.

Kinds starting with `_` hold internal bookkeeping (timelines, stored request
messages, replayable stream events) that is never served as is.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterator
from typing import Any

JSON = dict[str, Any]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS objects (kind TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL,
                                    body TEXT NOT NULL, PRIMARY KEY (kind, id));
CREATE TABLE IF NOT EXISTS blobs (id TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class Store:
    def __init__(self, state_dir: str | None = None) -> None:
        self._objects: dict[str, dict[str, JSON]] = {}
        self._blobs: dict[str, bytes] = {}
        self._seq = 0
        self._lock = threading.RLock()
        self._db: sqlite3.Connection | None = None
        if state_dir is not None:
            os.makedirs(state_dir, exist_ok=True)
            self._db = sqlite3.connect(
                os.path.join(state_dir, "emulator.sqlite3"),
                check_same_thread=False,
                isolation_level=None,
            )
            self._db.executescript(_SCHEMA)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._load()

    @property
    def persistent(self) -> bool:
        return self._db is not None

    def _load(self) -> None:
        assert self._db is not None
        for kind, id_, seq, body in self._db.execute(
            "SELECT kind, id, seq, body FROM objects ORDER BY seq"
        ):
            self._objects.setdefault(kind, {})[id_] = json.loads(body)
            self._seq = max(self._seq, seq)
        for id_, data in self._db.execute("SELECT id, data FROM blobs"):
            self._blobs[id_] = bytes(data)

    # objects

    def put(self, kind: str, id_: str, obj: JSON) -> JSON:
        with self._lock:
            bucket = self._objects.setdefault(kind, {})
            new = id_ not in bucket
            bucket[id_] = obj
            if self._db is not None:
                if new:
                    self._seq += 1
                    seq = self._seq
                else:
                    row = self._db.execute(
                        "SELECT seq FROM objects WHERE kind=? AND id=?", (kind, id_)
                    ).fetchone()
                    seq = row[0] if row else self._next_seq()
                self._db.execute(
                    "INSERT OR REPLACE INTO objects (kind, id, seq, body) VALUES (?, ?, ?, ?)",
                    (kind, id_, seq, json.dumps(obj, separators=(",", ":"))),
                )
        return obj

    def _next_seq(self) -> int:
        self._seq += 1
        return self._seq

    def get(self, kind: str, id_: str) -> JSON | None:
        return self._objects.get(kind, {}).get(id_)

    def delete(self, kind: str, id_: str) -> bool:
        with self._lock:
            found = self._objects.get(kind, {}).pop(id_, None) is not None
            if found and self._db is not None:
                self._db.execute(
                    "DELETE FROM objects WHERE kind=? AND id=?", (kind, id_)
                )
            return found

    def values(self, kind: str) -> list[JSON]:
        """All objects of a kind, oldest first."""
        return list(self._objects.get(kind, {}).values())

    def ids(self, kind: str) -> Iterator[str]:
        return iter(list(self._objects.get(kind, {})))

    # blobs

    def put_blob(self, id_: str, data: bytes) -> None:
        with self._lock:
            self._blobs[id_] = data
            if self._db is not None:
                self._db.execute(
                    "INSERT OR REPLACE INTO blobs (id, data) VALUES (?, ?)",
                    (id_, sqlite3.Binary(data)),
                )

    def get_blob(self, id_: str) -> bytes | None:
        return self._blobs.get(id_)

    def delete_blob(self, id_: str) -> None:
        with self._lock:
            self._blobs.pop(id_, None)
            if self._db is not None:
                self._db.execute("DELETE FROM blobs WHERE id=?", (id_,))

    # small settings that survive restarts (the id counter, the clock offset)

    def get_meta(self, key: str) -> str | None:
        if self._db is None:
            return None
        row = self._db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        if self._db is not None:
            with self._lock:
                self._db.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                    (key, value),
                )

    def clear(self) -> None:
        with self._lock:
            self._objects.clear()
            self._blobs.clear()
            if self._db is not None:
                self._db.executescript(
                    "DELETE FROM objects; DELETE FROM blobs; DELETE FROM meta;"
                )

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
