"""A type whose import and pydantic schema wait until a value needs them.

Some response fields are typed with a large union that is almost never populated:
``Response.instructions`` accepts a list of input items (about 30 models behind it)
but the API nearly always sends a string or null. Importing and building that union
for every first ``responses.create`` costs more than the rest of the call. The
generator (a type entry's ``lazy`` option in its config) writes such a field's type
through a :class:`LazyType`: the module named is imported, and the type's validator
built, only when a value reaches that part of the annotation (the string and null of
``Union[str, List[...], None]`` never do). Type checkers see the real type (the
generator imports it under ``TYPE_CHECKING``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Optional

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

if TYPE_CHECKING:
    from pydantic import TypeAdapter

__all__ = ["LazyType"]


class LazyType:
    """Stands for ``module:name`` in an annotation until a value needs the real type."""

    __slots__ = ("module", "name", "_adapter")

    def __init__(self, module: str, name: str) -> None:
        self.module = module
        self.name = name
        self._adapter: Optional[TypeAdapter[Any]] = None

    def __repr__(self) -> str:
        return f"LazyType({self.module}:{self.name})"

    # ``typing`` accepts callables as type arguments (``List[LazyType(...)]``).
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError(f"{self.name} is a type alias and cannot be called")

    def resolve(self) -> Any:
        """The real type (imports its module)."""
        return getattr(importlib.import_module(self.module), self.name)

    def adapter(self) -> TypeAdapter[Any]:
        adapter = self._adapter
        if adapter is None:
            from pydantic import TypeAdapter  # not needed until a value arrives

            adapter = self._adapter = TypeAdapter(self.resolve())
        return adapter

    def _validate(self, value: Any) -> Any:
        return self.adapter().validate_python(value)

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        # No serializer given: values are dumped by inspecting them, which handles the
        # models and lists the real type produces.
        return core_schema.no_info_plain_validator_function(self._validate)

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return handler(self.adapter().core_schema)
