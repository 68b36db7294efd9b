"""Folding streamed deltas (plain dicts from the API's ``*.delta`` events) into snapshots."""

from __future__ import annotations

from typing import Any, Dict, List, cast

__all__ = ["accumulate_delta"]


def accumulate_delta(acc: Dict[Any, Any], delta: Dict[Any, Any]) -> Dict[Any, Any]:
    """Merge ``delta`` into ``acc`` in place and return ``acc``.

    Strings are appended and numbers added; nested dicts merge recursively; lists of
    plain values are extended; lists of dicts merge entry by entry at the position their
    ``index`` key names (a new position is inserted). ``index`` and ``type`` keys are
    replaced, never accumulated: they identify the entry rather than stream its value.
    """
    for key, value in delta.items():
        current = acc.get(key)
        if key not in acc or current is None or key in ("index", "type"):
            acc[key] = value
        elif isinstance(current, str) and isinstance(value, str):
            acc[key] = current + value
        elif (
            isinstance(current, (int, float))
            and not isinstance(current, bool)
            and isinstance(value, (int, float))
        ):
            acc[key] = current + value
        elif isinstance(current, dict) and isinstance(value, dict):
            accumulate_delta(cast(Dict[Any, Any], current), cast(Dict[Any, Any], value))
        elif isinstance(current, list) and isinstance(value, list):
            _accumulate_list(cast(List[Any], current), cast(List[Any], value), key)
        else:
            acc[key] = value
    return acc


def _accumulate_list(acc: List[Any], delta: List[Any], key: object) -> None:
    if all(not isinstance(item, dict) for item in acc) and all(
        not isinstance(item, dict) for item in delta
    ):
        acc.extend(delta)
        return
    for entry in delta:
        if not isinstance(entry, dict):
            raise TypeError(
                f"Cannot merge the non-object entry {entry!r} of the streamed list `{key}`"
            )
        entry_dict = cast(Dict[Any, Any], entry)
        index = entry_dict.get("index")
        if not isinstance(index, int):
            raise TypeError(
                f"An entry of the streamed list `{key}` has no integer `index`: {entry!r}"
            )
        if index < len(acc) and isinstance(acc[index], dict):
            accumulate_delta(cast(Dict[Any, Any], acc[index]), entry_dict)
        else:
            acc.insert(index, dict(entry_dict))
