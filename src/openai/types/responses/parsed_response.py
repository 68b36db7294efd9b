"""The response ``responses.parse()`` returns (handwritten, not generated).

``ContentType`` is the ``text_format`` type the output text is parsed into. The output
item union is the generated ``ResponseOutputItem`` with its message and function call
variants replaced by their parsed forms; a test checks the two unions stay in step.
"""

from typing import TYPE_CHECKING, Generic, List, Optional, TypeVar, Union

from pydantic import Field
from typing_extensions import Annotated, TypeAlias

from .response import Response
from .response_apply_patch_tool_call import ResponseApplyPatchToolCall
from .response_apply_patch_tool_call_output import ResponseApplyPatchToolCallOutput
from .response_code_interpreter_tool_call import ResponseCodeInterpreterToolCall
from .response_compaction_item import ResponseCompactionItem
from .response_computer_tool_call import ResponseComputerToolCall
from .response_computer_tool_call_output_item import ResponseComputerToolCallOutputItem
from .response_custom_tool_call import ResponseCustomToolCall
from .response_custom_tool_call_output_item import ResponseCustomToolCallOutputItem
from .response_file_search_tool_call import ResponseFileSearchToolCall
from .response_function_shell_tool_call import ResponseFunctionShellToolCall
from .response_function_shell_tool_call_output import (
    ResponseFunctionShellToolCallOutput,
)
from .response_function_tool_call import ResponseFunctionToolCall
from .response_function_tool_call_output_item import ResponseFunctionToolCallOutputItem
from .response_function_web_search import ResponseFunctionWebSearch
from .response_output_item import (
    AdditionalTools,
    ImageGenerationCall,
    LocalShellCall,
    LocalShellCallAction,  # noqa: F401  (not used here; 2.38 exposes it from this module)
    LocalShellCallOutput,
    McpApprovalRequest,
    McpApprovalResponse,
    McpCall,
    McpListTools,
    Program,
    ProgramOutput,
)
from .response_output_message import ResponseOutputMessage
from .response_output_refusal import ResponseOutputRefusal
from .response_output_text import ResponseOutputText
from .response_reasoning_item import ResponseReasoningItem
from .response_tool_search_call import ResponseToolSearchCall
from .response_tool_search_output_item import ResponseToolSearchOutputItem

__all__ = [
    "ParsedResponse",
    "ParsedResponseOutputMessage",
    "ParsedResponseOutputText",
    "ParsedResponseFunctionToolCall",
    "ParsedContent",
    "ParsedResponseOutputItem",
]

ContentType = TypeVar("ContentType")


class ParsedResponseOutputText(ResponseOutputText, Generic[ContentType]):
    parsed: Optional[ContentType] = None
    """The text validated into the ``text_format`` type."""


ParsedContent: TypeAlias = Annotated[
    Union[ParsedResponseOutputText[ContentType], ResponseOutputRefusal],
    Field(discriminator="type"),
]


class ParsedResponseOutputMessage(ResponseOutputMessage, Generic[ContentType]):
    # pydantic's generic classes are concrete classes, so the alias has no type variable
    # at runtime; pydantic substitutes ContentType itself when the class is parametrized
    if TYPE_CHECKING:
        content: List[ParsedContent[ContentType]]  # type: ignore[assignment]
    else:
        content: List[ParsedContent]


class ParsedResponseFunctionToolCall(ResponseFunctionToolCall):
    parsed_arguments: object = None
    """The decoded ``arguments``: an instance of the tool's model for a pydantic function
    tool, the JSON value for another strict tool, else None."""


ParsedResponseOutputItem: TypeAlias = Annotated[
    Union[
        ParsedResponseOutputMessage[ContentType],
        ResponseFileSearchToolCall,
        ParsedResponseFunctionToolCall,
        ResponseFunctionToolCallOutputItem,
        ResponseFunctionWebSearch,
        ResponseComputerToolCall,
        ResponseComputerToolCallOutputItem,
        ResponseReasoningItem,
        Program,
        ProgramOutput,
        ResponseToolSearchCall,
        ResponseToolSearchOutputItem,
        AdditionalTools,
        ResponseCompactionItem,
        ImageGenerationCall,
        ResponseCodeInterpreterToolCall,
        LocalShellCall,
        LocalShellCallOutput,
        ResponseFunctionShellToolCall,
        ResponseFunctionShellToolCallOutput,
        ResponseApplyPatchToolCall,
        ResponseApplyPatchToolCallOutput,
        McpCall,
        McpListTools,
        McpApprovalRequest,
        McpApprovalResponse,
        ResponseCustomToolCall,
        ResponseCustomToolCallOutputItem,
    ],
    Field(discriminator="type"),
]


class ParsedResponse(Response, Generic[ContentType]):
    if TYPE_CHECKING:
        output: List[ParsedResponseOutputItem[ContentType]]  # type: ignore[assignment]
    else:
        output: List[ParsedResponseOutputItem]

    @property
    def output_parsed(self) -> Optional[ContentType]:
        """The first output text's ``parsed`` value (None when there is none)."""
        for output in self.output:
            if output.type == "message":
                for content in output.content:
                    if content.type == "output_text" and content.parsed is not None:
                        return content.parsed
        return None
