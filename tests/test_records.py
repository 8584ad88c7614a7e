"""Records (pic.core.records.record) are frozen, slotted dataclasses created without generated
code, so that creating the class execs nothing (start-up, issue 10): their `__init__` is put
together from the fields. These tests hold each record to what
`@dataclass(frozen=True, slots=True)` would have made."""

from __future__ import annotations

import copy
import dataclasses
import importlib
import inspect
import pickle
import pkgutil
import types
from typing import Any

import pytest

import pic
from pic.core.records import Record


def _modules() -> list[types.ModuleType]:
    """Every module of the package, imported."""
    return [importlib.import_module(info.name) for info in pkgutil.walk_packages(pic.__path__, "pic.")
            if not info.name.endswith("__main__")]


# The records each module defines, read from the module's namespace. Not from
# Record.__subclasses__(): `dataclass(slots=True)` replaces the class its `class` statement
# made, and that first class (no slots, no fields of its own) stays among the subclasses until
# the garbage collector runs, so walking them found a second `Tabular` in some runs.
RECORDS = sorted({obj for mod in _modules() for obj in vars(mod).values()
                  if isinstance(obj, type) and issubclass(obj, Record) and obj is not Record
                  and obj.__module__ == mod.__name__},
                 key=lambda c: (c.__module__, c.__qualname__))
# Records whose class writes its own __init__ (to be folded into the generic one).
OWN_INIT = {c for c in RECORDS if not getattr(c.__dict__.get("__init__"), "_record", False)}


def test_the_records_are_found() -> None:
    assert {"pic.core.model", "pic.core.score", "pic.core.status"} <= {c.__module__ for c in RECORDS}
    assert len(RECORDS) >= 26
    assert len({c.__qualname__ for c in RECORDS}) == len(RECORDS), "one class per name"
    # Every record takes the generic __init__: none writes its own.
    assert not OWN_INIT, sorted(c.__qualname__ for c in OWN_INIT)


def test_the_records_do_not_depend_on_the_garbage_collector() -> None:
    """What `dataclass(slots=True)` leaves behind is not a record: collecting the
    records by class hierarchy would have to skip it."""
    import gc

    gc.collect()
    assert {c for c in Record.__subclasses__() if c.__module__.startswith("pic.")} >= {
        c for c in RECORDS if Record in c.__bases__}


def markers(cls: type) -> dict[str, object]:
    """A distinct value per field, so that a field set from the wrong argument shows."""
    return {f.name: (f"{cls.__name__}.{f.name}",) for f in dataclasses.fields(cls)}


def reference(cls: type) -> type:
    """The dataclass the decorator would have made from the same fields (and __post_init__)."""
    def spec(f: dataclasses.Field[Any]) -> tuple[str, Any, dataclasses.Field[Any]]:
        return f.name, f.type, dataclasses.field(default=f.default, default_factory=f.default_factory,
                                                  repr=f.repr, compare=f.compare, hash=f.hash)
    namespace = {"__post_init__": cls.__post_init__} if hasattr(cls, "__post_init__") else {}
    ref = dataclasses.make_dataclass(cls.__qualname__, [spec(f) for f in dataclasses.fields(cls)],
                                     namespace=namespace, frozen=True, slots=True)
    ref.__qualname__ = cls.__qualname__
    ref.__init__.__qualname__ = f"{cls.__qualname__}.__init__"  # type: ignore[misc]
    return ref


def outcome(make: Any, *args: Any, **kwargs: Any) -> object:
    """The fields a call sets, or the TypeError it raises (Python 3.12+ may add a hint)."""
    try:
        obj = make(*args, **kwargs)
    except TypeError as e:
        return ("TypeError", str(e).split(". Did you mean")[0])
    return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}


def calls(cls: type) -> list[tuple[tuple[Any, ...], dict[str, Any]]]:
    """Good and bad calls: every field by position or by name, the required ones only, one
    of them missing, an unknown name, one too many, one given twice."""
    values = markers(cls)
    names = list(values)
    required = [f.name for f in dataclasses.fields(cls)
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
    out: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
        (tuple(values.values()), {}), ((), dict(values)), ((), {n: values[n] for n in required}),
        (tuple(values[n] for n in required), {}), ((), {}), ((), {**values, "unknown_field": 1}),
        ((*values.values(), "extra"), {}), ((*values.values(), "extra"), {"unknown_field": 1}),
    ]
    for i in range(len(names) + 1):  # split between position and name at every point
        out.append((tuple(values[n] for n in names[:i]), {n: values[n] for n in names[i:]}))
    for n in required:
        out.append(((), {m: values[m] for m in required if m != n}))
        out.append((tuple(values[m] for m in required if m != n), {}))
    if names:
        out.append(((values[names[0]],), {names[0]: values[names[0]]}))
        out.append((tuple(values.values()), {names[-1]: 1, "unknown_field": 1}))
        out.append(((), {"unknown_field": 1, names[0]: 1}))
    return out


@pytest.mark.parametrize("cls", sorted(set(RECORDS) - OWN_INIT, key=lambda c: c.__qualname__),
                         ids=lambda c: c.__qualname__)
def test_init_is_the_dataclass_init(cls: type) -> None:
    ref = reference(cls)
    assert str(inspect.signature(cls)) == str(inspect.signature(ref))
    for args, kwargs in calls(cls):
        assert outcome(cls, *args, **kwargs) == outcome(ref, *args, **kwargs), (args, kwargs)


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__qualname__)
def test_init_matches_the_fields(cls: type) -> None:
    fields = dataclasses.fields(cls)
    values = markers(cls)
    for obj in (cls(**values), cls(*values.values())):
        assert {name: getattr(obj, name) for name in values} == values
    required = {f.name: values[f.name] for f in fields
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}
    one, two = cls(**required), cls(**required)
    for f in fields:
        if f.default_factory is not dataclasses.MISSING:
            assert getattr(one, f.name) == f.default_factory()
            assert getattr(one, f.name) is not getattr(two, f.name), f"{f.name} must be a fresh object"
        elif f.default is not dataclasses.MISSING:
            assert getattr(one, f.name) == f.default


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__qualname__)
def test_behaves_as_a_frozen_slotted_dataclass(cls: type) -> None:
    values = markers(cls)
    obj = cls(**values)
    fields = dataclasses.fields(cls)
    compared = [f.name for f in fields if f.compare]
    assert not hasattr(obj, "__dict__")
    assert cls.__slots__ == tuple(f.name for f in fields)
    assert cls.__match_args__ == tuple(f.name for f in fields)
    # repr, equality and hash as dataclasses make them
    assert repr(obj) == f"{cls.__qualname__}(" + ", ".join(f"{n}={v!r}" for n, v in values.items()) + ")"
    assert obj == cls(**values) and not obj != cls(**values)
    assert hash(obj) == hash(tuple(values[n] for n in compared))
    assert obj.__eq__(object()) is NotImplemented
    for name in values:
        other = cls(**{**values, name: ("changed",)})
        assert (other == obj) is (name not in compared), name
    # frozen
    for name in values:
        with pytest.raises(dataclasses.FrozenInstanceError, match=f"cannot assign to field '{name}'"):
            setattr(obj, name, 1)
        with pytest.raises(dataclasses.FrozenInstanceError, match=f"cannot delete field '{name}'"):
            delattr(obj, name)
    # the dataclass tools and copying
    assert dataclasses.is_dataclass(obj)
    assert dataclasses.replace(obj) == obj
    assert dataclasses.asdict(obj) == values
    for twin in (copy.copy(obj), copy.deepcopy(obj), pickle.loads(pickle.dumps(obj))):
        assert twin == obj and repr(twin) == repr(obj)


def test_a_problem_caps_its_message_and_key() -> None:
    """Problem's __post_init__ runs whichever way it is made, as a dataclass's would."""
    from pic.core.errors import MESSAGE_LIMIT, Problem

    long = "x" * (MESSAGE_LIMIT * 3)
    for p in (Problem("f.yaml", long, long), Problem(file="f.yaml", message=long, key=long),
              dataclasses.replace(Problem("f.yaml", "short"), message=long, key=long)):
        assert len(p.message) <= MESSAGE_LIMIT and len(p.key) <= MESSAGE_LIMIT
        assert "characters cut" in p.message and "characters cut" in p.key
    assert Problem("f.yaml", "short", "k").message == "short"
