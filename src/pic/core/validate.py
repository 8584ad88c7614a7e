"""Checks of framework and profile documents: the JSON Schema first, then the rules a
schema cannot express (arithmetic, ids, agreement between a profile and its framework,
and between the frameworks of one tree). Every check returns all the problems it finds,
each located in the file, each once.

The schema's verdict on a valid file comes from the predicate `schemacheck` compiles;
jsonschema (the costliest import pic has) runs only to explain a file the predicate
rejects, and its errors are translated here into one-line messages.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from pic.core.errors import DataError, Problem, short
from pic.core.jurisdictions import BY_SLUG
from pic.core.jurisdictions import suggestions as state_suggestions
from pic.core.model import Framework
from pic.core.numbers import EPS as _EPS
from pic.core.numbers import fmt as _fmt
from pic.core.schemacheck import Check, compile_schema
from pic.core.sourcefile import Document, Path_, shown

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


# -- the schemas ----------------------------------------------------------------------------


def schema_dir() -> Path:
    """schemas/ of pic's own data."""
    from pic.core.paths import builtin_root

    return builtin_root() / "schemas"


# Patterns as the schema files write them, by the form load_schema gives them to Python.
_WRITTEN_PATTERN: dict[str, str] = {}


def ecma_end_anchors(pattern: str) -> str:
    """`pattern` for Python's `re` with `$` meaning what it means in JSON Schema (ECMA-262):
    the very end of the text. Python's `$` also matches before a final line break, so
    '^[a-z]+$' would take "pic\n" as an id."""
    out: list[str] = []
    i, n = 0, len(pattern)
    in_class = False
    while i < n:
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i:i + 2])
            i += 2
            continue
        i += 1
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            out.append(c)
            if pattern.startswith("^", i):  # a "]" that opens a class is literal in Python
                out.append("^")
                i += 1
            if pattern.startswith("]", i):
                out.append("]")
                i += 1
            continue
        elif c == "$":
            out.append(r"\Z")
            continue
        out.append(c)
    return "".join(out)


def _read_patterns_as_ecma(schema: Any) -> Any:
    """A copy of `schema` whose `pattern`s and `patternProperties` anchor as in ECMA-262."""
    if isinstance(schema, list):
        return [_read_patterns_as_ecma(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key == "pattern" and isinstance(value, str):
            out[key] = ecma_end_anchors(value)
            _WRITTEN_PATTERN[out[key]] = value
        elif key == "patternProperties" and isinstance(value, dict):
            out[key] = {ecma_end_anchors(k): _read_patterns_as_ecma(v) for k, v in value.items()}
        elif key in ("enum", "const", "default", "examples"):
            out[key] = value  # data, not schemas
        else:
            out[key] = _read_patterns_as_ecma(value)
    return out


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict[str, Any]:
    """schemas/NAME.schema.json, as both jsonschema and the compiled check read it."""
    with (schema_dir() / f"{name}.schema.json").open(encoding="utf-8") as fh:
        schema: dict[str, Any] = _read_patterns_as_ecma(json.load(fh))
    return schema


@lru_cache(maxsize=None)
def _validator(name: str) -> Any:
    # jsonschema is the costliest import pic has (~70 ms, more than the rest of pic's
    # start-up): load it only when a file has to be explained, and build each
    # validator once per process.
    from jsonschema import Draft202012Validator

    return Draft202012Validator(load_schema(name))


@lru_cache(maxsize=None)
def compiled(name: str) -> Check | None:
    """jsonschema's verdict for schema `name` as a plain predicate (None: not compilable)."""
    return compile_schema(load_schema(name))


def _schema_errors(data: Any, schema_name: str) -> list[Any]:
    validator = _validator(schema_name)
    return sorted(validator.iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.validator))


def schema_problems(doc: Document, schema_name: str) -> list[Problem]:
    """Every way `doc` breaks schema `schema_name`, each once ([] for a valid file)."""
    check = compiled(schema_name)
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
    # jsonschema gives one error per missing key, each naming all of them; other keywords
    # can meet the same place twice too: every problem is listed once, in order.
    return list(dict.fromkeys(problems))


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {_fmt(value)}"
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
            out.append(doc.problem(path + (key,), f"unknown key '{short(key)}'{hint}"))
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
        return [doc.problem(path + (str(value),), f"'{short(value)}' is not an allowed key here")]
    if kind == "pattern":
        written = _WRITTEN_PATTERN.get(error.validator_value, error.validator_value)
        return [doc.problem(path, f"{_describe(value)} is not in the expected form ({written})")]
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


def framework_problems(doc: Document, file_stem: str | None) -> list[Problem]:
    """Rules beyond the schema; call only on a document that passed the schema."""
    data = doc.data
    out: list[Problem] = []
    if file_stem is not None and data["id"] != file_stem:
        out.append(doc.problem(("id",), f"id '{short(data['id'])}' does not match the file name '{file_stem}.yaml'"))
    years = data["years"]
    if years.get("last") is not None and years["last"] < years["first"]:
        out.append(doc.problem(("years", "last"), "last year comes before the first"))
    scale = data.get("grade_scale", [])
    for i in range(1, len(scale)):
        if not scale[i]["min"] < scale[i - 1]["min"]:
            out.append(doc.problem(("grade_scale", i, "min"), "grade minimums must fall from the best grade to the worst"))
    if scale and scale[-1]["min"] != 0:
        out.append(doc.problem(("grade_scale", len(scale) - 1, "min"), "the lowest grade must start at 0"))
    top = data["max_score"]
    if top is not None:
        for i, band in enumerate(scale):
            if band["min"] > top + _EPS:
                out.append(doc.problem(("grade_scale", i, "min"),
                                       f"grade '{band['grade']}' starts at {_fmt(band['min'])}, above the maximum score "
                                       f"of {_fmt(top)}: no state can reach it"))
    grades = [b["grade"] for b in scale]
    for i, g in enumerate(grades):
        if g in grades[:i]:
            out.append(doc.problem(("grade_scale", i, "grade"), f"grade '{g}' appears twice"))

    section_ids = {str(sec.get("id")) for sec in data.get("sections", [])}
    component_ids = {str(c.get("id")) for sec in data.get("sections", []) for c in sec.get("components", [])}
    for i, e in enumerate(data.get("editions") or []):
        if e["years"]["last"] < e["years"]["first"]:
            out.append(doc.problem(("editions", i, "years", "last"), "last year comes before the first"))
        for j, cid in enumerate(e.get("absent_components", [])):
            if cid not in component_ids:
                out.append(doc.problem(("editions", i, "absent_components", j), f"'{cid}' is not a component here"))
        for j, sid in enumerate(e.get("unknown_sections", [])):
            if sid not in section_ids:
                out.append(doc.problem(("editions", i, "unknown_sections", j), f"'{sid}' is not a section here"))

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


# -- rules across the frameworks of one tree ----------------------------------------------

_LAST_YEAR = 2100  # the schemas' bound on years


def years_covered(fw: Framework) -> set[int]:
    last = _LAST_YEAR if fw.last_year is None else fw.last_year
    return {y for y in range(fw.first_year, last + 1) if fw.covers(y)}


def _spans(years: list[int]) -> str:
    """[2019, 2020, 2021, 2023] -> '2019–2021, 2023'; a run to the schemas' last year is open."""
    runs: list[list[int]] = []
    for y in years:
        if runs and y == runs[-1][1] + 1:
            runs[-1][1] = y
        else:
            runs.append([y, y])
    return ", ".join(f"{a} on" if b == _LAST_YEAR else str(a) if a == b else f"{a}–{b}" for a, b in runs)


def overlap_problems(frameworks: list[tuple[Document, Framework]]) -> list[Problem]:
    """Years that two frameworks both cover: the year of a profile must settle which
    framework scores it. Each overlapping pair is reported once, on the later framework."""
    ordered = sorted(frameworks, key=lambda pair: (pair[1].first_year, pair[1].id))
    covered = [years_covered(fw) for _, fw in ordered]
    out: list[Problem] = []
    for j, (doc, fw) in enumerate(ordered):
        for i in range(j):
            shared = sorted(covered[i] & covered[j])
            if shared:
                other = ordered[i][1]
                out.append(doc.problem(("years",), f"covers {_spans(shared)}, as the {other.id} framework "
                                                   f"({other.path}) does; each year belongs to one framework"))
    return out


# -- rules between a profile and its framework ----------------------------------------------

_YEAR_STEM = re.compile(r"[0-9]{1,9}")  # str.isdigit() also takes "¹", which int() refuses


def profile_problems(doc: Document, framework: Framework | None, framework_error: str | None,
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
        out.append(doc.problem(("jurisdiction",), f"unknown jurisdiction '{short(slug)}'{hint}"))
    if folder is not None and folder in BY_SLUG and folder != slug:
        out.append(doc.problem(("jurisdiction",), f"'{short(slug)}' does not match the folder '{folder}'"))
    if file_stem is not None and _YEAR_STEM.fullmatch(file_stem) and int(file_stem) != data["year"]:
        out.append(doc.problem(("year",), f"{data['year']} does not match the file name '{file_stem}.yaml'"))
    if framework is None:
        out.append(doc.problem(("framework",), framework_error or f"unknown framework '{short(data['framework'])}'"))
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
        out.append(doc.problem(("published", "grade"), f"'{short(published['grade'])}' is not a grade of this framework ({', '.join(grades)})"))
    section_ids = {s.id: s for s in framework.sections}
    known_sections = ", ".join(section_ids) or "none"
    for sid, value in (published.get("sections") or {}).items():
        path: Path_ = ("published", "sections", sid)
        section = section_ids.get(sid)
        if section is None:
            out.append(doc.problem(path, f"no section '{short(sid)}' in the {framework.id} framework (sections: {known_sections})"))
        elif section.max is not None and value > section.max + _EPS:
            out.append(doc.problem(path, f"{_fmt(value)} is above the section's maximum of {_fmt(section.max)}"))
    for sid, grade in (published.get("issue_areas") or {}).items():
        path = ("published", "issue_areas", sid)
        if sid not in section_ids:
            out.append(doc.problem(path, f"no section '{short(sid)}' in the {framework.id} framework (sections: {known_sections})"))
        elif grades and grade not in grades:
            out.append(doc.problem(path, f"'{short(grade)}' is not a grade of this framework ({', '.join(grades)})"))
    for i, key in enumerate(published.get("inferred") or ()):
        if key != "year" and key not in published:
            out.append(doc.problem(("published", "inferred", i), f"'{short(key)}' is marked inferred, but published gives no {key}"))
    for i, conflict in enumerate(published.get("conflicts") or ()):
        for j, key in enumerate(conflict["figures"]):
            if key != "year" and key not in published:
                out.append(doc.problem(("published", "conflicts", i, "figures", j),
                                       f"the sources are said to disagree about the {key}, but published gives no {key}"))
    source = data["source"]
    for i, url in enumerate(source.get("also") or ()):
        if url == source.get("url"):
            out.append(doc.problem(("source", "also", i), "repeats the source's own URL"))
    findings = data.get("findings")
    if findings is None:
        if data.get("shared_losses") is not None:
            out.append(doc.problem(("shared_losses",), "shared losses group answered criteria, so they need findings"))
        return out  # what is wrong within shared losses: score.shared_loss_problems (validate lists it)
    if not framework.has_criteria:
        out.append(doc.problem(("findings",), f"the {framework.id} framework defines no criteria, so a profile for it can only record published figures"))
        return out
    known = framework.criteria
    hints = _Hints()
    for cid in findings:
        if cid not in known:
            near = hints.close(cid, list(known), n=2)
            hint = f" (did you mean {', '.join(near)}?)" if near else ""
            out.append(doc.problem(("findings", cid), f"'{short(cid)}' is not a criterion of the {framework.id} framework{hint}"))
    for cid, f in findings.items():
        if f.get("indirect") and not f.get("source"):
            out.append(doc.problem(("findings", cid, "indirect"), "a finding read indirectly must name the report it "
                                                                  "rests on (source: URL)"))
    missing = [cid for cid in known if cid not in findings]
    for cid in missing:
        out.append(doc.problem(("findings",), f"criterion {cid} is not answered (answer unknown if the source does not say)"))
    return out

