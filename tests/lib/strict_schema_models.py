"""Models for the strict-schema tests.

Pure pydantic, no openai import: the oracle test loads this module in the
official package's environment too, to compare outputs on the same models.
"""

from __future__ import annotations

import datetime
import enum
import uuid
from typing import (
    Any,
    Dict,
    Generic,
    List,
    Literal,
    Optional,
    Set,
    Tuple,
    TypeVar,
    Union,
)

import pydantic
from pydantic import BaseModel, Field
from typing_extensions import Annotated, TypedDict

# --- the example of helpers.md ---------------------------------------------------


class Table(str, enum.Enum):
    orders = "orders"
    customers = "customers"
    products = "products"


class Column(str, enum.Enum):
    id = "id"
    status = "status"
    expected_delivery_date = "expected_delivery_date"
    delivered_at = "delivered_at"
    shipped_at = "shipped_at"
    ordered_at = "ordered_at"
    canceled_at = "canceled_at"


class Operator(str, enum.Enum):
    eq = "="
    gt = ">"
    lt = "<"
    le = "<="
    ge = ">="
    ne = "!="


class OrderBy(str, enum.Enum):
    asc = "asc"
    desc = "desc"


class DynamicValue(BaseModel):
    column_name: str


class Condition(BaseModel):
    column: str
    operator: Operator
    value: Union[str, int, DynamicValue]


class Query(BaseModel):
    table_name: Table
    columns: List[Column]
    conditions: List[Condition]
    order_by: OrderBy


class Step(BaseModel):
    explanation: str
    output: str


class MathResponse(BaseModel):
    steps: List[Step]
    final_answer: str


# --- one construct each ------------------------------------------------------------


class Color(str, enum.Enum):
    red = "red"
    green = "green"


class Level(enum.IntEnum):
    low = 1
    high = 2


class Inner(BaseModel):
    """An inner thing."""

    x: int


class Everything(BaseModel):
    inner: Inner
    inner_described: Inner = Field(description="described inner")
    optional_int: Optional[int] = None
    optional_inner: Optional[Inner] = None
    optional_no_default: Optional[str]
    color: Color
    literal: Literal["a", "b"]
    level: Level
    items: List[Inner]
    pair: Tuple[int, str]
    when: datetime.datetime
    day: datetime.date
    union: Union[int, str, Inner]
    with_default: int = 5
    nested_optional: Optional[List[Optional[Inner]]] = None
    unique: Set[int]


class Node(BaseModel):
    value: int
    children: List[Node]
    parent: Optional[Node] = None


class Tree(BaseModel):
    """A tree whose self-references carry descriptions."""

    name: str
    left: Optional[Tree] = Field(default=None, description="left subtree")
    right: Tree = Field(description="right subtree")
    kids: List[Tree] = Field(description="kids")


class Cat(BaseModel):
    kind: Literal["cat"]
    meows: bool


class Dog(BaseModel):
    kind: Literal["dog"]
    barks: bool


class Pet(BaseModel):
    pet: Annotated[Union[Cat, Dog], Field(discriminator="kind")]


class Constrained(BaseModel):
    s: str = Field(min_length=1, max_length=5, pattern="^a")
    n: int = Field(ge=0, le=10)
    values: List[int] = Field(min_length=1)


class Aliased(BaseModel):
    schema_: str = Field(alias="schema")


class Empty(BaseModel):
    pass


class Forbid(BaseModel):
    model_config = pydantic.ConfigDict(extra="forbid")
    a: int


class Documented(BaseModel):
    """Top doc."""

    f: int = Field(title="Custom", description="field doc", examples=[1, 2])


class Defaults(BaseModel):
    s: str = "x"
    values: List[int] = Field(default_factory=list)
    none_but_not_optional: int = None  # type: ignore[assignment]


class KeywordNames(BaseModel):
    properties: int
    type: str
    items: List[str]
    ref: str = Field(alias="$ref")


class TD(TypedDict):
    a: int
    b: str


class WithTypedDict(BaseModel):
    td: TD


@pydantic.dataclasses.dataclass
class PydanticDataclass:
    x: int


class WithDataclass(BaseModel):
    p: PydanticDataclass


T = TypeVar("T")


class Box(BaseModel, Generic[T]):
    item: T


class UsesGenerics(BaseModel):
    a: Box[int]
    b: Box[Condition]


class Misc(BaseModel):
    u: uuid.UUID
    t: datetime.time
    f: float = Field(gt=0, multiple_of=0.5)
    flag: bool = False
    literal_int: Literal[1, 2, 3]
    optional_literal: Optional[Literal["x"]] = None
    nested_list: List[List[Condition]]


# --- constructs strict mode cannot express ---------------------------------------


class WithDict(BaseModel):
    mapping: Dict[str, int]


class WithPlainDict(BaseModel):
    data: dict  # type: ignore[type-arg]


class WithAny(BaseModel):
    anything: Any


class WithExtra(BaseModel):
    model_config = pydantic.ConfigDict(extra="allow")
    a: int


class DictOfModels(BaseModel):
    m: Dict[str, Inner]


class DeepDict(BaseModel):
    rows: List[Tuple[int, Dict[str, str]]]


SUPPORTED = [
    Query, MathResponse, Inner, Everything, Node, Tree, Pet, Constrained, Aliased, Empty, Forbid,
    Documented, Defaults, KeywordNames, WithTypedDict, WithDataclass, UsesGenerics, Misc,
]  # fmt: skip
UNSUPPORTED = [WithDict, WithPlainDict, WithAny, WithExtra, DictOfModels, DeepDict]
