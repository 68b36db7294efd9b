"""The naming rules nested classes follow (checked against names the official client uses)."""

from __future__ import annotations

import pytest
from codegen import naming


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("image_generation_call", "ImageGenerationCall"),
        ("image_url", "ImageURL"),  # a few words are spelled as acronyms
        ("file_id", "FileID"),
        ("MCP tool filter", "McpToolFilter"),  # titles: each word capitalized
        ("chatkit.client_tool_call", "ChatKitClientToolCall"),
        ("audio/pcm", "AudioPCM"),
        ("VadConfig", "VadConfig"),  # component names keep their words
    ],
)
def test_pascal(text: str, expected: str) -> None:
    assert naming.pascal(text) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("ToolCalls", "ToolCall"),
        ("Choices", "Choice"),
        ("Entries", "Entry"),
        ("TestingCriteria", "TestingCriterion"),
        ("Status", "Status"),
        ("Data", "Data"),
    ],
)
def test_singular(word: str, expected: str) -> None:
    assert naming.singular(word) == expected


def test_field_names() -> None:
    assert naming.field_name("schema", model=True) == "schema_"
    assert naming.field_name("schema", model=False) == "schema"
    assert naming.field_name("model_ids", model=True) == "api_model_ids"
    assert naming.field_name("from", model=False) == "from_"
