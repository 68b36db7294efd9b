from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any, Dict, List, Optional

import pydantic
import pytest
from pydantic import BaseModel

from openai.lib._pydantic import (
    StrictSchemaError,
    is_basemodel_type,
    is_dataclass_like_type,
    to_strict_json_schema,
)

from . import strict_schema_models as models


def assert_strict(schema: Dict[str, Any]) -> None:
    """Check the strict-mode rules on every schema node reachable from ``schema``."""

    def resolve(ref: str) -> Any:
        node: Any = schema
        for part in ref[2:].split("/"):
            node = node[part]
        return node

    def visit(node: Any, path: str) -> None:
        if isinstance(node, list):
            for i, item in enumerate(node):
                visit(item, f"{path}[{i}]")
            return
        if not isinstance(node, dict):
            return
        if "$ref" in node:
            assert set(node) == {"$ref"}, f"$ref with siblings at {path}"
            assert isinstance(resolve(node["$ref"]), dict), f"dangling $ref at {path}"
        assert "oneOf" not in node and "discriminator" not in node, path
        assert not ("default" in node and node["default"] is None), (
            f"null default at {path}"
        )
        if node.get("type") == "object":
            assert node["additionalProperties"] is False, path
            assert node["required"] == list(node["properties"]), path
        for key in ("properties", "$defs"):
            for name, sub in node.get(key, {}).items():
                visit(sub, f"{path}.{name}")
        for key in ("items", "anyOf", "allOf", "prefixItems"):
            if key in node:
                visit(node[key], f"{path}.{key}")

    visit(schema, "#")


# ----------------------------------------------------------------------------- shapes


def test_helpers_md_query_example() -> None:
    schema = to_strict_json_schema(models.Query)
    assert_strict(schema)
    assert schema["required"] == ["table_name", "columns", "conditions", "order_by"]
    assert schema["properties"]["table_name"] == {"$ref": "#/$defs/Table"}
    assert schema["properties"]["columns"] == {
        "items": {"$ref": "#/$defs/Column"},
        "title": "Columns",
        "type": "array",
    }
    assert schema["$defs"]["Operator"] == {
        "enum": ["=", ">", "<", "<=", ">=", "!="],
        "title": "Operator",
        "type": "string",
    }
    assert schema["$defs"]["Condition"]["properties"]["value"] == {
        "anyOf": [
            {"type": "string"},
            {"type": "integer"},
            {"$ref": "#/$defs/DynamicValue"},
        ],
        "title": "Value",
    }
    assert schema["$defs"]["DynamicValue"] == {
        "properties": {"column_name": {"title": "Column Name", "type": "string"}},
        "required": ["column_name"],
        "title": "DynamicValue",
        "type": "object",
        "additionalProperties": False,
    }


def test_every_field_required_and_optional_ones_nullable() -> None:
    schema = to_strict_json_schema(models.Everything)
    assert_strict(schema)
    props = schema["properties"]
    assert schema["required"] == list(models.Everything.model_fields)
    assert props["optional_int"] == {
        "anyOf": [{"type": "integer"}, {"type": "null"}],
        "title": "Optional Int",
    }
    assert props["optional_inner"] == {
        "anyOf": [{"$ref": "#/$defs/Inner"}, {"type": "null"}]
    }
    assert props["optional_no_default"] == {
        "anyOf": [{"type": "string"}, {"type": "null"}],
        "title": "Optional No Default",
    }
    assert props["nested_optional"] == {
        "anyOf": [
            {
                "items": {"anyOf": [{"$ref": "#/$defs/Inner"}, {"type": "null"}]},
                "type": "array",
            },
            {"type": "null"},
        ],
        "title": "Nested Optional",
    }
    # a non-null default is kept: it documents the value and is valid in strict mode
    assert props["with_default"] == {
        "default": 5,
        "title": "With Default",
        "type": "integer",
    }


def test_enums_literals_tuples_and_dates() -> None:
    props = to_strict_json_schema(models.Everything)["properties"]
    defs = to_strict_json_schema(models.Everything)["$defs"]
    assert props["color"] == {"$ref": "#/$defs/Color"}
    assert defs["Color"] == {
        "enum": ["red", "green"],
        "title": "Color",
        "type": "string",
    }
    assert defs["Level"] == {"enum": [1, 2], "title": "Level", "type": "integer"}
    assert props["literal"] == {
        "enum": ["a", "b"],
        "title": "Literal",
        "type": "string",
    }
    assert props["pair"] == {
        "maxItems": 2,
        "minItems": 2,
        "prefixItems": [{"type": "integer"}, {"type": "string"}],
        "title": "Pair",
        "type": "array",
    }
    assert props["when"] == {"format": "date-time", "title": "When", "type": "string"}
    assert props["day"] == {"format": "date", "title": "Day", "type": "string"}
    assert props["unique"] == {
        "items": {"type": "integer"},
        "title": "Unique",
        "type": "array",
        "uniqueItems": True,
    }


def test_ref_with_sibling_keys_is_inlined_and_siblings_win() -> None:
    prop = to_strict_json_schema(models.Everything)["properties"]["inner_described"]
    assert prop == {
        "description": "described inner",
        "properties": {"x": {"title": "X", "type": "integer"}},
        "required": ["x"],
        "title": "Inner",
        "type": "object",
        "additionalProperties": False,
    }


def test_recursive_model() -> None:
    schema = to_strict_json_schema(models.Node)
    assert_strict(schema)
    node = schema["$defs"]["Node"]
    assert node["properties"]["children"]["items"] == {"$ref": "#/$defs/Node"}
    assert node["properties"]["parent"] == {
        "anyOf": [{"$ref": "#/$defs/Node"}, {"type": "null"}]
    }
    # the root, a bare $ref next to $defs, is inlined
    assert schema["properties"] == node["properties"] and "$ref" not in schema


def test_recursive_model_with_described_self_references() -> None:
    # inlining the described self-reference would never end (the official client
    # overflows the stack here); it is wrapped in a one-variant anyOf instead
    schema = to_strict_json_schema(models.Tree)
    assert_strict(schema)
    tree = schema["$defs"]["Tree"]
    assert tree["properties"]["right"] == {
        "anyOf": [{"$ref": "#/$defs/Tree"}],
        "description": "right subtree",
    }
    assert tree["properties"]["left"] == {
        "anyOf": [{"$ref": "#/$defs/Tree"}, {"type": "null"}],
        "description": "left subtree",
    }
    assert schema["properties"]["kids"]["items"] == {"$ref": "#/$defs/Tree"}
    assert schema["description"] == "A tree whose self-references carry descriptions."


def test_discriminated_union_becomes_any_of() -> None:
    schema = to_strict_json_schema(models.Pet)
    assert_strict(schema)
    assert schema["properties"]["pet"] == {
        "anyOf": [{"$ref": "#/$defs/Cat"}, {"$ref": "#/$defs/Dog"}],
        "title": "Pet",
    }


def test_field_descriptions_titles_and_examples_are_kept() -> None:
    schema = to_strict_json_schema(models.Documented)
    assert schema["description"] == "Top doc."
    assert schema["properties"]["f"] == {
        "description": "field doc",
        "examples": [1, 2],
        "title": "Custom",
        "type": "integer",
    }


def test_defaults() -> None:
    props = to_strict_json_schema(models.Defaults)["properties"]
    assert props["s"] == {"default": "x", "title": "S", "type": "string"}
    assert props["values"] == {
        "items": {"type": "integer"},
        "title": "Values",
        "type": "array",
    }
    # a null default is dropped, the type is left as declared (a null would not validate)
    assert props["none_but_not_optional"] == {
        "title": "None But Not Optional",
        "type": "integer",
    }


def test_property_names_that_look_like_keywords() -> None:
    schema = to_strict_json_schema(models.KeywordNames)
    assert list(schema["properties"]) == ["properties", "type", "items", "$ref"]
    assert schema["required"] == ["properties", "type", "items", "$ref"]
    assert schema["properties"]["items"] == {
        "items": {"type": "string"},
        "title": "Items",
        "type": "array",
    }


@pytest.mark.parametrize("model", models.SUPPORTED, ids=lambda m: m.__name__)
def test_supported_models_give_strict_schemas(model: type[BaseModel]) -> None:
    assert_strict(to_strict_json_schema(model))


def test_typed_dicts_dataclasses_and_generics_inside_models() -> None:
    assert (
        to_strict_json_schema(models.WithTypedDict)["$defs"]["TD"][
            "additionalProperties"
        ]
        is False
    )
    assert to_strict_json_schema(models.WithDataclass)["$defs"]["PydanticDataclass"][
        "required"
    ] == ["x"]
    defs = to_strict_json_schema(models.UsesGenerics)["$defs"]
    assert defs["Box_int_"]["properties"]["item"] == {
        "title": "Item",
        "type": "integer",
    }
    assert defs["Box_Condition_"]["properties"]["item"] == {"$ref": "#/$defs/Condition"}


def test_type_adapter() -> None:
    assert to_strict_json_schema(
        pydantic.TypeAdapter(models.Inner)
    ) == to_strict_json_schema(models.Inner)
    listing = to_strict_json_schema(pydantic.TypeAdapter(List[models.Inner]))
    assert listing["type"] == "array" and listing["items"] == {"$ref": "#/$defs/Inner"}
    assert listing["$defs"]["Inner"]["additionalProperties"] is False
    assert to_strict_json_schema(pydantic.TypeAdapter(models.TD))["required"] == [
        "a",
        "b",
    ]
    union = to_strict_json_schema(pydantic.TypeAdapter(Optional[models.Condition]))
    assert union["anyOf"] == [{"$ref": "#/$defs/Condition"}, {"type": "null"}]


def test_older_pydantic_all_of_wrapping_is_unwrapped() -> None:
    # pydantic < 2.9 described a model-typed field as allOf [$ref] + description
    class Legacy(BaseModel):
        @classmethod
        def model_json_schema(cls, *args: Any, **kwargs: Any) -> Dict[str, Any]:
            return {
                "$defs": {
                    "Inner": {
                        "properties": {"x": {"type": "integer"}},
                        "type": "object",
                    }
                },
                "properties": {
                    "inner": {"allOf": [{"$ref": "#/$defs/Inner"}], "description": "d"}
                },
                "type": "object",
            }

    schema = to_strict_json_schema(Legacy)
    assert schema["properties"]["inner"] == {
        "properties": {"x": {"type": "integer"}},
        "type": "object",
        "description": "d",
        "additionalProperties": False,
        "required": ["x"],
    }


# ----------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    "model, location, words",
    [
        (models.WithDict, "WithDict.mapping", "mapping with arbitrary keys"),
        (models.WithPlainDict, "WithPlainDict.data", "object with arbitrary keys"),
        (models.WithAny, "WithAny.anything", "accepts any JSON value"),
        (models.WithExtra, "WithExtra", "extra='allow'"),
        (models.DictOfModels, "DictOfModels.m", "mapping with arbitrary keys"),
        (models.DeepDict, "DeepDict.rows[][1]", "mapping with arbitrary keys"),
    ],
)
def test_unsupported_constructs_name_the_field(
    model: type[BaseModel], location: str, words: str
) -> None:
    with pytest.raises(StrictSchemaError) as info:
        to_strict_json_schema(model)
    assert info.value.location == location
    assert f"`{location}`" in str(info.value) and words in str(info.value)
    assert isinstance(info.value, ValueError)


def test_unsupported_construct_inside_a_definition_names_the_definition() -> None:
    class Holder(BaseModel):
        items: List[models.WithDict]

    with pytest.raises(StrictSchemaError, match="`WithDict.mapping`"):
        to_strict_json_schema(Holder)


def test_pattern_keyed_mapping_is_rejected() -> None:
    from typing_extensions import Annotated

    class Patterned(BaseModel):
        m: Dict[Annotated[str, pydantic.StringConstraints(pattern="^x")], int]

    with pytest.raises(StrictSchemaError, match="`Patterned.m`.*pattern"):
        to_strict_json_schema(Patterned)


def test_list_of_any_is_rejected() -> None:
    class Loose(BaseModel):
        values: List[Any]

    with pytest.raises(StrictSchemaError, match=r"`Loose.values\[\]`"):
        to_strict_json_schema(Loose)


@pytest.mark.parametrize(
    "bad",
    [
        models.PydanticDataclass,
        int,
        {"a": 1},
        "Model",
        models.Inner(x=1),
        List[models.Inner],
    ],
)
def test_non_models_are_a_type_error(bad: Any) -> None:
    with pytest.raises(TypeError, match="BaseModel subclass or a pydantic.TypeAdapter"):
        to_strict_json_schema(bad)


def test_broken_reference_is_reported() -> None:
    class Broken(BaseModel):
        @classmethod
        def model_json_schema(cls, *args: Any, **kwargs: Any) -> Dict[str, Any]:
            return {
                "properties": {"a": {"$ref": "#/$defs/Missing", "description": "x"}},
                "type": "object",
            }

    with pytest.raises(StrictSchemaError, match="`Broken.a`.*does not resolve"):
        to_strict_json_schema(Broken)


# ----------------------------------------------------------------------------- caching


def test_each_call_returns_an_independent_copy() -> None:
    first = to_strict_json_schema(models.Query)
    first["properties"].clear()
    first["$defs"]["Condition"]["required"].append("junk")
    second = to_strict_json_schema(models.Query)
    assert list(second["properties"]) == [
        "table_name",
        "columns",
        "conditions",
        "order_by",
    ]
    assert second["$defs"]["Condition"]["required"] == ["column", "operator", "value"]


def test_cache_follows_model_rebuild() -> None:
    class Later(BaseModel):
        value: int

    assert to_strict_json_schema(Later)["properties"]["value"]["type"] == "integer"
    Later.model_fields["value"].annotation = str
    Later.model_rebuild(force=True)
    assert to_strict_json_schema(Later)["properties"]["value"]["type"] == "string"


def test_type_guards() -> None:
    assert is_basemodel_type(models.Inner) and not is_basemodel_type(models.Inner(x=1))
    assert not is_basemodel_type(dict)
    assert is_dataclass_like_type(
        models.PydanticDataclass
    ) and not is_dataclass_like_type(models.Inner)


# ----------------------------------------------------------------------------- the official client as an oracle

PEER_PYTHON = Path.home() / ".cache/openai-bench/peer/bin/python"

# Where we differ on purpose: the official client returns schemas the API rejects
# (arbitrary keys, untyped values, oneOf) or overflows the stack (Tree).
DELIBERATE = {"Pet", "Tree"} | {m.__name__ for m in models.UNSUPPORTED}

_ORACLE_SCRIPT = """
import json, sys
sys.path.insert(0, sys.argv[1])
import pydantic
import strict_schema_models as models
from openai.lib._pydantic import to_strict_json_schema
out = {"__pydantic__": pydantic.VERSION}
for model in models.SUPPORTED + models.UNSUPPORTED:
    try:
        out[model.__name__] = to_strict_json_schema(model)
    except BaseException as exc:
        out[model.__name__] = {"error": type(exc).__name__}
print(json.dumps(out))
"""


@pytest.mark.skipif(
    not PEER_PYTHON.exists(),
    reason="the official client's environment is not installed here",
)
def test_same_schemas_as_the_official_client() -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run(
        [str(PEER_PYTHON), "-c", _ORACLE_SCRIPT, str(Path(__file__).parent)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    official = json.loads(result.stdout)
    if official["__pydantic__"] != pydantic.VERSION:
        pytest.skip(
            f"pydantic {official['__pydantic__']} there, {pydantic.VERSION} here: schemas differ by version"
        )
    compared = 0
    for model in models.SUPPORTED:
        if model.__name__ in DELIBERATE:
            continue
        assert to_strict_json_schema(model) == official[model.__name__], model.__name__
        compared += 1
    assert compared == len(models.SUPPORTED) - 2
    # and where we differ, the official schema is indeed not strict
    assert "oneOf" in json.dumps(official["Pet"])
    assert official["Tree"] == {"error": "RecursionError"}
    assert official["WithDict"]["properties"]["mapping"]["additionalProperties"] == {
        "type": "integer"
    }
    assert official["WithExtra"]["additionalProperties"] is True


def test_errors_are_openai_errors() -> None:
    import openai
    from openai.helpers._audio import MissingDependencyError

    error = StrictSchemaError("Model.field", "why")
    assert isinstance(error, openai.OpenAIError) and isinstance(error, ValueError)
    assert str(error) == "Cannot build a strict JSON schema for `Model.field`: why"
    missing = MissingDependencyError("no numpy", name="numpy")
    assert isinstance(missing, openai.OpenAIError) and isinstance(missing, ImportError)
    assert missing.name == "numpy"
