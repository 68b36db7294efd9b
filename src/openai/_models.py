"""Base class of every response model.

MINIMAL BOOTSTRAP VERSION: the runtime work (issue 2) replaces this with the real
implementation (lenient construction, ``to_dict``/``to_json``, ``_request_id``).
The contract the generated types rely on is only:

- ``BaseModel`` is a pydantic v2 model with ``extra="allow"`` and ``defer_build=True``;
- generated models subclass it and declare fields with standard typing constructs.
"""

from __future__ import annotations

import pydantic
from pydantic import ConfigDict

__all__ = ["BaseModel"]


class BaseModel(pydantic.BaseModel):
    model_config = ConfigDict(
        extra="allow",
        defer_build=True,
        populate_by_name=True,
        arbitrary_types_allowed=True,
        protected_namespaces=(),
    )
