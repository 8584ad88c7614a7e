"""Checks of framework and profile documents: the JSON Schema first, then the rules a
schema cannot express (arithmetic, ids, agreement between a profile and its framework).
Every check returns all the problems it finds, each located in the file."""

from __future__ import annotations

import json
import math
import numbers
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from pic.core.errors import Problem
from pic.core.jurisdictions import BY_SLUG
from pic.core.jurisdictions import suggestions as state_suggestions
from pic.core.yamlload import Document, Path_, shown

_EPS = 1e-9
# "Did you mean" hints cost a difflib search each: a file with thousands of unknown keys
# (hostile or generated) gets its problems listed promptly, with hints for the first ones.
MAX_HINTS = 50


class _Hints:
    """Close-match suggestions, at most MAX_HINTS searches per checked file."""

    def __init__(self) -> None:
        self.left = MAX_HINTS

    def close(self, word: str, candidates: list[str], n: int = 1) -> list[str] | None:
        """Close matches of `word`, or None once the budget is spent (no search made)."""
        if self.left <= 0:
            return None
        self.left -= 1
        import difflib

        return difflib.get_close_matches(word, candidates, n=n)


def schema_dir() -> Path:
    from pic.core.load import builtin_root

    return builtin_root() / "schemas"


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict[str, Any]:
    with (schema_dir() / f"{name}.schema.json").open(encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=None)
def _validator(name: str) -> Any:
    # jsonschema is the costliest import pic has (~70 ms, more than the rest of pic's
    # start-up): load it only when a file has to be explained, and build each
    # validator once per process.
    from jsonschema import Draft202012Validator

    schema = load_schema(name)
    return Draft202012Validator(schema)


# -- the schema's verdict without jsonschema ---------------------------------------
#
# Most files pic reads are valid, and for a valid file jsonschema only says "nothing
# wrong" -- at the price of its import and ~10 ms per profile. `_compile` turns a schema
# into a plain predicate that gives jsonschema's verdict, valid or not, for every
# document the YAML loader can produce. It knows a fixed list of keywords and follows
# jsonschema's own definitions of each (see jsonschema/_keywords.py and _types.py for
# draft 2020-12); a schema using anything else is not compiled at all, and jsonschema
# checks every file against it as before. Whenever the predicate says "invalid" (or
# raises), jsonschema runs and its errors make the messages, so messages are exactly
# what they were; the predicate only lets a valid file skip jsonschema.
# tests/test_hostile.py checks the two verdicts agree on generated documents.

Check = Callable[[Any], bool]


class _Unsupported(Exception):
    """The schema uses something `_compile` does not implement: use jsonschema."""


_ANNOTATIONS = frozenset({"title", "description", "$comment", "default", "examples", "deprecated",
                          "readOnly", "writeOnly"})
_DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _is_number(x: Any) -> bool:
    return isinstance(x, numbers.Number) and not isinstance(x, bool)


_TYPES: dict[str, Check] = {
    "object": lambda x: isinstance(x, dict),
    "array": lambda x: isinstance(x, list),
    "string": lambda x: isinstance(x, str),
    "boolean": lambda x: isinstance(x, bool),
    "null": lambda x: x is None,
    "number": _is_number,
    # draft 6 and later: 1.0 is an integer too
    "integer": lambda x: (isinstance(x, int) and not isinstance(x, bool))
    or (isinstance(x, float) and x.is_integer()),
}


def _number_arg(value: Any) -> float | int:
    if not _is_number(value) or isinstance(value, float) and not math.isfinite(value):
        raise _Unsupported(f"not a finite number: {value!r}")
    return value


def _count_arg(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _Unsupported(f"not a count: {value!r}")
    return value


def _multiple_of(step: float | int) -> Check:
    if step <= 0:
        raise _Unsupported("multipleOf must be positive")
    if isinstance(step, float):
        def check(x: Any) -> bool:
            if not _is_number(x):
                return True
            quotient = x / step
            try:
                return int(quotient) == quotient
            except OverflowError:
                from fractions import Fraction

                return (Fraction(x) / Fraction(step)).denominator == 1
    else:
        def check(x: Any) -> bool:
            return not _is_number(x) or not (x % step)
    return check


def _all_of(checks: list[Check]) -> Check:
    if not checks:
        return lambda x: True
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        a, b = checks
        return lambda x: a(x) and b(x)
    fixed = tuple(checks)

    def all_of(x: Any) -> bool:
        for check in fixed:
            if not check(x):
                return False
        return True
    return all_of


def _any_of(checks: list[Check]) -> Check:
    if len(checks) == 1:
        return checks[0]
    fixed = tuple(checks)

    def any_of(x: Any) -> bool:
        for check in fixed:
            if check(x):
                return True
        return False
    return any_of


class _Compiler:
    def __init__(self, root: Any) -> None:
        self.root = root
        self.refs: dict[str, Check] = {}

    def ref(self, ref: Any) -> Check:
        if not isinstance(ref, str) or not re.fullmatch(r"#/\$defs/[A-Za-z0-9_-]+", ref):
            raise _Unsupported(f"$ref {ref!r}")
        if ref not in self.refs:
            cell: list[Check] = []
            self.refs[ref] = lambda x: cell[0](x)  # stands in while the target compiles (recursion)
            defs = self.root.get("$defs")
            name = ref.rsplit("/", 1)[1]
            if not isinstance(defs, dict) or name not in defs:
                raise _Unsupported(f"$ref {ref!r} has no target")
            cell.append(self.compile(defs[name], top=False))
            self.refs[ref] = cell[0]  # later references call the target directly
        return self.refs[ref]

    def compile(self, schema: Any, top: bool) -> Check:
        if schema is True:
            return lambda x: True
        if schema is False:
            return lambda x: False
        if not isinstance(schema, dict):
            raise _Unsupported("a schema must be an object or a boolean")
        checks: list[Check] = []
        props = schema.get("properties", {})
        if not isinstance(props, dict):
            raise _Unsupported("properties")
        for key, value in schema.items():
            if key in _ANNOTATIONS:
                continue
            if top and key in ("$id", "$defs"):
                continue  # $defs is reached through $ref only, as in jsonschema
            if top and key == "$schema":
                if value != _DRAFT:
                    raise _Unsupported(f"$schema {value!r}")
                continue
            checks.append(self.keyword(key, value, schema, props))
        return _all_of(checks)

    def keyword(self, key: str, value: Any, schema: dict[str, Any], props: dict[str, Any]) -> Check:
        if key == "type":
            names = value if isinstance(value, list) else [value]
            if not names or any(n not in _TYPES for n in names):
                raise _Unsupported(f"type {value!r}")
            if len(names) == 1:
                return _TYPES[names[0]]
            return _any_of([_TYPES[n] for n in names])
        if key == "enum":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise _Unsupported("enum of anything but text")  # jsonschema's equal() is subtler there
            options = frozenset(value)
            return lambda x: isinstance(x, str) and x in options
        if key == "pattern":
            if not isinstance(value, str):
                raise _Unsupported("pattern")
            search = re.compile(value).search
            return lambda x: not isinstance(x, str) or search(x) is not None
        if key in ("minLength", "maxLength"):
            n = _count_arg(value)
            if key == "minLength":
                return lambda x: not isinstance(x, str) or len(x) >= n
            return lambda x: not isinstance(x, str) or len(x) <= n
        if key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
            b = _number_arg(value)
            return {
                "minimum": lambda x: not _is_number(x) or not x < b,
                "maximum": lambda x: not _is_number(x) or not x > b,
                "exclusiveMinimum": lambda x: not _is_number(x) or not x <= b,
                "exclusiveMaximum": lambda x: not _is_number(x) or not x >= b,
            }[key]
        if key == "multipleOf":
            return _multiple_of(_number_arg(value))
        if key == "required":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise _Unsupported("required")
            required_names = tuple(value)

            def required(x: Any) -> bool:
                if isinstance(x, dict):
                    for n in required_names:
                        if n not in x:
                            return False
                return True
            return required
        if key == "properties":
            subs = tuple((name, self.compile(sub, top=False)) for name, sub in props.items())

            def properties(x: Any) -> bool:
                if isinstance(x, dict):
                    for name, check in subs:
                        if name in x and not check(x[name]):
                            return False
                return True
            return properties
        if key == "additionalProperties":
            if "patternProperties" in schema:
                raise _Unsupported("patternProperties")
            known = frozenset(props)
            if value is False:
                return lambda x: not isinstance(x, dict) or known.issuperset(x)
            sub = self.compile(value, top=False)

            def additional(x: Any) -> bool:
                if isinstance(x, dict):
                    for k, v in x.items():
                        if k not in known and not sub(v):
                            return False
                return True
            return additional
        if key == "propertyNames":
            sub = self.compile(value, top=False)

            def property_names(x: Any) -> bool:
                if isinstance(x, dict):
                    for k in x:
                        if not sub(k):
                            return False
                return True
            return property_names
        if key in ("minProperties", "maxProperties"):
            n = _count_arg(value)
            if key == "minProperties":
                return lambda x: not isinstance(x, dict) or len(x) >= n
            return lambda x: not isinstance(x, dict) or len(x) <= n
        if key == "items":
            if "prefixItems" in schema:
                raise _Unsupported("prefixItems")
            sub = self.compile(value, top=False)

            def items(x: Any) -> bool:
                if isinstance(x, list):
                    for item in x:
                        if not sub(item):
                            return False
                return True
            return items
        if key in ("minItems", "maxItems"):
            n = _count_arg(value)
            if key == "minItems":
                return lambda x: not isinstance(x, list) or len(x) >= n
            return lambda x: not isinstance(x, list) or len(x) <= n
        if key in ("anyOf", "allOf"):
            if not isinstance(value, list) or not value:
                raise _Unsupported(key)
            branches = [self.compile(sub, top=False) for sub in value]
            return _any_of(branches) if key == "anyOf" else _all_of(branches)
        if key == "$ref":
            return self.ref(value)
        raise _Unsupported(f"keyword {key!r}")


def compile_schema(schema: Any) -> Check | None:
    """A predicate giving jsonschema's verdict on `schema`, or None if the schema uses a
    keyword this module does not implement exactly."""
    try:
        return _Compiler(schema).compile(schema, top=True)
    except (_Unsupported, re.error):
        return None


@lru_cache(maxsize=None)
def _predicate(name: str) -> Check | None:
    return compile_schema(load_schema(name))


def schema_valid(data: Any, schema_name: str) -> bool:
    """jsonschema's verdict on `data`, from the compiled predicate when there is one."""
    check = _predicate(schema_name)
    if check is not None:
        try:
            return check(data)
        except Exception:  # anything unusual: let jsonschema itself decide
            pass
    return not _schema_errors(data, schema_name)


def _schema_errors(data: Any, schema_name: str) -> list[Any]:
    validator = _validator(schema_name)
    return sorted(validator.iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.validator))


def schema_problems(doc: Document, schema_name: str) -> list[Problem]:
    check = _predicate(schema_name)
    if check is not None:
        try:
            if check(doc.data):
                return []
        except Exception:  # anything unusual: let jsonschema itself decide
            pass
    try:
        errors = _schema_errors(doc.data, schema_name)
    except (ArithmeticError, ValueError, RecursionError) as exc:  # jsonschema choking on a value
        return [doc.problem((), f"cannot be checked against the {schema_name} schema ({type(exc).__name__}: {exc})")]
    problems: list[Problem] = []
    hints = _Hints()
    for error in errors:
        problems.extend(_explain(doc, error, hints))
    return problems


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value:g}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {shown!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


_TYPE_WORDS = {
    "object": "a mapping",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "nothing (null)",
}


def _explain(doc: Document, error: Any, hints: _Hints) -> list[Problem]:
    path: Path_ = tuple(error.absolute_path)
    kind = error.validator
    value = error.instance
    if kind == "additionalProperties" and isinstance(value, dict):
        allowed = sorted(error.schema.get("properties", {}))
        extras = [k for k in value if k not in allowed]
        out = []
        for key in extras:
            close = hints.close(key, allowed)
            hint = f" (did you mean '{close[0]}'?)" if close else f"; allowed keys: {', '.join(allowed)}"
            out.append(doc.problem(path + (key,), f"unknown key '{shown(key)}'{hint}"))
        return out
    if kind == "required":
        missing = error.validator_value
        keys = [k for k in missing if isinstance(value, dict) and k not in value]
        return [doc.problem(path, f"missing required key '{k}'") for k in keys]
    if kind == "type":
        given = error.validator_value
        wanted: list[str] = given if isinstance(given, list) else [given]
        words = " or ".join(_TYPE_WORDS.get(w, w) for w in wanted)
        return [doc.problem(path, f"expected {words}, found {_describe(value)}")]
    if kind == "enum":
        options = ", ".join(str(v) for v in error.validator_value)
        return [doc.problem(path, f"must be one of {options}; found {_describe(value)}")]
    if kind == "propertyNames":
        return [doc.problem(path + (str(value),), f"'{shown(str(value))}' is not an allowed key here")]
    if kind == "pattern":
        return [doc.problem(path, f"{_describe(value)} is not in the expected form ({error.validator_value})")]
    if kind == "anyOf" and path and path[0] == "findings":
        return [doc.problem(path, "needs at least one citation or a note saying why there is none")]
    if kind in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum", "multipleOf", "minLength",
                "maxLength", "minItems", "minProperties"):
        words = {
            "minimum": f"must be at least {error.validator_value}",
            "exclusiveMinimum": f"must be more than {error.validator_value}",
            "maximum": f"must be at most {error.validator_value}",
            "exclusiveMaximum": f"must be less than {error.validator_value}",
            "multipleOf": f"must be a multiple of {error.validator_value} (half-point steps)",
            "minLength": "must not be empty",
            "maxLength": f"must be at most {error.validator_value} characters",
            "minItems": f"must have at least {error.validator_value} item(s)",
            "minProperties": f"must have at least {error.validator_value} entry(ies)",
        }[kind]
        return [doc.problem(path, f"{words}; found {_describe(value)}")]
    return [doc.problem(path, shown(error.message))]


def _same(a: float, b: float) -> bool:
    return abs(a - b) < _EPS


def _fmt(x: float) -> str:
    return f"{x:g}"


def framework_problems(doc: Document, file_stem: str | None) -> list[Problem]:
    """Rules beyond the schema; call only on a document that passed the schema."""
    data = doc.data
    out: list[Problem] = []
    if file_stem is not None and data["id"] != file_stem:
        out.append(doc.problem(("id",), f"id '{data['id']}' does not match the file name '{file_stem}.yaml'"))
    years = data["years"]
    if years.get("last") is not None and years["last"] < years["first"]:
        out.append(doc.problem(("years", "last"), "last year comes before the first"))
    scale = data.get("grade_scale", [])
    for i in range(1, len(scale)):
        if not scale[i]["min"] < scale[i - 1]["min"]:
            out.append(doc.problem(("grade_scale", i, "min"), "grade minimums must fall from the best grade to the worst"))
    if scale and scale[-1]["min"] != 0:
        out.append(doc.problem(("grade_scale", len(scale) - 1, "min"), "the lowest grade must start at 0"))
    grades = [b["grade"] for b in scale]
    for i, g in enumerate(grades):
        if g in grades[:i]:
            out.append(doc.problem(("grade_scale", i, "grade"), f"grade '{g}' appears twice"))

    seen_ids: dict[str, Path_] = {}
    seen_gaps: dict[str, str] = {}
    sections = data.get("sections", [])
    section_total = 0.0
    all_max_known = bool(sections)
    for si, section in enumerate(sections):
        spath: Path_ = ("sections", si)
        sid = section["id"]
        if sid in seen_ids:
            out.append(doc.problem(spath + ("id",), f"section id '{sid}' is used twice"))
        seen_ids[sid] = spath
        smax = section.get("max")
        if smax is None:
            all_max_known = False
        else:
            section_total += smax
        components = section.get("components", [])
        if components and smax is None:
            out.append(doc.problem(spath, "a section with components needs its max"))
        comp_total = 0.0
        for ci, comp in enumerate(components):
            cpath: Path_ = spath + ("components", ci)
            cid = comp["id"]
            if cid in seen_ids:
                out.append(doc.problem(cpath + ("id",), f"component id '{cid}' is used twice"))
            seen_ids[cid] = cpath
            if not cid.startswith(sid + "."):
                out.append(doc.problem(cpath + ("id",), f"component '{cid}' is filed under section '{sid}'"))
            comp_total += comp["max"]
            crit_total = 0.0
            for ki, crit in enumerate(comp["criteria"]):
                kpath: Path_ = cpath + ("criteria", ki)
                kid = crit["id"]
                if kid in seen_ids:
                    out.append(doc.problem(kpath + ("id",), f"criterion id '{kid}' is used twice"))
                seen_ids[kid] = kpath
                if not kid.startswith(cid + "."):
                    out.append(doc.problem(kpath + ("id",), f"criterion '{kid}' is filed under component '{cid}'"))
                gap = crit["gap"]
                if gap in seen_gaps:
                    out.append(doc.problem(kpath + ("gap",), f"gap label '{gap}' is already used by {seen_gaps[gap]}"))
                seen_gaps.setdefault(gap, kid)
                crit_total += crit["points"]
            if not _same(crit_total, comp["max"]):
                out.append(doc.problem(cpath + ("max",), f"criteria of component {cid} add up to {_fmt(crit_total)}, not its max {_fmt(comp['max'])}"))
        if components and smax is not None and not _same(comp_total, smax):
            out.append(doc.problem(spath + ("max",), f"components of section {sid} add up to {_fmt(comp_total)}, not its max {_fmt(smax)}"))
    if all_max_known and data["max_score"] is not None and not _same(section_total, data["max_score"]):
        out.append(doc.problem(("max_score",), f"sections add up to {_fmt(section_total)}, not max_score {_fmt(data['max_score'])}"))
    return out


_YEAR_STEM = re.compile(r"[0-9]{1,9}")  # str.isdigit() also takes "¹", which int() refuses


def profile_problems(doc: Document, framework: Any | None, framework_error: str | None,
                     folder: str | None, file_stem: str | None) -> list[Problem]:
    """Rules beyond the schema; call only on a document that passed the schema.

    `framework` is the loaded Framework the profile names, or None with `framework_error`
    saying why it could not be had.
    """
    data = doc.data
    out: list[Problem] = []
    slug = data["jurisdiction"]
    if slug not in BY_SLUG:
        close = state_suggestions(slug)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        out.append(doc.problem(("jurisdiction",), f"unknown jurisdiction '{slug}'{hint}"))
    if folder is not None and folder in BY_SLUG and folder != slug:
        out.append(doc.problem(("jurisdiction",), f"'{slug}' does not match the folder '{folder}'"))
    if file_stem is not None and _YEAR_STEM.fullmatch(file_stem) and int(file_stem) != data["year"]:
        out.append(doc.problem(("year",), f"{data['year']} does not match the file name '{file_stem}.yaml'"))
    if framework is None:
        out.append(doc.problem(("framework",), framework_error or f"unknown framework '{data['framework']}'"))
        return out
    year = data["year"]
    if not framework.covers(year):
        last = framework.last_year if framework.last_year is not None else "today"
        out.append(doc.problem(("year",), f"the {framework.id} framework covers {framework.first_year}–{last}, not {year}"))
    published = data.get("published") or {}
    limit = None if framework.max_score is None else framework.max_score + framework.extra_credit
    if "score" in published and limit is not None and published["score"] > limit + _EPS:
        out.append(doc.problem(("published", "score"), f"{_fmt(published['score'])} is above the framework's maximum of {_fmt(limit)}"))
    grades = [b.grade for b in framework.grade_scale]
    if "grade" in published and grades and published["grade"] not in grades:
        out.append(doc.problem(("published", "grade"), f"'{published['grade']}' is not a grade of this framework ({', '.join(grades)})"))
    section_ids = {s.id: s for s in framework.sections}
    for sid, value in (published.get("sections") or {}).items():
        path: Path_ = ("published", "sections", sid)
        section = section_ids.get(sid)
        if section is None:
            known = ", ".join(section_ids) or "none"
            out.append(doc.problem(path, f"no section '{sid}' in the {framework.id} framework (sections: {known})"))
        elif section.max is not None and value > section.max + _EPS:
            out.append(doc.problem(path, f"{_fmt(value)} is above the section's maximum of {_fmt(section.max)}"))
    findings = data.get("findings")
    if findings is not None:
        if not framework.has_criteria:
            out.append(doc.problem(("findings",), f"the {framework.id} framework defines no criteria, so a profile for it can only record published figures"))
            return out
        known = framework.criteria
        hints = _Hints()
        for cid in findings:
            if cid not in known:
                near = hints.close(cid, list(known), n=2)
                hint = f" (did you mean {', '.join(near)}?)" if near else ""
                out.append(doc.problem(("findings", cid), f"'{cid}' is not a criterion of the {framework.id} framework{hint}"))
        missing = [cid for cid in known if cid not in findings]
        for cid in missing:
            out.append(doc.problem(("findings",), f"criterion {cid} is not answered (answer unknown if the source does not say)"))
    return out


