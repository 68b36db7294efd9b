"""Identifiers and clock for emulated objects.

Ids are deterministic: a hash of (seed, counter), so two runs that make the same
calls in the same order hand out the same ids. The counter is persisted with the
state (see `_store.py`), so ids stay unique across restarts.

The clock is wall time plus an offset that tests can push forward with
`Emulator.advance(seconds)`; time-driven state machines (batches, fine-tuning,
background responses) read this clock, so tests need not sleep.
"""

from __future__ import annotations

import hashlib
import threading
import time


class IdFactory:
    def __init__(self, seed: str = "emulator", start: int = 0) -> None:
        self._seed = seed
        self._counter = start
        self._lock = threading.Lock()

    @property
    def counter(self) -> int:
        return self._counter

    def reset(self, start: int = 0) -> None:
        with self._lock:
            self._counter = start

    def new(self, prefix: str, length: int = 24) -> str:
        with self._lock:
            self._counter += 1
            n = self._counter
        digest = hashlib.sha256(f"{self._seed}:{n}".encode()).hexdigest()
        return prefix + digest[:length]


class Clock:
    def __init__(self) -> None:
        self._offset = 0.0

    def now(self) -> float:
        return time.time() + self._offset

    def now_int(self) -> int:
        return int(self.now())

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError(f"`seconds` must be >= 0, got {seconds!r}")
        self._offset += seconds

    @property
    def offset(self) -> float:
        return self._offset

    def set_offset(self, offset: float) -> None:
        self._offset = offset
