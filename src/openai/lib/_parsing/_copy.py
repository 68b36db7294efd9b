"""Re-typing a parsed response object without a round trip through dicts.

The parse helpers turn a ``ChatCompletion`` into a ``ParsedChatCompletion`` (and the
same for responses). The values are already validated, so the new object is built
from the old one's field values directly: no ``to_dict()`` and re-validation per
parse, and nested objects are shared rather than copied.
"""

from __future__ import annotations

from typing import Any, Dict, Type, TypeVar

import pydantic

from ..._models import set_request_id

__all__ = ["rebuild", "parametrize"]

_M = TypeVar("_M", bound=pydantic.BaseModel)


def rebuild(cls: Type[_M], obj: pydantic.BaseModel, **changes: Any) -> _M:
    """An instance of ``cls`` with ``obj``'s fields (extra fields included) and ``changes``.

    The fields ``obj`` had set stay set, and so do the changed ones, so ``to_dict()``
    shows the same keys plus the new ones. The request id is carried over.
    """
    values: Dict[str, Any] = dict(obj.__dict__)
    extra = obj.__pydantic_extra__
    if extra:
        values.update(extra)
    values.update(changes)
    new = cls.model_construct(obj.model_fields_set | set(changes), **values)
    private = obj.__pydantic_private__
    if private:
        set_request_id(new, private.get("_request_id"))
    return new


def parametrize(cls: Any, argument: Any) -> Any:
    """``cls[argument]`` for a generic model whose argument is only known at runtime (the
    ``response_format`` type), so the object prints as ``ParsedChatCompletion[MyModel]``."""
    return cls[argument]
