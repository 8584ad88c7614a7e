"""A small data tree built in a temporary folder, used through `--data`: a toy framework
whose figures are worked out by hand in each test, and profiles written as YAML."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

# Two sections of 5 points; grades A from 9, B from 7, C from 5, F below; 10 points in all.
FRAMEWORK: dict[str, Any] = {
    "id": "toy", "title": "Toy Framework", "short_title": "Toy", "publisher": "nobody",
    "source": {"title": "tests"}, "years": {"first": 2000, "last": 2009}, "max_score": 10, "extra_credit": 0,
    "grade_scale": [{"grade": "A", "min": 9}, {"grade": "B", "min": 7}, {"grade": "C", "min": 5},
                    {"grade": "F", "min": 0}],
    "grade_scale_basis": "made up for tests",
    "sections": [
        {"id": "1", "title": "One", "max": 5, "components": [
            {"id": "1.1", "title": "first", "max": 5, "criteria": [
                {"id": "1.1.a", "question": "Is there a law?", "points": 2.5, "gap": "no law",
                 "recommendation": "Enact a law."},
                {"id": "1.1.b", "question": "Does the law reach buyers?", "points": 2.5, "gap": "buyers left out",
                 "recommendation": "Extend the law to buyers."}]}]},
        {"id": "2", "title": "Two", "max": 5, "components": [
            {"id": "2.1", "title": "second", "max": 5, "criteria": [
                {"id": "2.1.a", "question": "Is there a fund?", "points": 5, "gap": "no fund",
                 "recommendation": "Create a fund."}]}]},
    ],
}


def dump(value: Any) -> str:
    """YAML by way of JSON (JSON is YAML), so the test needs no YAML writer."""
    return json.dumps(value, indent=1)


def profile(slug: str, year: int, published: dict[str, Any] | None = None,
            findings: dict[str, Any] | None = None, framework: str = "toy", **extra: Any) -> dict[str, Any]:
    d: dict[str, Any] = {"jurisdiction": slug, "year": year, "framework": framework,
                         "source": {"title": f"toy source for {slug} {year}", "url": "https://example.org/toy"}}
    if published is not None:
        d["published"] = published
    if findings is not None:
        d["findings"] = {cid: ({"answer": a, "basis": "card", "citations": ["Toy Code 1"]} if a != "unknown"
                               else {"answer": a, "note": "not known"}) if isinstance(a, str) else a
                         for cid, a in findings.items()}
    d.update(extra)
    return d


def build(root: Path, profiles: list[dict[str, Any]], frameworks: list[dict[str, Any]] | None = None) -> Path:
    (root / "frameworks").mkdir(parents=True, exist_ok=True)
    for fw in frameworks or [FRAMEWORK]:
        (root / "frameworks" / f"{fw['id']}.yaml").write_text(dump(fw), encoding="utf-8")
    for p in profiles:
        folder = root / "states" / p["jurisdiction"]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{p['year']}.yaml").write_text(dump(p), encoding="utf-8")
    return root
