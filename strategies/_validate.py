"""Shared argument validators: each raises InvalidArgument with a message naming the argument."""

from collections.abc import Collection
from typing import Any

from hypothesis.errors import InvalidArgument


def check_int(name: str, value: Any, minimum: int = 0) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidArgument(f"{name}={value!r} must be an int")
    if value < minimum:
        raise InvalidArgument(f"{name}={value!r} must be at least {minimum}")


def check_choice(name: str, value: Any, choices: Collection[Any]) -> None:
    if value not in choices:
        raise InvalidArgument(f"{name}={value!r} must be one of {tuple(choices)}")


def check_order(low_name: str, low: int, high_name: str, high: int) -> None:
    if low > high:
        raise InvalidArgument(f"{low_name}={low} is larger than {high_name}={high}")
