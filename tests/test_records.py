"""Records (pic.core.records.record) are frozen, slotted dataclasses whose __init__ is written
by hand, so that creating the class execs no generated code (start-up, issue 10). These
tests hold each record to what `@dataclass(frozen=True, slots=True)` would have made."""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle

import pytest

import importlib
import pkgutil

import pic
from pic.core.records import NEW as _NEW
from pic.core.records import Record

# Every record pic defines, wherever it is: each module of the package is imported.
for _info in pkgutil.walk_packages(pic.__path__, "pic."):
    if not _info.name.endswith("__main__"):
        importlib.import_module(_info.name)


def _all_records(cls: type) -> list[type]:
    return [c for sub in cls.__subclasses__() for c in (sub, *_all_records(sub))]


RECORDS = sorted({c for c in _all_records(Record) if c.__module__.startswith("pic.")},
                 key=lambda c: (c.__module__, c.__qualname__))


def test_the_records_are_found() -> None:
    assert {"pic.core.model", "pic.core.score", "pic.core.status"} <= {c.__module__ for c in RECORDS}
    assert len(RECORDS) >= 19


def markers(cls: type) -> dict[str, object]:
    """A distinct value per field, so that a field set from the wrong argument shows."""
    return {f.name: (f"{cls.__name__}.{f.name}",) for f in dataclasses.fields(cls)}


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__qualname__)
def test_init_matches_the_fields(cls: type) -> None:
    fields = dataclasses.fields(cls)
    params = list(inspect.signature(cls.__init__).parameters.values())[1:]
    assert [p.name for p in params] == [f.name for f in fields]
    for p, f in zip(params, fields):
        assert p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
        if f.default_factory is not dataclasses.MISSING:
            assert p.default is _NEW, f.name
        elif f.default is not dataclasses.MISSING:
            assert p.default == f.default and type(p.default) is type(f.default), f.name
        else:
            assert p.default is inspect.Parameter.empty, f.name
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
