"""Typed values to JSON and back, led by their type hints: for what a build keeps between builds.

A rebuild reuses what the last build learnt of an unchanged document (its summary, diagnostics,
changes). Kept as JSON, never as pickles: reading it back can only make values of the declared
types (dataclasses, tuples, lists, dicts, enums, strings and numbers), never run code.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import types
import typing
from collections.abc import Callable
from typing import Any

from markupsafe import Markup


class CodecError(ValueError):
    """Data that does not fit the type it is read as."""


def to_json(value: Any) -> Any:
    """A value made of dataclasses, tuples, lists, dicts, enums and scalars, as JSON-ready data."""
    kind = type(value)
    if kind in _SCALARS:  # the commonest first: a record holds hundreds of thousands of them
        return value
    if kind in (list, tuple):
        return [to_json(item) for item in value]
    if kind is dict:
        return {str(key): to_json(item) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: to_json(getattr(value, name)) for name in _names(type(value))}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [to_json(item) for item in value]
    if isinstance(value, dict):
        return {str(key): to_json(item) for key, item in value.items()}
    if value is None or isinstance(value, (str, int, float)):
        return str(value) if isinstance(value, str) else value
    raise CodecError(f"cannot keep a {type(value).__name__}")


_SCALARS = frozenset({str, int, float, bool, type(None)})


def from_json(kind: Any, data: Any) -> Any:
    """`data` (from `to_json`) read back as a value of type `kind`; CodecError when it does not fit."""
    try:
        return _reader(kind)(data)
    except (TypeError, KeyError, ValueError, AttributeError) as wrong:
        raise CodecError(f"{kind} cannot be read from this: {wrong}") from None


Reader = Callable[[Any], Any]


@functools.cache
def _reader(kind: Any) -> Reader:
    """A function reading `kind` from JSON data, made once per type (a record holds thousands)."""
    origin, arguments = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        others = [argument for argument in arguments if argument is not type(None)]
        if len(others) != 1 or len(arguments) != 2:
            raise CodecError(f"cannot read a union {kind}")
        inner = _reader(others[0])
        return lambda data: None if data is None else inner(data)
    if origin is tuple:
        if len(arguments) == 2 and arguments[1] is Ellipsis:
            item = _reader(arguments[0])
            return lambda data: tuple(item(each) for each in _expect(data, list))
        readers = [_reader(argument) for argument in arguments]
        return lambda data: tuple(read(each) for read, each in zip(readers, _expect(data, list), strict=True))
    if origin is list:
        item = _reader(arguments[0])
        return lambda data: [item(each) for each in _expect(data, list)]
    if origin is dict:
        key, value = _reader(arguments[0]), _reader(arguments[1])
        return lambda data: {key(k): value(v) for k, v in _expect(data, dict).items()}
    if kind is Any:
        return lambda data: data
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        fields = [(name, _reader(hints[name])) for name in _names(kind)]
        return lambda data: kind(**{name: read(_expect(data, dict)[name]) for name, read in fields})
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return kind
    if kind is Markup:
        return lambda data: Markup(_expect(data, str))
    if kind is float:
        return lambda data: float(_expect(data, (int, float)))
    if kind in (str, int, bool):
        return lambda data: _exactly(data, kind)
    if kind is type(None):
        return lambda data: _exactly(data, type(None))
    raise CodecError(f"cannot read a {kind}")


def _exactly(data: Any, kind: type) -> Any:
    if type(data) is not kind:
        raise CodecError(f"{type(data).__name__} where a {kind.__name__} was expected")
    return data


def _expect(data: Any, kind: type | tuple[type, ...]) -> Any:
    if not isinstance(data, kind) or isinstance(data, bool):  # JSON's true is not a number here
        raise CodecError(f"{type(data).__name__} where {kind} was expected")
    return data


@functools.cache
def _names(kind: type) -> tuple[str, ...]:
    return tuple(field.name for field in dataclasses.fields(kind) if field.init)
