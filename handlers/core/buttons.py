"""Button callback data, typed: one class per kind of button, ≤ 64 bytes (Telegram's
limit). All state lives in the database; a button only names what it acts on.

    class ApplicationDecision(CallbackData, prefix="ap"):
        action: Literal["ok", "no"]
        application_id: int

    ApplicationDecision("ok", 7).pack() == "ap:ok:7"
    ApplicationDecision.unpack("ap:ok:7") == ApplicationDecision("ok", 7)

Fields follow the prefix in declaration order, joined by ":". A field is an int (32-bit), a str
(non-empty, without ":"), a str-valued Enum or a Literal of strs, or one of those | None.
None packs as an empty part and trailing Nones are left off, so optional fields go last
and "aj:send" stays "aj:send". A prefix may have several parts ("rp:p"): the router
takes the longest registered prefix, so one verb can carry buttons of different shapes.
Every instance is checked when it is built (a button that could not be sent fails at
once, not at Telegram); unpacking forged or garbled data gives None."""
from __future__ import annotations

import dataclasses
import types
from collections.abc import Iterator
from enum import Enum
from typing import (
    Any,
    ClassVar,
    Literal,
    Self,
    Union,
    dataclass_transform,
    get_args,
    get_origin,
    get_type_hints,
)

from handlers.core.types import Button

MAX_BYTES = 64
SEP = ":"
# Ids and counts are database INTEGERs (32-bit on PostgreSQL): a forged "tm:1:99999999999"
# must unpack to None, not reach a query as an int the database cannot take.
INT_RANGE = range(-(2**31), 2**31)


@dataclasses.dataclass(frozen=True)
class _Field:
    name: str
    kind: type | tuple[str, ...]  # int, str, an Enum class, or the values of a Literal
    optional: bool

    def check(self, value: Any) -> None:
        if value is None:
            if not self.optional:
                raise ValueError(f"{self.name} is required")
        elif isinstance(self.kind, tuple):
            if value not in self.kind:
                raise ValueError(f"{self.name} must be one of {self.kind}, not {value!r}")
        elif self.kind is int:
            if not isinstance(value, int) or isinstance(value, bool) or value not in INT_RANGE:
                raise ValueError(f"{self.name} must be a 32-bit int, not {value!r}")
        elif not isinstance(value, self.kind):
            raise ValueError(f"{self.name} must be a {self.kind.__name__}, not {value!r}")
        elif self.kind is str and (not value or SEP in str(value)):
            raise ValueError(f"{self.name} must be non-empty and without {SEP!r}: {value!r}")

    def encode(self, value: Any) -> str:
        if value is None:
            return ""
        return str(value.value if isinstance(value, Enum) else value)

    def decode(self, token: str) -> Any:
        if token == "":
            return None  # refused by check() unless optional
        if self.kind is int:
            number = int(token)
            if str(number) != token:  # only the canonical form: no "+1", " 1", "01", "1_0"
                raise ValueError(token)
            return number
        if isinstance(self.kind, type) and issubclass(self.kind, Enum):
            return self.kind(token)
        return token


def _field(name: str, hint: Any) -> _Field:
    optional = False
    if get_origin(hint) in (Union, types.UnionType):
        members = [a for a in get_args(hint) if a is not type(None)]
        if len(members) != 1:
            raise TypeError(f"{name}: only X | None unions are supported")
        optional, hint = True, members[0]
    if get_origin(hint) is Literal:
        values = get_args(hint)
    elif hint in (int, str):
        return _Field(name, hint, optional)
    elif isinstance(hint, type) and issubclass(hint, Enum):
        values = tuple(m.value for m in hint)
    else:
        raise TypeError(f"{name}: unsupported callback field type {hint!r}")
    for value in values:
        if not isinstance(value, str) or not value or SEP in value:
            raise TypeError(f"{name}: values must be non-empty strs without {SEP!r}: {value!r}")
    return _Field(name, hint if isinstance(hint, type) else values, optional)


@dataclass_transform(frozen_default=True)
class CallbackData:
    """Base of every button kind. A subclass names its `prefix` (the verb on the wire);
    a subclass without one is an abstract base that shares fields."""

    __prefix__: ClassVar[str | None] = None
    __fields: ClassVar[tuple[_Field, ...]] = ()

    def __init_subclass__(cls, prefix: str | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        dataclasses.dataclass(frozen=True)(cls)
        if prefix is not None and (not prefix or any(not part for part in prefix.split(SEP))):
            raise TypeError(f"bad callback prefix {prefix!r}")
        cls.__prefix__ = prefix
        hints = get_type_hints(cls)
        cls.__fields = tuple(_field(f.name, hints[f.name]) for f in dataclasses.fields(cls))  # type: ignore[arg-type]
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            if f.default not in (dataclasses.MISSING, None):
                raise TypeError(f"{cls.__name__}.{f.name}: only None may be a default")

    def __post_init__(self) -> None:
        if self.__prefix__ is None:
            raise TypeError(f"{type(self).__name__} has no prefix; use a subclass")
        for f in self.__fields:
            f.check(getattr(self, f.name))
        self.pack()

    def pack(self) -> str:
        """The callback data; ValueError if it exceeds Telegram's 64 bytes."""
        parts = [f.encode(getattr(self, f.name)) for f in self.__fields]
        while parts and parts[-1] == "":
            parts.pop()
        raw = SEP.join([self.__prefix__ or "", *parts])
        if len(raw.encode()) > MAX_BYTES:
            raise ValueError(f"callback data longer than {MAX_BYTES} bytes: {raw!r}")
        return raw

    @classmethod
    def unpack(cls, raw: str | None) -> Self | None:
        """The button `raw` stands for, or None if it is not a valid one of this kind."""
        if not raw or cls.__prefix__ is None or len(raw.encode()) > MAX_BYTES:
            return None
        head, parts = cls.__prefix__.split(SEP), raw.split(SEP)
        tokens = parts[len(head):]
        if parts[:len(head)] != head or len(tokens) > len(cls.__fields):
            return None
        tokens += [""] * (len(cls.__fields) - len(tokens))
        try:
            return cls(*(f.decode(token) for f, token in zip(cls.__fields, tokens, strict=False)))
        except (ValueError, TypeError):
            return None


def candidate_prefixes(raw: str) -> Iterator[str]:
    """The prefixes `raw` could have been packed under, longest first."""
    parts = raw.split(SEP)
    for n in range(len(parts), 0, -1):
        yield SEP.join(parts[:n])


def button(text: str, data: CallbackData) -> Button:
    return Button(text=text, data=data.pack())
