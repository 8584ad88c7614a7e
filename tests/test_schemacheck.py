"""The compiled schema check gives jsonschema's verdict, deterministically.

pic lets a file that the compiled predicate accepts skip jsonschema, so the two must agree
on every document. Three sets of cases, none random:

- every location of pic's own schemas (a document holding every key the schemas allow),
  crossed with edge values: wrong types, empty, boundary numbers, text with `$` and line
  breaks, extra and missing keys;
- for each keyword the compiler implements, hand-written cases at that keyword's edges,
  each with the verdict written out and compared with jsonschema's;
- the way pic reads the schemas' patterns (`$` is the end of the text, as in JSON Schema).

jsonschema is pinned in pyproject.toml to the range these tests were run against.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from pic.core import schemacheck
from pic.core import validate as validation
from pic.core.schemacheck import compile_schema
from pic.core.yamlload import key_path

SHIPPED = ("profile", "framework")


def both(schema: Any, instance: Any) -> tuple[bool, bool]:
    """(compiled verdict, jsonschema verdict) for `instance`."""
    check = compile_schema(schema)
    assert check is not None, f"does not compile: {schema!r}"
    return check(instance), Draft202012Validator(schema).is_valid(instance)


# -- the shipped schemas --------------------------------------------------------------------


@pytest.mark.parametrize("name", SHIPPED)
def test_the_shipped_schemas_compile(name):
    """A schema edit using a keyword the compiler lacks would quietly send every file
    through jsonschema again (slow): this says so instead."""
    assert validation.compiled(name) is not None


# Text that each pattern of the shipped schemas accepts, to build documents from.
PATTERN_EXAMPLES = {
    "^[a-z]+(-[a-z]+)*$": "mississippi",
    "^[a-z][a-z0-9-]*$": "pic",
    "^[A-Z][+-]?$": "A",
    "^[0-9]+$": "1",
    "^[0-9]+\\.[0-9]+$": "1.1",
    "^[0-9]+\\.[0-9]+\\.[a-z]$": "1.1.a",
}
NUMBER_CANDIDATES = (1900, 2019, 0, 0.5, 1, 2.5, 10)


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    """`schema` with its `$ref` (to root's $defs) merged in."""
    while "$ref" in schema:
        target = root["$defs"][schema["$ref"].rsplit("/", 1)[1]]
        schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
    return schema


def fullest(schema: dict[str, Any], root: dict[str, Any]) -> Any:
    """A valid instance of `schema` holding every property it allows, optional ones too."""
    schema = _resolve(schema, root)
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type") or ("object" if "properties" in schema else "array" if "items" in schema else None)
    if isinstance(kind, list):
        kind = next(k for k in kind if k != "null")
    if kind == "object":
        out = {name: fullest(sub, root) for name, sub in schema.get("properties", {}).items()}
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict):
            key = PATTERN_EXAMPLES[schema["propertyNames"]["pattern"]] if "propertyNames" in schema else "key"
            out[key] = fullest(extra, root)
        return out
    if kind == "array":
        return [fullest(schema["items"], root) for _ in range(max(1, schema.get("minItems", 0)))]
    if kind == "string":
        if "pattern" in schema:
            assert schema["pattern"] in PATTERN_EXAMPLES, f"add an example of {schema['pattern']!r} to PATTERN_EXAMPLES"
            return PATTERN_EXAMPLES[schema["pattern"]]
        return "text"
    if kind == "boolean":
        return True
    if kind in ("integer", "number"):
        check = compile_schema(schema)
        assert check is not None
        return next(n for n in NUMBER_CANDIDATES if check(n))
    raise AssertionError(f"cannot build an instance of {schema!r}; extend fullest()")


def _raw(name: str) -> dict[str, Any]:
    return json.loads((validation.schema_dir() / f"{name}.schema.json").read_text(encoding="utf-8"))


FULLEST = {name: fullest(_raw(name), _raw(name)) for name in SHIPPED}


def _locations(data: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(data, dict):
        for k, v in data.items():
            out += _locations(v, prefix + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _locations(v, prefix + (i,))
    return out


def _schema_keys(schema: Any, root: dict[str, Any], seen: set[str]) -> set[str]:
    """Every property name the schema defines anywhere (through $ref too)."""
    names: set[str] = set()
    if isinstance(schema, dict):
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref not in seen:
            seen.add(ref)
            names |= _schema_keys(_resolve({"$ref": ref}, root), root, seen)
        if isinstance(schema.get("properties"), dict):
            names |= set(schema["properties"])
        for key, value in schema.items():
            if key not in ("enum", "const", "$defs", "examples", "default"):
                names |= _schema_keys(value, root, seen)
    elif isinstance(schema, list):
        for item in schema:
            names |= _schema_keys(item, root, seen)
    return names


@pytest.mark.parametrize("name", SHIPPED)
def test_the_fullest_documents_are_valid_and_hold_every_key_of_the_schema(name):
    """The base of the location cases below: valid, and every key of the schema appears."""
    schema = validation.load_schema(name)
    assert Draft202012Validator(schema).is_valid(FULLEST[name]), list(Draft202012Validator(schema).iter_errors(FULLEST[name]))
    used = {part for loc in _locations(FULLEST[name]) for part in loc if isinstance(part, str)}
    assert _schema_keys(_raw(name), _raw(name), set()) <= used


EDGE_VALUES: list[Any] = [
    None, True, False, 0, 1, -1, 0.0, -0.0, 0.5, -0.5, 0.25, 0.3, 1.0, 2.25, 2.5, 1e-9, 1899, 1899.5, 1900, 1900.0,
    2019, 2100, 2100.5, 2101, 10**30, 1e300, -1e300,
    "", " ", "a", "A", "A+", "A-", "A+-", "AB", "a$", "$", "^", "abc\n", "\n", "x\r\n", "mississippi", "mississippi\n",
    "new-york", "new-", "-x", "pic", "pic\n", "PIC", "1", "1\n", "01", "1.1", "1.1\n", "1.1.a", "1.1.a\n", "1.1.A", "1.1.ab",
    "yes", "no", "unknown", "Yes", "card", "published-total", "statute", "score", "grade", "sections", "issue_areas",
    "topic-confirmed", "reconstructed", "confirmed", "x" * 60, "x" * 61, "2019",
    [], [None], [""], ["x"], ["1.1.a"], ["1.1.a", "1.1.b"], [1], [True], [{}], ["score", "score"],
    {}, {"x": 1}, {"1": 1}, {"1": "A"}, {"answer": "yes"}, {"answer": "no", "note": "n"},
    {"answer": "unknown", "citations": []}, {"answer": "yes", "citations": ["c"]}, {"title": "t"},
    {"grade": "A", "min": 0}, {"first": 2011}, {"criteria": ["1.1.a", "1.1.b"], "points": 0.5, "note": "n"},
]
EDGE_KEYS = ["zz_extra", "", "1", "01", "1\n", "1.1.a", "1.1.a\n", "9.9.z", "a$", "x\ny", "score"]


def _variants(doc: Any, location: tuple) -> list[tuple[str, Any]]:
    """`doc` changed at `location` every way the edge cases allow, each with a label."""
    out: list[tuple[str, Any]] = []

    def changed(label: str, change) -> None:
        new = copy.deepcopy(doc)
        if not location:
            new = change(None, None, new)
        else:
            parent = new
            for part in location[:-1]:
                parent = parent[part]
            change(parent, location[-1], None)
        out.append((label, new))

    def setter(value: Any):
        def change(parent, last, whole):
            if parent is None:
                return copy.deepcopy(value)
            parent[last] = copy.deepcopy(value)
        return change

    for value in EDGE_VALUES:
        changed(f"set {value!r}", setter(value))
    if location:
        changed("delete", lambda parent, last, whole: parent.pop(last))
    target = doc
    for part in location:
        target = target[part]
    if isinstance(target, dict):
        sample = next(iter(target.values()), "x")
        for key in EDGE_KEYS:
            def add(parent, last, whole, key=key):
                where = whole if parent is None else parent[last]
                where[key] = copy.deepcopy(sample)
                return whole
            changed(f"add key {key!r}", add)
    if isinstance(target, list):
        def append(parent, last, whole):
            where = whole if parent is None else parent[last]
            where.append(copy.deepcopy(where[0]) if where else "x")
            return whole
        changed("append a copy", append)
    return out


LOCATION_CASES = [(name, loc) for name in SHIPPED for loc in _locations(FULLEST[name])]


@pytest.fixture(scope="module")
def shipped_checks():
    return {name: (validation.compiled(name), Draft202012Validator(validation.load_schema(name))) for name in SHIPPED}


@pytest.mark.parametrize("name,location", LOCATION_CASES,
                         ids=[f"{n}:{key_path(loc) or '(document)'}" for n, loc in LOCATION_CASES])
def test_every_location_of_the_shipped_schemas_with_edge_values(shipped_checks, name, location):
    check, validator = shipped_checks[name]
    disagreements = []
    verdicts = set()
    for label, doc in _variants(FULLEST[name], location):
        fast, slow = check(doc), validator.is_valid(doc)
        verdicts.add(slow)
        if fast != slow:
            disagreements.append((label, fast, slow))
    assert not disagreements, disagreements
    assert False in verdicts  # the edges reach past what the schema allows here


# -- each keyword at its edges ------------------------------------------------------------------

T, F = True, False
KEYWORD_CASES: list[tuple[str, dict[str, Any], Any, bool]] = [
    # type: bool is not a number; 1.0 is an integer (draft 6 on)
    ("type", {"type": "integer"}, 1, T), ("type", {"type": "integer"}, 1.0, T), ("type", {"type": "integer"}, -0.0, T),
    ("type", {"type": "integer"}, 1.5, F), ("type", {"type": "integer"}, True, F), ("type", {"type": "integer"}, False, F),
    ("type", {"type": "integer"}, "1", F), ("type", {"type": "integer"}, None, F), ("type", {"type": "integer"}, 10**30, T),
    ("type", {"type": "integer"}, 1e300, T), ("type", {"type": "number"}, 1.5, T), ("type", {"type": "number"}, True, F),
    ("type", {"type": "number"}, "1.5", F), ("type", {"type": "boolean"}, True, T), ("type", {"type": "boolean"}, 1, F),
    ("type", {"type": "boolean"}, 0, F), ("type", {"type": "boolean"}, "true", F), ("type", {"type": "string"}, "", T),
    ("type", {"type": "string"}, 1, F), ("type", {"type": "null"}, None, T), ("type", {"type": "null"}, 0, F),
    ("type", {"type": "null"}, "", F), ("type", {"type": "null"}, False, F), ("type", {"type": "array"}, [], T),
    ("type", {"type": "array"}, {}, F), ("type", {"type": "object"}, {}, T), ("type", {"type": "object"}, [], F),
    ("type", {"type": ["integer", "null"]}, None, T), ("type", {"type": ["integer", "null"]}, 2, T),
    ("type", {"type": ["integer", "null"]}, 2.5, F), ("type", {"type": ["integer", "null"]}, True, F),
    # bounds: equal to the bound, just past it, the other numeric type, booleans (not numbers: not checked)
    ("minimum", {"minimum": 1900}, 1900, T), ("minimum", {"minimum": 1900}, 1900.0, T),
    ("minimum", {"minimum": 1900}, 1899, F), ("minimum", {"minimum": 1900}, 1899.999, F),
    ("minimum", {"minimum": 1900}, "1800", T), ("minimum", {"minimum": 1}, False, T),
    ("minimum", {"minimum": 0.5}, 0.5, T), ("minimum", {"minimum": 0.5}, 0.49999, F),
    ("maximum", {"maximum": 2100}, 2100, T), ("maximum", {"maximum": 2100}, 2100.0001, F),
    ("maximum", {"maximum": 2100}, 2101, F), ("maximum", {"maximum": 0}, True, T),
    ("exclusiveMinimum", {"exclusiveMinimum": 0}, 0, F), ("exclusiveMinimum", {"exclusiveMinimum": 0}, 0.0, F),
    ("exclusiveMinimum", {"exclusiveMinimum": 0}, -0.0, F), ("exclusiveMinimum", {"exclusiveMinimum": 0}, 1e-300, T),
    ("exclusiveMinimum", {"exclusiveMinimum": 0}, False, T), ("exclusiveMinimum", {"exclusiveMinimum": 0.5}, 0.5, F),
    # multipleOf: half-point steps, float quirks (0.3 / 0.1 is not whole in floating point), huge values
    ("multipleOf", {"multipleOf": 0.5}, 0, T), ("multipleOf", {"multipleOf": 0.5}, 0.5, T),
    ("multipleOf", {"multipleOf": 0.5}, 2.5, T), ("multipleOf", {"multipleOf": 0.5}, -1.5, T),
    ("multipleOf", {"multipleOf": 0.5}, 2.25, F), ("multipleOf", {"multipleOf": 0.5}, 0.3, F),
    ("multipleOf", {"multipleOf": 0.5}, 3, T), ("multipleOf", {"multipleOf": 0.5}, 10**30, T),
    ("multipleOf", {"multipleOf": 0.5}, 1.7e308, T), ("multipleOf", {"multipleOf": 0.5}, True, T),
    ("multipleOf", {"multipleOf": 0.5}, "2.25", T), ("multipleOf", {"multipleOf": 0.1}, 0.2, T),
    ("multipleOf", {"multipleOf": 0.1}, 0.3, F), ("multipleOf", {"multipleOf": 1}, 2.5, F),
    ("multipleOf", {"multipleOf": 1}, 2.0, T), ("multipleOf", {"multipleOf": 3}, 9, T),
    ("multipleOf", {"multipleOf": 3}, 10, F), ("multipleOf", {"multipleOf": 3}, 9.0, T),
    # pattern: a search, not a full match; Python's `$` also matches before one final "\n"
    ("pattern", {"pattern": "^[a-z]+$"}, "abc", T), ("pattern", {"pattern": "^[a-z]+$"}, "abc\n", T),
    ("pattern", {"pattern": "^[a-z]+$"}, "abc\n\n", F), ("pattern", {"pattern": "^[a-z]+$"}, "\nabc", F),
    ("pattern", {"pattern": "^[a-z]+$"}, "abc\r\n", F), ("pattern", {"pattern": "^[a-z]+$"}, "", F),
    ("pattern", {"pattern": "^[a-z]+$"}, 5, T), ("pattern", {"pattern": "[a-z]"}, "1a1", T),
    ("pattern", {"pattern": "^a$|^b$"}, "b\n", T), ("pattern", {"pattern": "\\$$"}, "a$", T),
    ("pattern", {"pattern": "\\$$"}, "a", F), ("pattern", {"pattern": "^x\\Z"}, "x\n", F),
    ("pattern", {"pattern": "^x\\Z"}, "x", T), ("pattern", {"pattern": "^.$"}, "\n", F),
    ("pattern", {"pattern": "^.$"}, "é", T), ("pattern", {"pattern": "^[0-9]+\\.[0-9]+\\.[a-z]$"}, "1.1.a\n", T),
    ("pattern", {"pattern": "^[0-9]+\\.[0-9]+\\.[a-z]$"}, "1.1.ab", F),
    ("pattern", {"pattern": "^[0-9]+\\.[0-9]+\\.[a-z]$"}, "1x1.a", F),
    # lengths count characters, not bytes
    ("minLength", {"minLength": 1}, "", F), ("minLength", {"minLength": 1}, "a", T), ("minLength", {"minLength": 1}, 5, T),
    ("maxLength", {"maxLength": 60}, "x" * 60, T), ("maxLength", {"maxLength": 60}, "x" * 61, F),
    ("maxLength", {"maxLength": 2}, "𝄞𝄞", T), ("maxLength", {"maxLength": 0}, [1], T),
    # enum and const: jsonschema's equality (True is not 1, 1 is 1.0, containers compared inside)
    ("enum", {"enum": ["yes", "no", "unknown"]}, "yes", T), ("enum", {"enum": ["yes", "no", "unknown"]}, "Yes", F),
    ("enum", {"enum": ["yes", "no", "unknown"]}, "yes\n", F), ("enum", {"enum": ["yes", "no", "unknown"]}, True, F),
    ("enum", {"enum": ["yes", "no", "unknown"]}, None, F), ("enum", {"enum": [1, True]}, 1, T),
    ("enum", {"enum": [1, True]}, 1.0, T), ("enum", {"enum": [1, True]}, True, T), ("enum", {"enum": [1, True]}, False, F),
    ("enum", {"enum": [1, True]}, "1", F), ("enum", {"enum": [0]}, False, F), ("enum", {"enum": [0]}, 0.0, T),
    ("enum", {"enum": [None]}, None, T), ("enum", {"enum": [None]}, 0, F), ("enum", {"enum": [2, 3]}, 2.0, T),
    ("enum", {"enum": [2, 3]}, [2], F), ("enum", {"enum": [0.5]}, 0.5, T), ("enum", {"enum": []}, "x", F),
    ("const", {"const": 1}, 1, T), ("const", {"const": 1}, 1.0, T), ("const", {"const": 1}, True, F),
    ("const", {"const": False}, False, T), ("const", {"const": False}, 0, F), ("const", {"const": "a"}, "a\n", F),
    ("const", {"const": None}, None, T), ("const", {"const": [1, "a"]}, [1, "a"], T),
    ("const", {"const": [1, "a"]}, [True, "a"], F), ("const", {"const": {"a": [1]}}, {"a": [1.0]}, T),
    # objects
    ("required", {"required": ["a", "b"]}, {"a": 1, "b": 2}, T), ("required", {"required": ["a", "b"]}, {"a": 1}, F),
    ("required", {"required": ["a", "b"]}, {}, F), ("required", {"required": ["a"]}, [], T),
    ("required", {"required": ["a"]}, "a", T), ("required", {"required": []}, {}, T),
    ("properties", {"properties": {"a": {"type": "string"}}}, {"a": 1}, F),
    ("properties", {"properties": {"a": {"type": "string"}}}, {"b": 1}, T),
    ("properties", {"properties": {"a": False}}, {"a": None}, F), ("properties", {"properties": {"a": False}}, {}, T),
    ("additionalProperties", {"properties": {"a": True}, "additionalProperties": False}, {"a": 1}, T),
    ("additionalProperties", {"properties": {"a": True}, "additionalProperties": False}, {"b": 1}, F),
    ("additionalProperties", {"properties": {"a": True}, "additionalProperties": False}, {"a\n": 1}, F),
    ("additionalProperties", {"properties": {"a": True}, "additionalProperties": False}, [], T),
    ("additionalProperties", {"additionalProperties": {"type": "number"}}, {"x": 1}, T),
    ("additionalProperties", {"additionalProperties": {"type": "number"}}, {"x": "1"}, F),
    ("propertyNames", {"propertyNames": {"pattern": "^[0-9]+$"}}, {"1": 1}, T),
    ("propertyNames", {"propertyNames": {"pattern": "^[0-9]+$"}}, {"a": 1}, F),
    ("propertyNames", {"propertyNames": {"pattern": "^[0-9]+$"}}, {"1\n": 1}, T),
    ("propertyNames", {"propertyNames": {"pattern": "^[0-9]+$"}}, {}, T),
    ("propertyNames", {"propertyNames": {"maxLength": 2}}, {"abc": 1}, F),
    ("minProperties", {"minProperties": 1}, {}, F), ("minProperties", {"minProperties": 1}, {"a": 1}, T),
    ("minProperties", {"minProperties": 1}, [], T),
    # arrays
    ("items", {"items": {"type": "string", "minLength": 1}}, ["a"], T),
    ("items", {"items": {"type": "string", "minLength": 1}}, [""], F),
    ("items", {"items": {"type": "string", "minLength": 1}}, [], T),
    ("items", {"items": {"type": "string", "minLength": 1}}, ["a", 1], F),
    ("items", {"items": {"type": "string"}}, "abc", T), ("items", {"items": False}, [], T),
    ("items", {"items": False}, [1], F), ("items", {"items": {"enum": ["score", "grade"]}}, ["grade", "score"], T),
    ("items", {"items": {"enum": ["score", "grade"]}}, ["tier"], F),
    ("minItems", {"minItems": 2}, ["a"], F), ("minItems", {"minItems": 2}, ["a", "b"], T),
    ("minItems", {"minItems": 2}, {}, T), ("maxItems", {"maxItems": 1}, [1, 2], F), ("maxItems", {"maxItems": 1}, [1], T),
    ("uniqueItems", {"uniqueItems": True}, [1, 2], T), ("uniqueItems", {"uniqueItems": True}, [1, 1], F),
    ("uniqueItems", {"uniqueItems": True}, [1, 1.0], F), ("uniqueItems", {"uniqueItems": True}, [1, True], T),
    ("uniqueItems", {"uniqueItems": True}, [0, False], T), ("uniqueItems", {"uniqueItems": True}, [True, True], F),
    ("uniqueItems", {"uniqueItems": True}, [[1], [1]], F), ("uniqueItems", {"uniqueItems": True}, [[1], [True]], T),
    ("uniqueItems", {"uniqueItems": True}, [{"a": 1}, {"a": 1}], F),
    ("uniqueItems", {"uniqueItems": True}, [{"a": 1}, {"a": True}], T),
    ("uniqueItems", {"uniqueItems": True}, ["a", "a"], F), ("uniqueItems", {"uniqueItems": True}, [], T),
    ("uniqueItems", {"uniqueItems": True}, [[True], [1], [True]], T),  # jsonschema's sort-then-neighbours quirk
    ("uniqueItems", {"uniqueItems": False}, [1, 1], T),
    # combinations (the finding rule: a citation or a note)
    ("anyOf", {"anyOf": [{"required": ["citations"], "properties": {"citations": {"minItems": 1}}},
                         {"required": ["note"]}]}, {"citations": ["a"]}, T),
    ("anyOf", {"anyOf": [{"required": ["citations"], "properties": {"citations": {"minItems": 1}}},
                         {"required": ["note"]}]}, {"citations": []}, F),
    ("anyOf", {"anyOf": [{"required": ["citations"], "properties": {"citations": {"minItems": 1}}},
                         {"required": ["note"]}]}, {"citations": [], "note": "n"}, T),
    ("anyOf", {"anyOf": [{"required": ["citations"], "properties": {"citations": {"minItems": 1}}},
                         {"required": ["note"]}]}, {}, F),
    ("anyOf", {"anyOf": [{"required": ["citations"]}, {"required": ["note"]}]}, [], T),
    ("oneOf", {"oneOf": [{"type": "integer"}, {"minimum": 0}]}, 1, F),
    ("oneOf", {"oneOf": [{"type": "integer"}, {"minimum": 0}]}, -1, T),
    ("oneOf", {"oneOf": [{"type": "integer"}, {"minimum": 0}]}, 0.5, T),
    ("oneOf", {"oneOf": [{"type": "integer"}, {"minimum": 0}]}, -0.5, F),
    # references: to $defs with a sibling keyword, recursive, to the root
    ("$ref", {"$defs": {"p": {"type": "number", "multipleOf": 0.5}},
              "properties": {"x": {"$ref": "#/$defs/p", "exclusiveMinimum": 0}}}, {"x": 0}, F),
    ("$ref", {"$defs": {"p": {"type": "number", "multipleOf": 0.5}},
              "properties": {"x": {"$ref": "#/$defs/p", "exclusiveMinimum": 0}}}, {"x": 0.5}, T),
    ("$ref", {"$defs": {"p": {"type": "number", "multipleOf": 0.5}},
              "properties": {"x": {"$ref": "#/$defs/p", "exclusiveMinimum": 0}}}, {"x": 0.3}, F),
    ("$ref", {"$defs": {"t": {"type": "array", "items": {"$ref": "#/$defs/t"}}}, "$ref": "#/$defs/t"}, [[[]]], T),
    ("$ref", {"$defs": {"t": {"type": "array", "items": {"$ref": "#/$defs/t"}}}, "$ref": "#/$defs/t"}, [[1]], F),
    ("$ref", {"type": "object", "additionalProperties": {"$ref": "#"}}, {"a": {"b": {}}}, T),
    ("$ref", {"type": "object", "additionalProperties": {"$ref": "#"}}, {"a": {"b": 1}}, F),
]


def test_every_supported_keyword_has_edge_cases():
    assert {k for k, *_ in KEYWORD_CASES} == set(schemacheck.SUPPORTED)


@pytest.mark.parametrize("keyword,schema,instance,expected", KEYWORD_CASES,
                         ids=[f"{k}-{i}" for i, (k, *_) in enumerate(KEYWORD_CASES)])
def test_each_keyword_at_its_edges(keyword, schema, instance, expected):
    fast, slow = both(schema, instance)
    assert (fast, slow) == (expected, expected)


@pytest.mark.parametrize("schema", [True, False, {}])
@pytest.mark.parametrize("instance", [None, 0, "", [], {}, {"a": [1]}])
def test_boolean_and_empty_schemas(schema, instance):
    fast, slow = both(schema, instance)
    assert fast == slow == (schema is not False)


@pytest.mark.parametrize("schema", [
    {"format": "email"},  # jsonschema only annotates formats unless asked; pic does not rely on either
    {"$ref": "https://example.com/other.json"},
    {"$ref": "#/$defs/missing"},
    {"$ref": "#/properties/a"},
    {"properties": {"a": {"$id": "other"}}},
    {"properties": {"a": {"$schema": "https://json-schema.org/draft/2020-12/schema"}}},
    {"$schema": "http://json-schema.org/draft-07/schema#"},
    {"type": "decimal"},
    {"type": []},
    {"unevaluatedProperties": False},
    {"$dynamicRef": "#meta"},
    {"$anchor": "here"},
    {"someKeyword": 1},  # jsonschema ignores unknown keywords; the compiler does not guess
    {"pattern": "("},
    {"pattern": 5},
    {"multipleOf": 0},
    {"minLength": -1},
    {"minimum": True},
    {"enum": "yes"},
    {"enum": [[1]]},  # jsonschema compared such options differently before 4.21
    {"enum": [{"a": 1}]},
    {"required": "a"},
    {"items": [{}]},
    {"uniqueItems": 1},
    {"anyOf": []},
    {"contains": {}, "minContains": -1},
    # keywords no shipped schema uses: left to jsonschema (see SUPPORTED)
    {"exclusiveMaximum": 10}, {"maxProperties": 1}, {"patternProperties": {"^b": {}}},
    {"properties": {"a": True}, "patternProperties": {"^b": {}}, "additionalProperties": False},
    {"dependentRequired": {"a": ["b"]}}, {"dependentSchemas": {"a": {}}}, {"prefixItems": [{}]},
    {"contains": {"type": "integer"}}, {"minContains": 2}, {"maxContains": 1}, {"allOf": [{}]}, {"not": {}},
    {"if": {}, "then": {}}, {"then": {}}, {"else": {}},
    {"properties": {"a": {"not": {"type": "string"}}}},  # inside as at the top
])
def test_the_compiler_refuses_what_it_does_not_implement(schema):
    assert compile_schema(schema) is None


# -- `$` as JSON Schema means it ----------------------------------------------------------------


@pytest.mark.parametrize("written,read", [
    ("^[a-z]+$", "^[a-z]+\\Z"),
    ("^a$|^b$", "^a\\Z|^b\\Z"),
    ("\\$$", "\\$\\Z"),
    ("[$]", "[$]"),
    ("[]$]$", "[]$]\\Z"),
    ("[^]$]$", "[^]$]\\Z"),
    ("[\\]$]$", "[\\]$]\\Z"),
    ("^[0-9]+\\.[0-9]+\\.[a-z]$", "^[0-9]+\\.[0-9]+\\.[a-z]\\Z"),
    ("no anchor", "no anchor"),
])
def test_patterns_are_read_with_dollar_as_the_end_of_the_text(written, read):
    assert validation.ecma_end_anchors(written) == read


@pytest.mark.parametrize("value,valid", [("mississippi", T), ("mississippi\n", F), ("new-york", T),
                                         ("new-york\n", F), ("\nmississippi", F)])
def test_pic_and_jsonschema_agree_that_a_final_line_break_breaks_a_pattern(value, valid):
    """As schemas/*.json mean it (ECMA-262), not as Python's `re` would read them alone."""
    doc = copy.deepcopy(FULLEST["profile"])
    doc["jurisdiction"] = value
    fast, slow = both(validation.load_schema("profile"), doc)
    assert fast == slow == valid
    if value.endswith("\n") and not value.startswith("\n"):  # the reason for the rewrite
        assert Draft202012Validator(_raw("profile")).is_valid(doc)


def test_a_pattern_problem_quotes_the_pattern_as_written():
    from pic.core.yamlload import Document

    doc = copy.deepcopy(FULLEST["profile"])
    doc["jurisdiction"] = "New York"
    problems = validation.schema_problems(Document("p.yaml", doc, {(): (1, 1)}), "profile")
    assert [p.message for p in problems] == ["the text 'New York' is not in the expected form (^[a-z]+(-[a-z]+)*$)"]


# -- the keywords pic's schemas use, and no more ----------------------------------------------

ALL_SCHEMAS = sorted(p.name[: -len(".schema.json")] for p in validation.schema_dir().glob("*.schema.json"))
STRUCTURE = {"$defs", "$id", "$schema"}  # read by the compiler itself, not checks


def keywords_of(schema: Any) -> set[str]:
    """Every keyword written anywhere in a schema (property and $defs names are not keywords)."""
    if isinstance(schema, list):
        return set().union(*(keywords_of(s) for s in schema)) if schema else set()
    if not isinstance(schema, dict):
        return set()
    found = set(schema)
    for key, value in schema.items():
        if key in ("enum", "const", "required", "examples", "default", "dependentRequired"):
            continue
        if key in ("properties", "$defs", "patternProperties", "dependentSchemas") and isinstance(value, dict):
            found |= keywords_of(list(value.values()))
        else:
            found |= keywords_of(value)
    return found


def test_the_compiler_implements_exactly_the_keywords_the_shipped_schemas_use():
    """A schema that starts using a keyword the compiler lacks fails here (it would otherwise
    send every file through jsonschema again, slowly); a keyword no schema uses any more is
    code to remove."""
    assert len(ALL_SCHEMAS) >= 16
    used = set().union(*(keywords_of(_raw(name)) for name in ALL_SCHEMAS)) - schemacheck.ANNOTATIONS - STRUCTURE
    assert used - schemacheck.SUPPORTED == set(), "keywords to implement in pic.core.schemacheck"
    assert schemacheck.SUPPORTED - used == set(), "keywords no schema uses: remove them from pic.core.schemacheck"
    assert keywords_of({"properties": {"not": {"type": "string"}}, "$defs": {"if": {"minimum": 1}}}) == {
        "properties", "$defs", "type", "minimum"}  # names are not keywords


@pytest.mark.parametrize("name", ALL_SCHEMAS)
def test_every_shipped_schema_compiles(name):
    assert validation.compiled(name) is not None


# Outputs pic wrote (the golden files), each changed at a spread of its locations: the
# output schemas use what the input schemas do not (oneOf, const, uniqueItems...).
GOLDEN = sorted((Path(__file__).parent / "golden").glob("*.json"))
OUTPUT_SCHEMAS = [n for n in ALL_SCHEMAS if n.endswith(".output")]


def _changes(doc: Any) -> list[Any]:
    locations = [loc for loc in _locations(doc) if loc]
    step = max(1, len(locations) // 20)
    out = []
    for loc in locations[::step]:
        for value in (None, "x", -1, [], "DELETE"):
            new = copy.deepcopy(doc)
            parent = new
            for part in loc[:-1]:
                parent = parent[part]
            if value == "DELETE":
                parent.pop(loc[-1])
            else:
                parent[loc[-1]] = value
            out.append(new)
    return out


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.stem)
def test_the_output_schemas_agree_with_jsonschema_on_pics_outputs(path):
    doc = json.loads(path.read_text(encoding="utf-8"))
    fits = [n for n in OUTPUT_SCHEMAS if Draft202012Validator(validation.load_schema(n)).is_valid(doc)]
    assert fits, f"{path.name} fits no output schema"
    for name in fits:
        check, validator = validation.compiled(name), Draft202012Validator(validation.load_schema(name))
        assert check is not None and check(doc)
        verdicts = [(check(d), validator.is_valid(d)) for d in _changes(doc)]
        assert all(fast == slow for fast, slow in verdicts), name
        assert (False, False) in verdicts  # the changes reach past what the schema allows
