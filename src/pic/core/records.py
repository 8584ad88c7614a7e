"""Records: frozen, slotted dataclasses without the cost of creating one.

`@dataclass(frozen=True, slots=True)` execs six generated functions per class (__init__,
__repr__, __eq__, __hash__, __setattr__, __delattr__): about 0.5 ms a class at start-up,
and a CLI run creates a few dozen. `@record(frozen=True, slots=True)` makes the same
dataclass (fields, defaults, `field(...)` flags, slots, match args; dataclasses.replace,
fields and asdict work) whose methods are written once, in `Record`, and whose `__init__`
is put together from its fields without generating code: it takes the fields by position
or by name, fills defaults (a fresh object per instance from a `default_factory`), calls
`__post_init__` where the class has one, and refuses a missing, unknown or doubled argument
with the message the dataclass's `__init__` would give. The type checker sees the
dataclass itself, so a module writes

    if TYPE_CHECKING:
        from dataclasses import dataclass as record
    else:
        from pic.core.records import record

    @record(frozen=True, slots=True)
    class Point(Record):
        x: float
        y: float = 0.0

tests/test_records.py holds every record to what the dataclass decorator would make.
Pure standard library: cheap to import anywhere.
"""

from __future__ import annotations

from dataclasses import MISSING, FrozenInstanceError, Field, fields
from operator import attrgetter
from reprlib import recursive_repr
from typing import TYPE_CHECKING, Any, Callable, NoReturn, TypeVar

_T = TypeVar("_T")
set_field = object.__setattr__  # how a frozen record sets its fields (in __post_init__), as dataclasses' does
_REQUIRED: Any = object()  # the default of a field that has none

if TYPE_CHECKING:
    from dataclasses import dataclass as record
else:
    from dataclasses import dataclass

    def record(*, frozen: bool, slots: bool) -> Callable[[type[_T]], type[_T]]:
        assert frozen and slots, "records are frozen and slotted"

        def make(cls: type[_T]) -> type[_T]:
            cls = dataclass(cls, init=False, repr=False, eq=False, slots=True)
            every = fields(cls)
            compared = [f.name for f in every if f.compare]
            cls._key = attrgetter(*compared) if len(compared) > 1 else staticmethod(lambda obj: tuple(
                getattr(obj, name) for name in compared))
            cls._shown = tuple(f.name for f in every if f.repr)
            cls._names = tuple(f.name for f in every)
            if "__init__" not in cls.__dict__:
                cls.__init__ = _init_for(cls, every)
            return cls

        return make


def _init_for(cls: type, every: tuple[Field[Any], ...]) -> Callable[..., None]:
    """The `__init__` the dataclass decorator would write for `cls`, as a closure over its fields."""
    assert all(f.init and not f.kw_only for f in every), f"{cls.__name__}: every field of a record is an argument"
    names = tuple(f.name for f in every)
    count = len(names)
    # (name, default) per field, the default _REQUIRED where there is none or it is made fresh
    spec = tuple((f.name, _REQUIRED if f.default is MISSING else f.default) for f in every)
    factories = {f.name: f.default_factory for f in every if f.default_factory is not MISSING}
    named_after = tuple(frozenset(names[i:]) for i in range(count + 1))  # what may be named after i by position
    qualname = f"{cls.__qualname__}.__init__"
    post_init = getattr(cls, "__post_init__", None)

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        given = len(args)
        if given > count or (kwargs and not kwargs.keys() <= named_after[given]):
            _refuse(qualname, names, factories, spec, args, kwargs)
        for name, value in zip(names, args):
            set_field(self, name, value)
        if given < count:
            get = kwargs.get
            for name, default in spec[given:]:
                value = get(name, default)
                if value is _REQUIRED:
                    if name not in factories:
                        _refuse(qualname, names, factories, spec, args, kwargs)
                    value = factories[name]()
                set_field(self, name, value)
        if post_init is not None:
            post_init(self)

    __init__.__qualname__ = qualname
    __init__.__module__ = cls.__module__
    __init__._record = True  # type: ignore[attr-defined]  # made here: its signature is the fields'
    return __init__


def _refuse(qualname: str, names: tuple[str, ...], factories: dict[str, Any], spec: tuple[tuple[str, Any], ...],
            args: tuple[Any, ...], kwargs: dict[str, Any]) -> NoReturn:
    """The TypeError Python raises for a bad call of the dataclass's __init__, checked in the
    order Python checks: keyword arguments, then the number of positional ones, then missing ones."""
    given = min(len(args), len(names))
    for key in kwargs:
        if key not in names:
            raise TypeError(f"{qualname}() got an unexpected keyword argument '{key}'")
        if names.index(key) < given:
            raise TypeError(f"{qualname}() got multiple values for argument '{key}'")
    required = sum(1 for name, default in spec if default is _REQUIRED and name not in factories)
    if len(args) > len(names):
        takes = f"from {required + 1} to {len(names) + 1} positional arguments" if required < len(names) else \
            f"{len(names) + 1} positional argument{'s' if len(names) != 0 else ''}"
        raise TypeError(f"{qualname}() takes {takes} but {len(args) + 1} were given")
    missing = [repr(name) for name in names[given:required] if name not in kwargs]
    listed = (missing[0] if len(missing) == 1 else " and ".join(missing) if len(missing) == 2
              else ", ".join(missing[:-1]) + ", and " + missing[-1])
    raise TypeError(f"{qualname}() missing {len(missing)} required positional argument"
                    f"{'s' if len(missing) != 1 else ''}: {listed}")


class _Signature:
    """`inspect.signature(SomeRecord)` (and so help() and notebooks) shows the fields, as for
    the dataclass; computed when asked for, so that inspect is imported only then."""

    def __get__(self, obj: object, owner: type) -> Any:
        if obj is not None or not getattr(owner.__dict__.get("__init__"), "_record", False):
            return None  # an instance, or a class writing its own __init__: inspect looks at that
        import inspect

        def param(f: Field[Any]) -> inspect.Parameter:
            default = (f.default if f.default is not MISSING else
                       inspect.Parameter.empty if f.default_factory is MISSING else _Factory())
            return inspect.Parameter(f.name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=default,
                                     annotation=f.type)

        return inspect.Signature([param(f) for f in fields(owner)], return_annotation=None)


class _Factory:
    """How a signature shows a default made fresh for each record, as dataclasses' does."""

    def __repr__(self) -> str:
        return "<factory>"


class Record:
    """What dataclasses would generate for a frozen dataclass, the same for every record:
    equality and hash over the compared fields, the repr, no assignment, pickling/copying."""

    __slots__ = ()
    _key: Callable[[Any], tuple[Any, ...]]
    _shown: tuple[str, ...]
    _names: tuple[str, ...]
    if not TYPE_CHECKING:
        __signature__ = _Signature()

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
