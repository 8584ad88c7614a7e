"""`pic calibrate`: what the published cards on record allow of each component's split.

The report is plain data (JSON-ready); `rows` flattens it for CSV and Markdown. The terminal
layout is in pic.render.terminal_calibration.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pic.core.jurisdictions import place_name
from pic.core.numbers import num

if TYPE_CHECKING:
    from pic.core.calibrate import Calibration

STATUS_WORDS = {
    "pinned": "pinned: the cards allow one split",
    "narrowed": "narrowed: the cards rule some splits out",
    "free": "free: no card on record narrows the split",
    "fixed": "one criterion: it carries the component's whole weight",
}


def report(cal: Calibration) -> dict[str, Any]:
    from pic.core.calibrate import _fmt_units

    fw = cal.framework
    step = float(cal.step)

    def pts(n: int) -> float:
        return round(n * step, 9)

    def name(i: int) -> str:
        c = cal.cards[i]
        return f"{place_name(c.jurisdiction)} {c.year}"

    cards = []
    for i, c in enumerate(cal.cards):
        figs = [f for f in cal.figures if f.card == i]
        cards.append({
            "jurisdiction": c.jurisdiction, "name": place_name(c.jurisdiction), "year": c.year, "profile": c.path,
            "figures": [{"label": f.label, "published": num(pts(f.target)), "inferred": f.inferred} for f in figs],
        })
    components = []
    for i, comp in enumerate(cal.comps):
        status = cal.status(comp.id)
        criteria = []
        for k, cid in enumerate(comp.criteria):
            b = cal.share_bounds(cid)
            criteria.append({"id": cid, "hypothesis": num(pts(comp.hypothesis[k])),
                             "share_min": num(pts(b.lo)), "share_max": num(pts(b.hi))})
        components.append({
            "id": comp.id, "title": fw.components[comp.id].title, "section": comp.section_id,
            "weight": num(pts(comp.weight)), "status": status,
            "cards": [name(j) for j in cal.cards_for(comp.id)],
            "hypothesis_allowed": cal.hypothesis_allowed(comp.id),
            "criteria": criteria,
        })
    statuses = [c["status"] for c in components]
    problems = [{"card": name(p.card), "profile": cal.cards[p.card].path, "figure": p.figure.label,
                 "published": num(pts(p.figure.target)), "message": p.message,
                 "recheck": [list(s) for s in p.recheck]} for p in cal.card_problems]
    conflicts = [{"cards": [name(j) for j in k.cards], "components": list(k.components), "message": k.message}
                 for k in cal.conflicts]
    del _fmt_units
    return {
        "schema_version": "1.0",
        "framework": fw.id,
        "framework_title": fw.title,
        "step": num(step),
        "cards": cards,
        "components": components,
        "summary": {k: statuses.count(k) for k in ("pinned", "narrowed", "free", "fixed")},
        "hypothesis_allowed": all(c["hypothesis_allowed"] for c in components),
        "card_problems": problems,
        "conflicts": conflicts,
        "skipped": list(cal.skipped),
        "consistent": not problems and not conflicts,
    }


def notes(r: dict[str, Any]) -> list[str]:
    s = r["summary"]
    out = [f"Components: {s['pinned']} pinned, {s['narrowed']} narrowed, {s['free']} free, "
           f"{s['fixed']} with one criterion (the split of a component's points between its criteria is not "
           "published; pic's own split is a hypothesis)."]
    cards = "; ".join(f"{c['name']} {c['year']} ({', '.join(f['label'] + ' ' + str(f['published']) for f in c['figures'])})"
                      for c in r["cards"])
    out.append(f"Cards: {cards or 'none'}.")
    if not r["hypothesis_allowed"]:
        out.append("pic's hypothesis split is not allowed by every card: see hypothesis_allowed.")
    out += [f"Contradiction in {p['card']}: {p['message']}" for p in r["card_problems"]]
    out += [f"Conflict: {k['message']}" for k in r["conflicts"]]
    out += [f"Not used: {w}" for w in r["skipped"]]
    return out
