"""A JSON Schema (draft 2020-12) turned into a plain predicate that gives jsonschema's
verdict -- valid or not -- without importing jsonschema.

Most files pic reads are valid, and for a valid file jsonschema only says "nothing wrong",
at the price of its import (the costliest pic has) and several milliseconds a file.
`compile_schema` builds the predicate once per schema; pic then runs jsonschema only for
files the predicate rejects, so jsonschema's errors still make every message.

The predicate must agree with jsonschema exactly. Each keyword below follows jsonschema's
own definition (jsonschema/_keywords.py, _types.py and _utils.equal/uniq for draft
2020-12), including its quirks: `pattern` is Python's `re.search`, so `$` also matches
before a final line break; `1.0` is an integer; `True` is neither 1 nor an integer. A
schema that uses anything not implemented here is not compiled at all (None), and
jsonschema checks every file against it as before. tests/test_schemacheck.py compares the
two verdicts at every location of pic's schemas and at the edges of every keyword.

Pure: no pic imports, no I/O.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]

DRAFT = "https://json-schema.org/draft/2020-12/schema"

# Keywords that never change a verdict (jsonschema ignores them when validating).
ANNOTATIONS = frozenset({
    "title", "description", "$comment", "default", "examples", "deprecated", "readOnly", "writeOnly",
    "contentEncoding", "contentMediaType", "contentSchema",
})

# Every assertion and applicator this module implements: those pic's schemas (schemas/*.json)
# use, and no other (tests/test_schemacheck.py holds the two lists equal). A schema using
# another is left to jsonschema; add a keyword here, with its edge cases in the tests, when
# a schema needs it.
SUPPORTED = frozenset({
    "type", "enum", "const",
    "pattern", "minLength", "maxLength",
    "minimum", "maximum", "exclusiveMinimum", "multipleOf",
    "required", "properties", "additionalProperties", "propertyNames", "minProperties",
    "items", "minItems", "maxItems", "uniqueItems",
    "anyOf", "oneOf",
    "$ref",
})


class Unsupported(Exception):
    """The schema uses something this module does not implement: leave it to jsonschema."""


def compile_schema(schema: Any) -> Check | None:
    """A predicate giving jsonschema's verdict for `schema` (draft 2020-12), or None when
    the schema uses a keyword or form this module does not implement exactly."""
    try:
        return _Compiler(schema).compile(schema, top=True)
    except (Unsupported, re.error, RecursionError):
        return None


# -- jsonschema's notions of type and equality --------------------------------------------


def is_number(x: Any) -> bool:
    kind = type(x)
    if kind is int or kind is float:  # what documents hold: answered without the ABC check
        return True
    return isinstance(x, numbers.Number) and not isinstance(x, bool)


def _is_integer(x: Any) -> bool:
    if isinstance(x, bool):
        return False
    return isinstance(x, int) or (isinstance(x, float) and x.is_integer())  # draft 6 on: 1.0 is an integer


TYPES: dict[str, Check] = {
    "object": lambda x: isinstance(x, dict),
    "array": lambda x: isinstance(x, list),
    "string": lambda x: isinstance(x, str),
    "boolean": lambda x: isinstance(x, bool),
    "null": lambda x: x is None,
    "number": is_number,
    "integer": _is_integer,
}

_TRUE = object()
_FALSE = object()


def _unbool(x: Any) -> Any:
    if x is True:
        return _TRUE
    if x is False:
        return _FALSE
    return x


def equal(one: Any, two: Any) -> bool:
    """jsonschema's equality (for enum, const, uniqueItems): True is not 1, 1 is 1.0."""
    if one is two:
        return True
    if isinstance(one, str) or isinstance(two, str):
        return bool(one == two)
    if isinstance(one, list) and isinstance(two, list):
        return len(one) == len(two) and all(equal(a, b) for a, b in zip(one, two))
    if isinstance(one, dict) and isinstance(two, dict):
        return len(one) == len(two) and all(k in two and equal(v, two[k]) for k, v in one.items())
    return bool(_unbool(one) == _unbool(two))


def _unique(items: list[Any]) -> bool:
    """jsonschema's `uniq`, step for step: sort when the items allow it and compare
    neighbours, otherwise compare every pair. (Sorting can leave equal items apart, for
    example [[True], [1], [True]]; jsonschema then calls them unique, and so must this.)"""
    try:
        ordered = sorted(_unbool(i) for i in items)
        for a, b in zip(ordered, ordered[1:]):
            if equal(a, b):
                return False
    except (NotImplementedError, TypeError):
        seen: list[Any] = []
        for e in items:
            e = _unbool(e)
            for s in seen:
                if equal(s, e):
                    return False
            seen.append(e)
    return True


# -- arguments ------------------------------------------------------------------------------


def _number_arg(value: Any) -> float | int:
    if not is_number(value) or not isinstance(value, (int, float)) or (
            isinstance(value, float) and not math.isfinite(value)):
        raise Unsupported(f"not a finite number: {value!r}")
    return value


def _count_arg(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise Unsupported(f"not a count: {value!r}")
    return value


def _names_arg(value: Any, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Unsupported(key)
    return tuple(value)


def _schema_list(value: Any, key: str) -> list[Any]:
    if not isinstance(value, list) or not value:
        raise Unsupported(key)
    return value


# -- combinators ----------------------------------------------------------------------------


def _always(x: Any) -> bool:
    return True


def _never(x: Any) -> bool:
    return False


def _all_of(checks: list[Check]) -> Check:
    if not checks:
        return _always
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        a, b = checks
        return lambda x: a(x) and b(x)
    fixed = tuple(checks)

    def all_of(x: Any) -> bool:  # all(...) over a generator, without the generator
        for check in fixed:
            if not check(x):
                return False
        return True
    return all_of


def _any_of(checks: list[Check]) -> Check:
    if len(checks) == 1:
        return checks[0]
    fixed = tuple(checks)
    return lambda x: any(check(x) for check in fixed)


def _multiple_of(step: float | int) -> Check:
    if step <= 0:
        raise Unsupported("multipleOf must be positive")
    if isinstance(step, float):
        def check(x: Any) -> bool:
            if not is_number(x):
                return True
            quotient = x / step  # may raise OverflowError, as jsonschema's does
            try:
                return bool(int(quotient) == quotient)
            except OverflowError:
                from fractions import Fraction

                return (Fraction(x) / Fraction(step)).denominator == 1
        return check
    return lambda x: not is_number(x) or not (x % step)


# -- the compiler ---------------------------------------------------------------------------

_LOCAL_REF = re.compile(r"#(?:/\$defs/[A-Za-z0-9_-]+)?")


class _Compiler:
    def __init__(self, root: Any) -> None:
        self.root = root
        self.refs: dict[str, Check] = {}

    def ref(self, ref: Any) -> Check:
        """`#` or `#/$defs/NAME` in the same document; anything else is left to jsonschema."""
        if not isinstance(ref, str) or not _LOCAL_REF.fullmatch(ref):
            raise Unsupported(f"$ref {ref!r}")
        if ref not in self.refs:
            cell: list[Check] = []
            self.refs[ref] = lambda x: cell[0](x)  # stands in while the target compiles (recursion)
            if ref == "#":
                target, top = self.root, True
            else:
                defs = self.root.get("$defs") if isinstance(self.root, dict) else None
                name = ref.rsplit("/", 1)[1]
                if not isinstance(defs, dict) or name not in defs:
                    raise Unsupported(f"$ref {ref!r} has no target")
                target, top = defs[name], False
            cell.append(self.compile(target, top=top))
            self.refs[ref] = cell[0]  # later references call the target directly
        return self.refs[ref]

    def compile(self, schema: Any, top: bool = False) -> Check:
        if schema is True:
            return _always
        if schema is False:
            return _never
        if not isinstance(schema, dict):
            raise Unsupported("a schema must be an object or a boolean")
        checks: list[Check] = []
        for key, value in schema.items():
            if key in ANNOTATIONS:
                continue
            if key == "$defs":
                continue  # reached through $ref only, as in jsonschema; _LOCAL_REF allows the root's only
            if top and key == "$id":
                continue  # "#..." references stay in this document
            if top and key == "$schema":
                if value != DRAFT:
                    raise Unsupported(f"$schema {value!r}")
                continue
            if key not in SUPPORTED:
                raise Unsupported(f"keyword {key!r}")
            checks.append(self.keyword(key, value, schema))
        return _all_of(checks)

    def keyword(self, key: str, value: Any, schema: dict[str, Any]) -> Check:
        if key == "type":
            names = value if isinstance(value, list) else [value]
            if not names or not all(isinstance(n, str) and n in TYPES for n in names):
                raise Unsupported(f"type {value!r}")
            return _any_of([TYPES[n] for n in names])
        if key == "enum":
            # Options that are lists or mappings are left to jsonschema: before 4.21 it
            # compared them with Python's == (so [True] was [1]), since then as `equal` does.
            if not isinstance(value, list) or not all(v is None or isinstance(v, (str, int, float)) for v in value):
                raise Unsupported("enum")
            if all(isinstance(v, str) for v in value):
                texts = frozenset(value)  # text equals text only: a set lookup is exact
                return lambda x: isinstance(x, str) and x in texts
            options = tuple(value)
            return lambda x: any(equal(option, x) for option in options)
        if key == "const":
            return lambda x: equal(x, value)
        if key == "pattern":
            if not isinstance(value, str):
                raise Unsupported("pattern")
            search = re.compile(value).search
            return lambda x: not isinstance(x, str) or search(x) is not None
        if key in ("minLength", "maxLength"):
            n = _count_arg(value)
            if key == "minLength":
                return lambda x: not isinstance(x, str) or len(x) >= n
            return lambda x: not isinstance(x, str) or len(x) <= n
        if key == "minimum":
            low = _number_arg(value)
            return lambda x: not is_number(x) or not x < low
        if key == "maximum":
            high = _number_arg(value)
            return lambda x: not is_number(x) or not x > high
        if key == "exclusiveMinimum":
            low = _number_arg(value)
            return lambda x: not is_number(x) or not x <= low
        if key == "multipleOf":
            return _multiple_of(_number_arg(value))
        if key in ("required", "properties", "additionalProperties", "propertyNames", "minProperties"):
            return self.object_keyword(key, value, schema)
        if key in ("items", "minItems", "maxItems", "uniqueItems"):
            return self.array_keyword(key, value)
        if key in ("anyOf", "oneOf"):
            branches = [self.compile(sub) for sub in _schema_list(value, key)]
            if key == "anyOf":
                return _any_of(branches)
            fixed = tuple(branches)
            return lambda x: sum(1 for check in fixed if check(x)) == 1
        if key == "$ref":
            return self.ref(value)
        raise Unsupported(f"keyword {key!r}")  # pragma: no cover - SUPPORTED and the above agree

    def object_keyword(self, key: str, value: Any, schema: dict[str, Any]) -> Check:
        if key == "required":
            needed = frozenset(_names_arg(value, key))
            return lambda x: not isinstance(x, dict) or x.keys() >= needed  # every name is a key
        if key == "properties":
            if not isinstance(value, dict):
                raise Unsupported(key)
            props = tuple((name, self.compile(sub)) for name, sub in value.items())

            def properties(x: Any) -> bool:
                if isinstance(x, dict):
                    for name, check in props:
                        if name in x and not check(x[name]):
                            return False
                return True
            return properties
        if key == "additionalProperties":
            known = schema.get("properties", {})
            if not isinstance(known, dict):
                raise Unsupported("properties")
            known_names = frozenset(known)  # (no patternProperties: a schema with them is not compiled)
            if value is False:
                return lambda x: not isinstance(x, dict) or x.keys() <= known_names
            sub = self.compile(value)
            return lambda x: not isinstance(x, dict) or all(sub(v) for k, v in x.items() if k not in known_names)
        if key == "propertyNames":
            sub = self.compile(value)
            return lambda x: not isinstance(x, dict) or all(sub(k) for k in x)
        n = _count_arg(value)
        return lambda x: not isinstance(x, dict) or len(x) >= n  # minProperties

    def array_keyword(self, key: str, value: Any) -> Check:
        if key == "items":
            sub = self.compile(value)
            return lambda x: not isinstance(x, list) or all(sub(item) for item in x)
        if key == "uniqueItems":
            if not isinstance(value, bool):
                raise Unsupported(key)
            if not value:
                return _always
            return lambda x: not isinstance(x, list) or _unique(x)
        n = _count_arg(value)
        if key == "minItems":
            return lambda x: not isinstance(x, list) or len(x) >= n
        return lambda x: not isinstance(x, list) or len(x) <= n  # maxItems
