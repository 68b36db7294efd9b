"""Name rules: Python identifiers from API names, nested class names from paths."""

from __future__ import annotations

import keyword
import re

# Attributes of pydantic.BaseModel (and our BaseModel) that an API property
# must not shadow; such a property gets a trailing underscore and an alias.
_MODEL_RESERVED = frozenset(
    {
        "schema",
        "json",
        "dict",
        "copy",
        "construct",
        "validate",
        "fields",
        "parse_obj",
        "parse_raw",
        "parse_file",
        "from_orm",
        "update_forward_refs",
        "schema_json",
        "model_config",
        "model_fields",
        "model_computed_fields",
        "model_extra",
        "model_fields_set",
        "model_construct",
        "model_copy",
        "model_dump",
        "model_dump_json",
        "model_json_schema",
        "model_parametrized_name",
        "model_post_init",
        "model_rebuild",
        "model_validate",
        "model_validate_json",
        "model_validate_strings",
        "to_dict",
        "to_json",
    }
)

_WORD = re.compile(r"[A-Za-z0-9]+")
_ACRONYM_SPLIT = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def words(text: str) -> list[str]:
    """Split ``snake_case``, ``kebab-case``, ``dot.case`` and ``CamelCase`` into words."""
    out: list[str] = []
    for chunk in _WORD.findall(text):
        out.extend(w for w in _ACRONYM_SPLIT.split(chunk) if w)
    return out


# words the official names spell in capitals (``image_url`` -> ``ImageURL``)
ACRONYMS = {
    "api": "API",
    "id": "ID",
    "url": "URL",
    "json": "JSON",
    "jsonl": "JSONL",
    "ip": "IP",
    "pcm": "PCM",
    "pcma": "PCMA",
    "pcmu": "PCMU",
    "chatkit": "ChatKit",
}


def pascal(text: str | float | bool) -> str:
    """``image_generation_call`` -> ``ImageGenerationCall``, ``MCP tool filter`` ->
    ``McpToolFilter``: each word capitalized, except the few spelled as acronyms."""
    parts = words(str(text))
    out = "".join(ACRONYMS.get(p.lower()) or (p[:1].upper() + p[1:].lower()) for p in parts)
    if out and out[0].isdigit():
        out = "_" + out
    return out


def snake(text: str) -> str:
    """``ChatCompletionChunk`` -> ``chat_completion_chunk``."""
    return "_".join(w.lower() for w in words(text))


_IRREGULAR = {
    "children": "child",
    "people": "person",
    "indices": "index",
    "statuses": "status",
    "aliases": "alias",
    "analyses": "analysis",
    "responses": "response",
    "databases": "database",
    "criteria": "criterion",
}
_NO_SINGULAR = ("ss", "us", "is", "ics", "news", "series", "data", "metadata")


def singular(word: str) -> str:
    """Singularize the last word of a PascalCase name: ``ToolCalls`` -> ``ToolCall``."""
    parts = _ACRONYM_SPLIT.split(word)
    if not parts:
        return word
    last = parts[-1]
    low = last.lower()
    if low in _IRREGULAR:
        rep = _IRREGULAR[low]
        new = rep[:1].upper() + rep[1:] if last[:1].isupper() else rep
    elif low.endswith(_NO_SINGULAR):
        new = last
    elif low.endswith("ies") and len(low) > 3:
        new = last[:-3] + "y"
    elif low.endswith(("sses", "shes", "ches", "xes", "zes")):
        new = last[:-2]
    elif low.endswith("s") and not low.endswith("ss"):
        new = last[:-1]
    else:
        new = last
    return "".join(parts[:-1]) + new


def field_name(api_name: str, *, model: bool) -> str:
    """The Python attribute for an API property (models only rename)."""
    name = re.sub(r"\W", "_", api_name)
    if name and name[0].isdigit():
        name = "_" + name
    if keyword.iskeyword(name):
        return name + "_"
    if model and name in _MODEL_RESERVED:
        return name + "_"
    if model and name.startswith("model_"):
        # pydantic reserves the ``model_`` prefix; the official names use ``api_``
        return "api_" + name
    return name


def module_name(type_name: str) -> str:
    return snake(type_name)
