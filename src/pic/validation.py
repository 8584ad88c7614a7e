"""Checks of framework and profile documents: the JSON Schema first, then the rules a
schema cannot express (arithmetic, ids, agreement between a profile and its framework).
Every check returns all the problems it finds, each located in the file."""

from __future__ import annotations

import difflib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import Problem
from .jurisdictions import BY_SLUG
from .jurisdictions import suggestions as state_suggestions
from .yamlload import Document, Path_

_EPS = 1e-9


def schema_dir() -> Path:
    from .loading import builtin_root

    return builtin_root() / "schemas"


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict[str, Any]:
    with (schema_dir() / f"{name}.schema.json").open(encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=None)
def _validator(name: str) -> Any:
    # jsonschema is the costliest import pic has: load it only when a file is checked,
    # and build each validator once per process.
    from jsonschema import Draft202012Validator

    schema = load_schema(name)
    return Draft202012Validator(schema)


def schema_problems(doc: Document, schema_name: str) -> list[Problem]:
    validator = _validator(schema_name)
    errors = sorted(validator.iter_errors(doc.data), key=lambda e: (list(map(str, e.absolute_path)), e.validator))
    problems: list[Problem] = []
    for error in errors:
        problems.extend(_explain(doc, error))
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


def _explain(doc: Document, error: Any) -> list[Problem]:
    path: Path_ = tuple(error.absolute_path)
    kind = error.validator
    value = error.instance
    if kind == "additionalProperties" and isinstance(value, dict):
        allowed = set(error.schema.get("properties", {}))
        extras = [k for k in value if k not in allowed]
        out = []
        for key in extras:
            close = difflib.get_close_matches(key, sorted(allowed), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f"; allowed keys: {', '.join(sorted(allowed))}"
            out.append(doc.problem(path + (key,), f"unknown key '{key}'{hint}"))
        return out
    if kind == "required":
        missing = error.validator_value
        keys = [k for k in missing if isinstance(value, dict) and k not in value]
        return [doc.problem(path, f"missing required key '{k}'") for k in keys]
    if kind == "type":
        wanted = error.validator_value
        wanted = wanted if isinstance(wanted, list) else [wanted]
        words = " or ".join(_TYPE_WORDS.get(w, w) for w in wanted)
        return [doc.problem(path, f"expected {words}, found {_describe(value)}")]
    if kind == "enum":
        options = ", ".join(str(v) for v in error.validator_value)
        return [doc.problem(path, f"must be one of {options}; found {_describe(value)}")]
    if kind == "propertyNames":
        return [doc.problem(path + (str(value),), f"'{value}' is not an allowed key here")]
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
    return [doc.problem(path, error.message)]


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
    if all_max_known and not _same(section_total, data["max_score"]):
        out.append(doc.problem(("max_score",), f"sections add up to {_fmt(section_total)}, not max_score {_fmt(data['max_score'])}"))
    return out


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
    if file_stem is not None and file_stem.isdigit() and int(file_stem) != data["year"]:
        out.append(doc.problem(("year",), f"{data['year']} does not match the file name '{file_stem}.yaml'"))
    if framework is None:
        out.append(doc.problem(("framework",), framework_error or f"unknown framework '{data['framework']}'"))
        return out
    year = data["year"]
    if not framework.covers(year):
        last = framework.last_year if framework.last_year is not None else "today"
        out.append(doc.problem(("year",), f"the {framework.id} framework covers {framework.first_year}–{last}, not {year}"))
    published = data.get("published") or {}
    limit = framework.max_score + framework.extra_credit
    if "score" in published and published["score"] > limit + _EPS:
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
        for cid in findings:
            if cid not in known:
                close = difflib.get_close_matches(cid, list(known), n=2)
                hint = f" (did you mean {', '.join(close)}?)" if close else ""
                out.append(doc.problem(("findings", cid), f"'{cid}' is not a criterion of the {framework.id} framework{hint}"))
        missing = [cid for cid in known if cid not in findings]
        for cid in missing:
            out.append(doc.problem(("findings",), f"criterion {cid} is not answered (answer unknown if the source does not say)"))
    return out


