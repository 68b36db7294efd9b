"""Event handlers registered with ``on`` / ``once`` and run by ``dispatch_events``."""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Optional, Tuple

__all__ = ["HandlerRegistry", "ANY_EVENT"]

ANY_EVENT = "event"
"""Handlers under this name see every event, after the handlers of its own type."""

Handler = Callable[..., Any]


class HandlerRegistry:
    """Handlers per event type, in registration order; a ``once`` handler runs a single time."""

    __slots__ = ("_handlers",)

    def __init__(self) -> None:
        self._handlers: Dict[str, List[Tuple[Handler, bool]]] = {}

    def add(self, event_type: str, handler: Handler, *, once: bool = False) -> None:
        if not callable(handler):
            raise TypeError(f"`handler` must be callable, got {type(handler).__name__}")
        self._handlers.setdefault(event_type, []).append((handler, once))

    def remove(self, event_type: str, handler: Handler) -> None:
        """Remove the first registration of ``handler`` for ``event_type`` (no error if absent)."""
        entries = self._handlers.get(event_type)
        if not entries:
            return
        for index, (registered, _once) in enumerate(entries):
            if registered is handler:
                del entries[index]
                break

    def has(self, event_type: str) -> bool:
        return bool(self._handlers.get(event_type))

    def take(self, event_type: str) -> List[Handler]:
        """The handlers to run for an event of ``event_type``; ``once`` handlers are removed now."""
        out: List[Handler] = []
        for name in (event_type, ANY_EVENT) if event_type != ANY_EVENT else (ANY_EVENT,):
            entries = self._handlers.get(name)
            if not entries:
                continue
            out.extend(handler for handler, _once in entries)
            if any(once for _handler, once in entries):
                self._handlers[name] = [(h, o) for h, o in entries if not o]
        return out

    def merge_into(self, other: HandlerRegistry) -> None:
        """Copy these registrations to ``other`` (the manager hands them to its connection)."""
        for name, entries in self._handlers.items():
            other._handlers.setdefault(name, []).extend(entries)


def register(registry: HandlerRegistry, owner: Any, event_type: str, handler: Optional[Handler], once: bool) -> Any:
    """``on``/``once`` as a method (returns ``owner`` for chaining) or as a decorator."""
    if handler is not None:
        registry.add(event_type, handler, once=once)
        return owner

    def decorator(function: Handler) -> Handler:
        registry.add(event_type, function, once=once)
        return function

    return decorator
