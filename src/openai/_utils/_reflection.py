"""Signature checks used by the helpers to keep wrappers in step with the methods they wrap."""

from __future__ import annotations

import inspect
from typing import Any, Callable, List, Set


def function_has_argument(func: Callable[..., Any], arg_name: str) -> bool:
    return arg_name in inspect.signature(func).parameters


def assert_signatures_in_sync(
    source_func: Callable[..., Any],
    check_func: Callable[..., Any],
    *,
    exclude_params: Set[str] = set(),  # noqa: B006 - read only
    description: str = "",
) -> None:
    """Raise AssertionError listing the parameters of ``source_func`` that ``check_func`` lacks
    or annotates differently."""
    source = inspect.signature(source_func).parameters
    check = inspect.signature(check_func).parameters
    errors: List[str] = []
    for name, param in source.items():
        if name in exclude_params:
            continue
        other = check.get(name)
        if other is None:
            errors.append(f"the `{name}` param is missing")
            continue
        if param.annotation != other.annotation:
            errors.append(
                f"types for the `{name}` param do not match; source={param.annotation!r} checking={other.annotation!r}"
            )
    if errors:
        suffix = f" {description}" if description else ""
        raise AssertionError(
            f"{len(errors)} errors encountered when comparing signatures{suffix}:\n\n" + "\n\n".join(errors)
        )
