"""A stand-in for the ``sounddevice`` module: streams driven by a thread, no hardware.

Like PortAudio, each stream calls its callback from its own thread, block after
block, until the callback raises ``CallbackStop``/``CallbackAbort`` or the stream
is stopped; then it calls ``finished_callback``. Output streams record every
block the callback wrote; input streams hand the callback numbered blocks (block
k is filled with k + 1) and record what they delivered.
"""

from __future__ import annotations

import threading
import time
from typing import Any, Callable, List, Optional

import numpy as np

BLOCKSIZE = 256
MAX_BLOCKS = 20_000  # a test that never stops its stream fails instead of hanging


class CallbackStop(Exception):
    pass


class CallbackAbort(Exception):
    pass


streams: List[Any] = []


class _Stream:
    def __init__(
        self,
        *,
        samplerate: float,
        channels: int,
        dtype: Any,
        callback: Callable[..., None],
        finished_callback: Optional[Callable[[], None]] = None,
        blocksize: int = BLOCKSIZE,
    ) -> None:
        self.samplerate = samplerate
        self.channels = channels
        self.dtype = np.dtype(dtype)
        self.callback = callback
        self.finished_callback = finished_callback
        self.blocksize = blocksize
        self.ended_by: Optional[str] = None
        self.closed = False
        self.events: List[str] = []
        self._stop = threading.Event()
        self._thread: Optional[threading.Thread] = None
        streams.append(self)

    def start(self) -> None:
        self.events.append("start")
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self.events.append("stop")
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=10)

    def close(self) -> None:
        self.events.append("close")
        self.closed = True

    def __enter__(self) -> Any:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
        self.close()

    def _run(self) -> None:
        try:
            for index in range(MAX_BLOCKS):
                if self._stop.is_set():
                    self.ended_by = "stop"
                    return
                try:
                    self._block(index)
                except CallbackStop:
                    self.ended_by = "CallbackStop"
                    return
                except CallbackAbort:
                    self.ended_by = "CallbackAbort"
                    return
                time.sleep(0.0002)  # let the event loop run, as a real device would
            self.ended_by = "MAX_BLOCKS"
        finally:
            if self.finished_callback is not None:
                self.finished_callback()

    def _block(self, index: int) -> None:
        raise NotImplementedError


class OutputStream(_Stream):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.blocks: List[np.ndarray] = []

    def _block(self, index: int) -> None:
        outdata = np.full((self.blocksize, self.channels), np.nan, dtype=self.dtype)
        try:
            self.callback(outdata, self.blocksize, None, None)
        finally:
            self.blocks.append(outdata.copy())

    @property
    def played(self) -> np.ndarray:
        if not self.blocks:
            return np.zeros((0, self.channels), dtype=self.dtype)
        return np.concatenate(self.blocks)


class InputStream(_Stream):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.delivered: List[np.ndarray] = []

    def _block(self, index: int) -> None:
        indata = np.full((self.blocksize, self.channels), index + 1, dtype=self.dtype)
        self.delivered.append(indata.copy())
        self.callback(indata, self.blocksize, None, None)
        indata.fill(0)  # the device reuses its buffer: a callback must copy


def reset() -> None:
    streams.clear()
