"""Records: frozen, slotted dataclasses without the cost of creating one.

`@dataclass(frozen=True, slots=True)` execs six generated functions per class (__init__,
__repr__, __eq__, __hash__, __setattr__, __delattr__): about 0.5 ms a class at start-up,
and a CLI run creates a few dozen. `@record(frozen=True, slots=True)` makes the same
dataclass (fields, defaults, `field(...)` flags, slots, match args; dataclasses.replace,
fields and asdict work) whose methods are written once, in `Record`, and whose `__init__`
the class writes out. The type checker sees the dataclass itself, so a module writes

    if TYPE_CHECKING:
        from dataclasses import dataclass as record
    else:
        from pic.core.records import record

    @record(frozen=True, slots=True)
    class Point(Record):
        x: float
        y: float = 0.0

        def __init__(self, x: float, y: float = 0.0) -> None:
            set_field(self, "x", x)
            set_field(self, "y", y)

and a default_factory=dict field takes `NEW` as its default (`{} if v is NEW else v`).
tests/test_records.py holds every record to what the dataclass decorator would make.
Pure standard library: cheap to import anywhere.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError, fields
from operator import attrgetter
from reprlib import recursive_repr
from typing import TYPE_CHECKING, Any, Callable, TypeVar

_T = TypeVar("_T")
set_field = object.__setattr__  # how a frozen record's __init__ sets its fields, as dataclasses' does
NEW: Any = object()  # the default of a `default_factory=dict` field: a fresh dict per instance

if TYPE_CHECKING:
    from dataclasses import dataclass as record
else:
    from dataclasses import dataclass

    def record(*, frozen: bool, slots: bool) -> Callable[[type[_T]], type[_T]]:
        assert frozen and slots, "records are frozen and slotted"

        def make(cls: type[_T]) -> type[_T]:
            assert "__init__" in cls.__dict__, f"{cls.__name__} writes its own __init__"
            cls = dataclass(cls, init=False, repr=False, eq=False, slots=True)
            every = fields(cls)
            compared = [f.name for f in every if f.compare]
            cls._key = attrgetter(*compared) if len(compared) > 1 else staticmethod(lambda obj: tuple(
                getattr(obj, name) for name in compared))
            cls._shown = tuple(f.name for f in every if f.repr)
            cls._names = tuple(f.name for f in every)
            return cls

        return make


class Record:
    """What dataclasses would generate for a frozen dataclass, the same for every record:
    equality and hash over the compared fields, the repr, no assignment, pickling/copying."""

    __slots__ = ()
    _key: Callable[[Any], tuple[Any, ...]]
    _shown: tuple[str, ...]
    _names: tuple[str, ...]

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            key = self._key
            return bool(key(self) == key(other))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._key(self))

    @recursive_repr()
    def __repr__(self) -> str:
        return (self.__class__.__qualname__ + "("
                + ", ".join(f"{name}={getattr(self, name)!r}" for name in self._shown) + ")")

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __getstate__(self) -> list[Any]:
        return [getattr(self, name) for name in self._names]

    def __setstate__(self, state: list[Any]) -> None:
        for name, value in zip(self._names, state):
            set_field(self, name, value)
