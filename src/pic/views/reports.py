"""Scorecards, gaps and check results as plain, JSON-ready data.

These shapes are the published machine output (schemas/*.output.schema.json); the
CSV and Markdown renderers flatten the same dicts, so every format says the same thing.
"""

from __future__ import annotations

from typing import Any

from typing import TYPE_CHECKING

from pic.core.errors import Problem
from pic.core.jurisdictions import JURISDICTIONS, place_name
from pic.core.numbers import EPS, fmt_range, num
from pic.core.model import Framework, Profile
from pic.core.score import Gap, Scorecard, points_at_stake

if TYPE_CHECKING:
    from pathlib import Path

    from pic.core.load import DataTree
    from pic.core.newprofile import NewProfile
    from pic.core.select import Chosen

SCHEMA_VERSION = "1.0"


def grade_scale(fw: Framework) -> list[dict[str, Any]]:
    return [{"grade": b.grade, "min": num(b.min)} for b in fw.grade_scale]


def scale_inferred(fw: Framework) -> bool:
    """A scale with a stated basis is one pic inferred: no publisher printed it."""
    return fw.grade_scale_basis is not None


def grade_source(card: Scorecard) -> str | None:
    """Where the grade shown comes from: "published" (printed by the publisher, and what the
    score earns where pic computes one), "research-inferred" (the research infers the
    publisher's grade: see the profile's note) or "scale" (pic put the score on the
    framework's grade scale); None for no grade."""
    if card.grade is None:
        return None
    pub = card.profile.published
    if pub is not None and pub.grade == card.grade:
        return "research-inferred" if pub.is_inferred("grade") else "published"
    return "scale"


def grade_inferred(card: Scorecard) -> bool:
    """The grade shown is an inference: the research infers the published grade, or pic
    placed the score on a grade scale whose cut-offs were inferred, not published."""
    src = grade_source(card)
    return src == "research-inferred" or (src == "scale" and scale_inferred(card.framework))


def published_inferred(card: Scorecard) -> list[str]:
    """The keys of the published figures ("score", "grade", "sections"...) the research marks as
    inferred rather than read off the card."""
    pub = card.profile.published
    return list(pub.inferred) if pub is not None else []


def scales_of(cards: list[Scorecard]) -> list[dict[str, Any]]:
    """Each framework's grade scale among `cards`, with whether its cut-offs were inferred."""
    seen: dict[str, Framework] = {}
    for c in cards:
        seen.setdefault(c.framework.id, c.framework)
    return [{"framework": fw.id, "grade_scale": grade_scale(fw), "inferred": scale_inferred(fw),
             "basis": fw.grade_scale_basis} for fw in seen.values()]


def source(p: Profile) -> dict[str, Any]:
    """Where the profile's figures come from: the source, its kind and outlet, the sources that
    corroborate it, whether the figures rest only on a weak source (a blog or aggregator: marked
    as an inferred figure is) and any disagreement or revision about them."""
    s, pub = p.source, p.published
    return {
        "title": s.title,
        "url": s.url,
        "kind": s.kind,
        "outlet": s.outlet,
        "also": list(s.also),
        "weak": s.weak,
        "conflicts": [conflict(c) for c in pub.conflicts] if pub is not None else [],
    }


def conflict(c: Any) -> dict[str, Any]:
    return {"figures": list(c.figures), "kind": c.kind, "note": c.note}


# Said of "the figures": they rest on a weak source (Source.weak).
WEAK_NOTE = ("rest on a blog, aggregator, document copy or partisan site (source kind blog): "
             "weaker evidence than the publisher, a government or the press")


def source_label(src: dict[str, Any]) -> str:
    """A source as one line of text: title, kind and URL."""
    kind = f" [{src['kind']}]" if src.get("kind") else ""
    return src["title"] + kind + (f" <{src['url']}>" if src.get("url") else "")


def source_kinds(cards: list[Scorecard]) -> dict[str, int]:
    """How many of the editions shown rest on each kind of source, strongest kind first
    ("unstated" where a profile does not say)."""
    from pic.core.model import SOURCE_KINDS

    counts: dict[str, int] = {k: 0 for k in SOURCE_KINDS}
    for c in cards:
        kind = c.profile.source.kind or "unstated"
        counts[kind] = counts.get(kind, 0) + 1
    return counts


def kinds_line(counts: dict[str, int]) -> str:
    """`source_kinds` in words: "Sources by kind: publisher 5, news 6, blog 39." """
    shown = [f"{k} {n}" for k, n in counts.items() if n]
    return ("Figures by kind of source: " + ", ".join(shown) + ".") if shown else ""


def credit_line(cards: list[Scorecard]) -> str:
    """A credit a newspaper can print: whose report cards, and who reported each figure."""
    if not cards:
        return ""
    publishers = " and ".join(sorted({c.framework.publisher for c in cards}))
    what = "Grades and scores" if any(c.score is not None for c in cards) else "Grades"
    own = 0
    outlets: dict[str, int] = {}
    for c in cards:
        src = c.profile.source
        if src.kind == "publisher":
            own += 1
        else:
            name = src.outlet or src.title
            outlets[name] = outlets.get(name, 0) + 1
    parts = []
    if own:
        parts.append(f"from {publishers}'s own releases and cards ({own})")
    if outlets:
        ordered = sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0].lower()))
        parts.append("as reported by " + ", ".join(f"{name} ({n})" for name, n in ordered))
    return f"{what}: {publishers} report cards, " + "; ".join(parts) + "."


def figures_note(cards: list[Scorecard]) -> str:
    """Where the figures of a report over many editions come from; only what the profiles say."""
    published = [c for c in cards if c.basis == "published"]
    parts: list[str] = []
    if published:
        publishers = " and ".join(sorted({c.framework.publisher for c in published}))
        parts.append(f"Published figures: {publishers} report cards as reported by the source named for each "
                     "row (its profile's source); see `pic history STATE` for each source.")
    if any(c.basis == "findings" for c in cards):
        parts.append("Rows with basis findings are scored by pic from the findings recorded in the profile, "
                     "not read off the card.")
    if any(grade_inferred(c) for c in cards):
        parts.append("Grades marked inferred are not printed by the publisher: inferred by the research, or put on "
                     "a grade scale whose cut-offs are inferred.")
    if any(published_inferred(c) for c in cards):
        parts.append("Published figures marked inferred are read by the research, not off the card itself.")
    weak = sum(1 for c in cards if c.profile.source.weak)
    if weak:
        parts.append(f"{weak} of these figures rest only on a blog, aggregator or partisan site (source kind blog) "
                     "and are marked as such.")
    if any(c.profile.published is not None and c.profile.published.conflicts for c in cards):
        parts.append("Where sources disagree or a figure was revised, the output says which version pic shows.")
    return " ".join(parts)


def provenance(cards: list[Scorecard]) -> dict[str, Any]:
    """What an aggregating report says about its sources: a `credit` line, `source_kinds` (how many
    editions rest on each kind of source), `sources` (each source once, by URL, with the
    jurisdictions and years it covers) and `figures_note`."""
    by_source: dict[str, list[Scorecard]] = {}
    for c in cards:
        by_source.setdefault(c.profile.source.url or c.profile.source.title, []).append(c)
    counts = source_kinds(cards)
    return {
        "credit": credit_line(cards),
        "source_kinds": counts,
        "source_kinds_note": kinds_line(counts),
        "figures_note": figures_note(cards),
        "sources": [
            {"title": group[0].profile.source.title, "url": group[0].profile.source.url,
             "kind": group[0].profile.source.kind, "outlet": group[0].profile.source.outlet,
             "editions": [{"jurisdiction": c.profile.jurisdiction, "year": c.profile.year} for c in group]}
            for group in by_source.values()
        ],
        "conflicts": [
            {"jurisdiction": c.profile.jurisdiction, "name": place_name(c.profile.jurisdiction),
             "year": c.profile.year, **conflict(x)}
            for c in cards if c.profile.published is not None for x in c.profile.published.conflicts
        ],
    }


def newest_edition(chosen: Chosen | None) -> dict[str, Any] | None:
    """The newest edition on record, when the report shows an older one (SPEC: current by default)."""
    if chosen is None or chosen.newer is None:
        return None
    p, fw = chosen.newer.profile, chosen.newer.framework
    pub = p.published
    return {
        "year": p.year,
        "framework": fw.id,
        "framework_title": fw.title,
        "grade": pub.grade if pub else None,
        "score": num(pub.score) if pub else None,
        "has_findings": p.findings is not None,
        "reason": chosen.reason,
    }


def newer_note(chosen: Chosen) -> str:
    n = newest_edition(chosen)
    assert n is not None
    grade = f", published grade {n['grade']}" if n["grade"] else ""
    score = f" ({num(n['score'])})" if n["score"] is not None else ""
    return (f"{place_name(chosen.profile.jurisdiction)}'s newest edition is {n['year']} under the {n['framework_title']}"
            f"{grade}{score}, with no findings recorded; this shows {chosen.profile.year} "
            f"({chosen.framework.title}), the newest edition with findings.")


def edition_header(profile: Profile, framework: Framework) -> dict[str, Any]:
    """The keys that open every report about one state in one edition."""
    return {
        "schema_version": SCHEMA_VERSION,
        "jurisdiction": profile.jurisdiction,
        "name": place_name(profile.jurisdiction),
        "year": profile.year,
        "framework": framework.id,
        "framework_title": framework.title,
    }


def scorecard(card: Scorecard, chosen: Chosen | None = None) -> dict[str, Any]:
    p, fw = card.profile, card.framework
    pub = p.published
    inferred = published_inferred(card)
    return {
        **edition_header(p, fw),
        "newest_edition": newest_edition(chosen),
        "grade_scale": grade_scale(fw),
        "grade_scale_inferred": scale_inferred(fw),
        "grade_scale_basis": fw.grade_scale_basis,
        "score": num(card.score),
        "max_score": num(fw.max_score_for(p.year)),
        "extra_credit": num(fw.extra_credit) if fw.extra_credit_known else None,  # null: not known
        "grade": card.grade,
        "grade_source": grade_source(card),
        "grade_inferred": grade_inferred(card),
        # An unknown answer leaves the score open: the range the findings allow, and what the
        # published totals imply inside it (an inference). Exact figures have min == max.
        "score_min": num(card.score_min),
        "score_max": num(card.score_max),
        "grade_min": card.grade_min,
        "grade_max": card.grade_max,
        "implied": _implied(card),
        "calibrated_min": num(card.calibrated_min) if card.calibration is not None else None,
        "calibrated_max": num(card.calibrated_max) if card.calibration is not None else None,
        "calibrated": calibrated(card),
        "hypothesis": hypothesis(card),
        "check": check(card),
        "basis": card.basis,
        "sections": [section_row(card, s) for s in card.sections],
        "unknown_criteria": list(card.unknown),
        "best_possible": num(card.best_possible),
        "published": None
        if pub is None
        else {
            "score": num(pub.score),
            "grade": pub.grade,
            "sections": {k: num(v) for k, v in pub.sections.items()},
            "issue_areas": dict(pub.issue_areas),
            "inferred": inferred,
            **({"tier": pub.tier} if pub.tier else {}),
            "rank": pub.rank,
            "conflicts": [conflict(c) for c in pub.conflicts],
        },
        "published_match": card.published_match,
        "mismatches": list(card.mismatches),
        "source": source(p),
        "note": p.note,
        "profile": p.path,
    }


def _narrowed(s: Any) -> bool:
    """The published figures narrow what the findings allow for this section or total."""
    return (s.implied_min is not None and s.implied_max is not None and s.score_min is not None
            and s.score_max is not None and (s.implied_min > s.score_min + EPS or s.implied_max < s.score_max - EPS))


def _cards_phrase(names: Any) -> str:
    names = list(names)
    if not names:
        return "no card"
    return ", ".join(place_name(n.rsplit(" ", 1)[0]) + " " + n.rsplit(" ", 1)[1] for n in names)


def calibrated(card: Scorecard) -> dict[str, Any] | None:
    """The range over every split of the components' points that the cards on record allow."""
    use = card.calibration
    if use is None:
        return None
    return {
        "score_min": num(card.calibrated_min),
        "score_max": num(card.calibrated_max),
        "grade_min": card.implied_grade_min,
        "grade_max": card.implied_grade_max,
        "cards": list(use.cards),
        "own_card": use.own_card,
        "other_cards": list(use.others),
        "conflicts": list(use.conflicts),
        "components_pinned": use.pinned,
        "components_narrowed": use.narrowed,
        "components_free": use.free,
        "text": calibration_text(card),
    }


def calibration_text(card: Scorecard) -> str:
    use = card.calibration
    assert use is not None
    n = len(use.cards)
    text = (f"Score: the range over every split of each component's points that the {n} card"
            f"{'' if n == 1 else 's'} on record with findings allow ({_cards_phrase(use.cards)})")
    if use.own_card:
        text += "; this edition's own card is one of them, so it is met by construction"
    text += "."
    if use.conflicts:
        text += " Cards in conflict were left out where they conflict: " + "; ".join(use.conflicts) + "."
    return text


def hypothesis(card: Scorecard) -> dict[str, Any] | None:
    """pic's own split (the framework file's points): a point estimate, labelled as one."""
    if card.calibration is None or card.hypothesis_min is None or card.hypothesis_max is None:
        return None
    fw = card.framework
    return {
        "score_min": num(card.hypothesis_min),
        "score_max": num(card.hypothesis_max),
        "grade_min": fw.grade_for(card.hypothesis_min),
        "grade_max": fw.grade_for(card.hypothesis_max),
        "allowed_by_cards": card.calibration.hypothesis_allowed,
        "notes": list(card.hypothesis_notes),
        "text": (f"pic's hypothesis split (its own reconstruction of each criterion's points, not the "
                 f"publisher's): {fmt_range(card.hypothesis_min, card.hypothesis_max)}"
                 + ("" if card.calibration.hypothesis_allowed else
                    "; the cards on record do not all allow that split")),
    }


def check(card: Scorecard) -> dict[str, Any]:
    """What the comparison with the published figures rests on, in words: a contradiction,
    agreement by construction, a range that merely contains the figure, or nothing to check."""
    pub = card.profile.published
    if card.published_match is False:
        return {"status": "contradiction", "text": "contradicts: " + "; ".join(card.mismatches)}
    if pub is None or card.published_match is None:
        return {"status": "unchecked", "text": "nothing published to check against"}
    if card.basis == "published":
        if scale_inferred(card.framework):
            text = ("the published score and grade agree on the framework's scale, but that scale was inferred "
                    "from such published pairs, so this is consistency, not confirmation; nothing was computed "
                    "from findings")
        else:
            text = "the published figures agree with each other; nothing was computed from findings to check them"
        return {"status": "consistent", "text": text}
    use = card.calibration
    if use is not None and use.own_card:
        text = ("agrees by construction: this card's published figures are among those pic calibrates on, "
                "so they are reproduced, not confirmed")
        if use.others:
            text += (f"; the other cards ({_cards_phrase(use.others)}) allow a split that fits this card too"
                     " (a check of consistency, not of the figures)")
        return {"status": "by-construction", "text": text}
    lo, hi = card.calibrated_min, card.calibrated_max
    return {"status": "range-contains",
            "text": f"the published figures fall within what the cards allow ({fmt_range(lo or 0, hi or 0)}); "
                    "that is no independent confirmation"}


def _implied(card: Scorecard) -> dict[str, Any] | None:
    """The calibrated range where it narrows what the findings alone allow (kept under this
    key for older readers); None when the findings settle the score or nothing narrows it."""
    if card.basis != "findings" or card.exact or not _narrowed(card):
        return None
    return {
        "score_min": num(card.implied_min),
        "score_max": num(card.implied_max),
        "grade_min": card.implied_grade_min,
        "grade_max": card.implied_grade_max,
        "inferred": True,
        "implications": [i.message + " (under pic's hypothesis split)" for i in card.implications],
    }


def section_row(card: Scorecard, s: Any) -> dict[str, Any]:
    """One section of a scorecard: pic's short title beside the card's own heading, and the
    publisher's figure and issue-area grade for it where recorded."""
    pub = card.profile.published
    fs = card.framework.section(s.id)
    return {
        "id": s.id,
        "title": s.title,
        "card_title": fs.card_title if fs is not None else None,
        "score": num(s.score),
        "score_min": num(s.score_min),
        "score_max": num(s.score_max),
        "max": num(s.max),
        "implied_min": num(s.implied_min) if _narrowed(s) else None,
        "implied_max": num(s.implied_max) if _narrowed(s) else None,
        "calibrated_min": num(s.implied_min) if card.calibration is not None else None,
        "calibrated_max": num(s.implied_max) if card.calibration is not None else None,
        "hypothesis_min": num(s.hypothesis_min),
        "hypothesis_max": num(s.hypothesis_max),
        "implication": (s.implication.message + " (under pic's hypothesis split)") if s.implication is not None else None,
        "published": num(pub.sections.get(s.id)) if pub is not None else None,
        "published_grade": pub.issue_areas.get(s.id) if pub is not None else None,
        "published_inferred": bool(pub is not None and s.id in pub.sections and pub.is_inferred("sections")),
    }


def gap_basis(g: Gap) -> str | None:
    """What a gap rests on: card, statute, published-total or shared-loss; None for an unknown."""
    return g.basis


def gap_inferred(g: Gap) -> bool:
    """The gap, or its points, rests on a published total rather than on what the card says."""
    return g.inferred


def gap(g: Gap) -> dict[str, Any]:
    f = g.finding
    return {
        "criterion": g.criterion.id,
        "label": g.criterion.gap,
        "points": num(g.low) if g.exact else None,
        "points_min": num(g.low),
        "points_max": num(g.high),
        # the same figures under names that say what they are: over the splits the cards
        # allow (calibrated), over every split (findings alone), under pic's own split
        "calibrated_min": num(g.low),
        "calibrated_max": num(g.high),
        "findings_min": num(g.findings_min),
        "findings_max": num(g.findings_max),
        "hypothesis_min": num(g.hypothesis_min),
        "hypothesis_max": num(g.hypothesis_max),
        "points_basis": g.points_basis,
        "points_cards": list(g.cards),
        "answer": g.answer,
        # known: answered no; implied: unknown, the published totals imply not met (an
        # inference); unknown: not settled (`implied` "met" when the totals imply it is met).
        "kind": g.kind,
        "implied": g.implied,
        "basis": gap_basis(g),
        "inferred": gap_inferred(g),
        "finding_basis": f.basis if f is not None and f.answer != "unknown" else None,
        "shared_loss": None if g.shared is None else {
            "criteria": list(g.shared.criteria), "points": num(g.shared.points), "note": g.shared.note or None},
        "component": g.component.id,
        "component_title": g.component.title,
        "section": g.section.id,
        "section_title": g.section.title,
        "question": g.criterion.question,
        # pic's own wording, never the publisher's; which case it is for follows the finding
        # (no such law, or a law that lacks the element)
        "recommendation": g.criterion.advice(f.gap_kind if f is not None else None)[0],
        "recommendation_for": g.criterion.advice(f.gap_kind if f is not None else None)[1],
        "recommendation_by": "pic",
        "citations": list(f.citations) if f else [],
        "note": f.note if f else None,
        # read from a report that paraphrases the card, not from the card's text
        "indirect": bool(f is not None and f.indirect),
        "finding_source": f.source if f is not None else None,
    }


def _at_stake(items: list[Gap] | None, card: Scorecard | None = None) -> dict[str, Any]:
    """What the state lacks: the maximum less the score the cards allow, for a scored card
    (the gaps' own ranges overlap, so they are never added up for it); otherwise what the
    listed gaps cost together."""
    if items is None:
        return {"points_at_stake": None, "points_at_stake_min": None, "points_at_stake_max": None}
    top = card.max_score if card is not None else None
    if card is not None and card.calibration is not None and top is None:
        # the edition's maximum is not known (2011 sections 2 to 6): neither is what it lacks
        return {"points_at_stake": None, "points_at_stake_min": None, "points_at_stake_max": None}
    if card is not None and card.calibration is not None and top is not None \
            and card.calibrated_min is not None and card.calibrated_max is not None:
        lo, hi = max(0.0, top - card.calibrated_max), max(0.0, top - card.calibrated_min)
    else:
        lo, hi = points_at_stake(items)
    return {"points_at_stake": num(lo) if abs(hi - lo) <= EPS else None,
            "points_at_stake_min": num(lo), "points_at_stake_max": num(hi)}


def gaps(card: Scorecard, items: list[Gap] | None, chosen: Chosen | None = None) -> dict[str, Any]:
    """`gaps` is null, never an empty list, when no findings are recorded: nothing is known,
    which is not the same as nothing missing."""
    p = card.profile
    known = items is not None
    return {
        **edition_header(p, card.framework),
        "newest_edition": newest_edition(chosen),
        "basis": card.basis,
        "score": num(card.score),
        "grade": card.grade,
        "findings": known,
        "unknown_reason": None if known else (
            f"no findings are recorded for {place_name(p.jurisdiction)} {p.year}; only the publisher's figures "
            "are on record, so which criteria are met is unknown"),
        **_at_stake(items, card),
        "counts": None if items is None else {k: sum(1 for g in items if g.kind == k) for k in GAP_KINDS},
        "gaps": [gap(g) for g in _by_kind(items)] if items is not None else None,
    }


# Known gaps first, then those the published totals imply (an inference), then criteria
# nobody has answered: each group is listed apart, biggest first within it.
GAP_KINDS = ("known", "implied", "unknown")


def _by_kind(items: list[Gap]) -> list[Gap]:
    return sorted(items, key=lambda g: GAP_KINDS.index(g.kind) if g.kind in GAP_KINDS else len(GAP_KINDS))


def problem(p: Problem) -> dict[str, Any]:
    return {"file": p.file, "line": p.line, "column": p.column, "key": p.key, "message": p.message}


def validation(files: list[str], problems: list[Problem], warnings: list[Problem]) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "ok": not problems,
        "files_checked": len(files),
        "problems": [problem(p) for p in problems],
        "warnings": [problem(p) for p in warnings],
    }


def edition(card: Scorecard, framework_changed: bool) -> dict[str, Any]:
    pub = card.profile.published
    return {
        "year": card.profile.year,
        "framework": card.framework.id,
        "framework_title": card.framework.title,
        "framework_short_title": card.framework.short_title,
        "score": num(card.score),
        # a partial profile: the range its findings allow, and the publisher's own figures
        "score_min": num(card.score_min),
        "score_max": num(card.score_max),
        "grade_min": card.grade_min,
        "grade_max": card.grade_max,
        "published_score": num(pub.score) if pub is not None else None,
        "published_grade": pub.grade if pub is not None else None,
        "max_score": num(card.max_score),
        "grade": card.grade,
        "grade_source": grade_source(card),
        "grade_inferred": grade_inferred(card),
        "basis": card.basis,
        "framework_changed": framework_changed,
        "published_match": card.published_match,
        "published_inferred": published_inferred(card),
        "published_rank": published_rank(card),
        "source": source(card.profile),
    }


def published_rank(card: Scorecard) -> int | None:
    """The national rank a source states for this edition (never pic's own)."""
    pub = card.profile.published
    return pub.rank if pub is not None else None


def history(slug: str, editions: list[Any], missing: list[Any] | None = None) -> dict[str, Any]:
    cards = [e.card for e in editions]
    return {
        "schema_version": SCHEMA_VERSION,
        "jurisdiction": slug,
        "name": place_name(slug),
        "editions": [edition(e.card, e.framework_changed) for e in editions],
        # editions published between the first and last on record that the data does not hold
        "missing": [{"year": y, "framework": fw.id, "framework_short_title": fw.short_title}
                    for y, fw in (missing or [])],
        "grade_scales": scales_of(cards),
        **provenance(cards),
    }


def rank_scope(year: int, of: int) -> str:
    """What pic's own rank ranks: the editions on record, not the nation."""
    return (f"pic's rank among the {of} edition{'s' if of != 1 else ''} on record for {year}, of {len(JURISDICTIONS)} "
            "jurisdictions; not a national rank")


def _quoted_rank(r: Any) -> tuple[int | None, str | None]:
    """The rank to quote: the publisher's where a profile records one; else pic's own where
    the figures on record settle it (a rank among the editions on record); else none."""
    pub = r.card.profile.published
    if pub is not None and pub.rank is not None:
        return pub.rank, "publisher"
    if r.rank_min == r.rank_max:
        return r.rank_min, "pic"
    return None, None


def ranking(year: int, rows: list[Any], year_note: str | None = None) -> dict[str, Any]:
    from pic.core.editions import ranked_figures

    cards = [r.card for r in rows]
    of = max((r.of for r in rows), default=0)
    return {
        "schema_version": SCHEMA_VERSION,
        "year": year,
        "year_note": year_note,
        "frameworks": sorted({c.framework.id for c in cards}),
        "order": "by grade band on each framework's own scale, best first; then score, highest first; a row with a "
                 "grade but no score is listed inside its band after the rows there with a score; equal rows share a "
                 "position (tied)",
        "rank_scope": rank_scope(year, of),
        "ranked_among": of,
        "jurisdictions": len(JURISDICTIONS),
        "rank_note": "rank: the publisher's national rank where a source states one (rank_source publisher), else "
                     "pic's own where the figures on record settle it (rank_source pic); rank_min-rank_max: the best "
                     "and worst place among the editions on record that their scores and grades allow (a range where "
                     "a score is unknown or only a grade is known)",
        "grade_scales": scales_of(cards),
        "rows": [
            {
                "rank": _quoted_rank(r)[0],
                "rank_source": _quoted_rank(r)[1],
                "rank_min": r.rank_min,
                "rank_max": r.rank_max,
                "ranked_among": r.of,
                "position": r.rank,
                "tied": r.tied,
                "rank_basis": r.rank_basis,
                "jurisdiction": r.card.profile.jurisdiction,
                "name": place_name(r.card.profile.jurisdiction),
                "year": r.card.profile.year,
                "framework": r.card.framework.id,
                "score": num(r.card.score),
                "max_score": num(r.card.max_score),
                "grade": r.card.grade,
                "grade_source": grade_source(r.card),
                "grade_inferred": grade_inferred(r.card),
                "basis": r.card.basis,
                "published_match": r.card.published_match,
                "score_min": num(r.card.score_min),
                "score_max": num(r.card.score_max),
                "implied_score": num(ranked_figures(r.card)[0]) if r.rank_basis == "implied" else None,
                "implied_grade": ranked_figures(r.card)[1] if r.rank_basis == "implied" else None,
                "published_inferred": published_inferred(r.card),
                "published_rank": published_rank(r.card),
                "source": source(r.card.profile),
            }
            for r in rows
        ],
        **provenance(cards),
    }


CROSS_FRAMEWORK_WARNING = (
    "The two sides were graded under different frameworks, which measure different things: "
    "a change of grade or score here does not mean the law changed. Only grades are set side by side."
)


def _side(card: Scorecard) -> dict[str, Any]:
    return {
        "year": card.profile.year,
        "framework": card.framework.id,
        "score": num(card.score),
        "max_score": num(card.max_score),
        "score_min": num(card.score_min),
        "score_max": num(card.score_max),
        "grade": card.grade,
        "grade_min": card.grade_min,
        "grade_max": card.grade_max,
        "grade_inferred": grade_inferred(card),
        "basis": card.basis,
        "published_inferred": published_inferred(card),
        "published_rank": published_rank(card),
        "source": source(card.profile),
        "profile": card.profile.path,
    }


def _criterion(c: Any) -> dict[str, Any]:
    return {"criterion": c.id, "label": c.gap, "points": num(c.points), "component": c.component_id,
            "section": c.section_id}


def _gaps_note(d: Any) -> str | None:
    """Why a diff's gap lists are unknown (null), not empty."""
    if d.findings_compared:
        return None
    if not d.same_framework:
        return "different frameworks: their criteria and gaps do not line up"
    missing = [str(c.profile.year) for c in (d.before, d.after) if c.basis != "findings"]
    which = " and ".join(missing) if len(missing) < 2 or missing[0] != missing[1] else missing[0]
    return (f"no findings recorded for {which}: which gaps closed or opened is unknown, not none")


def state_diff(d: Any) -> dict[str, Any]:
    known = d.findings_compared

    def gaps(items: Any) -> list[dict[str, Any]] | None:
        return [_criterion(c) for c in items] if known else None

    out: dict[str, Any] = {
        "jurisdiction": d.jurisdiction,
        "name": place_name(d.jurisdiction),
        # comparable: the same framework and findings on both sides (everything compares);
        # same_framework: scores and grades compare, gap lists may still be unknown.
        "comparable": d.comparable,
        "same_framework": d.same_framework,
        "direction": d.direction,
        "before": _side(d.before),
        "after": _side(d.after),
        "score_change": num(d.score_change),
        "score_change_min": num(d.score_change_min),
        "score_change_max": num(d.score_change_max),
        "grade_change": f"{d.before.grade or '?'} -> {d.after.grade or '?'}",
        "grade_steps": d.grade_steps,
        "grade_steps_min": d.grade_steps_min,
        "grade_steps_max": d.grade_steps_max,
        "changed": d.changed,
        "sections": [
            {"id": s.id, "title": s.title, "before": num(s.before), "after": num(s.after), "change": num(s.change),
             "change_min": num(s.change_min), "change_max": num(s.change_max)}
            for s in d.sections
        ],
        "criteria_changed": [
            {**_criterion(c.criterion), "before": c.before, "after": c.after, "points_change": num(c.points),
             "points_change_min": num(c.points_min), "points_change_max": num(c.points_max), "certain": c.certain}
            for c in d.criteria
        ] if known else None,
        # null, not []: without findings on both sides, the gap lists are unknown.
        "gaps_closed": gaps(d.gaps_closed),
        "gaps_opened": gaps(d.gaps_opened),
        # A change that rests on an unknown answer on either side may or may not have happened.
        "gaps_possibly_closed": gaps(d.possibly_closed),
        "gaps_possibly_opened": gaps(d.possibly_opened),
        "unknown_both": [c.id for c in d.unknown_both] if known else None,
        "gaps_note": _gaps_note(d),
    }
    return out


SUMMARY_NOTE = ("rose or fell: the score moved (or, without scores, the grade); unchanged: the same score; "
                "unknown: a score is not on record on a side, or the range the findings leave allows either")


def comparison(label_a: str, label_b: str, cmp: Any, pairs: list[tuple[int, int]] | None = None) -> dict[str, Any]:
    summary = cmp.summary()
    return {
        "schema_version": SCHEMA_VERSION,
        "a": {"label": label_a, "frameworks": list(cmp.frameworks_before)},
        "b": {"label": label_b, "frameworks": list(cmp.frameworks_after)},
        "comparable": cmp.comparable,
        "warning": None if cmp.comparable else CROSS_FRAMEWORK_WARNING,
        # Across frameworks: pairs of years under one framework to diff instead.
        "comparable_pairs": [{"a": x, "b": y, "command": f"pic diff {x} {y}"} for x, y in (pairs or [])],
        "summary": summary,
        "summary_note": SUMMARY_NOTE if summary is not None else None,
        "changed": cmp.changed,
        "states": [state_diff(d) for d in cmp.states],
        "only_in_a": [{"jurisdiction": c.profile.jurisdiction, "name": place_name(c.profile.jurisdiction)} | _side(c)
                      for c in cmp.only_before],
        "only_in_b": [{"jurisdiction": c.profile.jurisdiction, "name": place_name(c.profile.jurisdiction)} | _side(c)
                      for c in cmp.only_after],
        **provenance(_cards_of(cmp)),
    }


def _cards_of(cmp: Any) -> list[Scorecard]:
    """Every edition a comparison shows, the before side first."""
    return ([d.before for d in cmp.states] + list(cmp.only_before)
            + [d.after for d in cmp.states] + list(cmp.only_after))


def tile_map(year: int, tiles: list[Any], year_note: str | None = None) -> dict[str, Any]:
    fw = next(t.card.framework for t in tiles if t.card)
    cards = [t.card for t in tiles if t.card]
    return {
        "schema_version": SCHEMA_VERSION,
        "year": year,
        "year_note": year_note,
        "frameworks": sorted({t.card.framework.id for t in tiles if t.card}),
        "legend": grade_scale(fw),
        "grade_scale_inferred": scale_inferred(fw),
        "grade_scale_basis": fw.grade_scale_basis,
        "grade_scales": scales_of(cards),
        **provenance(cards),
        "tiles": [
            {
                "postal": t.postal,
                "jurisdiction": t.slug,
                "name": t.name,
                "row": t.row,
                "col": t.col,
                "grade": t.card.grade if t.card else None,
                "on_record": t.card is not None,
                # a partial profile: the grades its findings allow, and the publisher's own grade
                "grade_min": t.card.grade_min if t.card else None,
                "grade_max": t.card.grade_max if t.card else None,
                "published_grade": t.card.profile.published.grade if t.card and t.card.profile.published else None,
                "grade_inferred": grade_inferred(t.card) if t.card else False,
                "score": num(t.card.score) if t.card else None,
                "basis": t.card.basis if t.card else None,
                "published_inferred": published_inferred(t.card) if t.card else [],
                "published_rank": published_rank(t.card) if t.card else None,
                "source": source(t.card.profile) if t.card else None,
            }
            for t in tiles
        ],
    }


CONFIDENCE_NOTES = {
    "topic-confirmed": "topic confirmed by public sources; criteria and points reconstructed by pic",
    "reconstructed": "reconstructed by pic: topic, criteria and points",
}


def confidence_note(confidence: str) -> str:
    return CONFIDENCE_NOTES.get(confidence, f"{confidence}: criteria and points reconstructed by pic")


def confidence_counts(f: Framework) -> dict[str, int]:
    """How many of the framework's components rest on each confidence level."""
    out: dict[str, int] = {}
    for comp in f.components.values():
        out[comp.confidence] = out.get(comp.confidence, 0) + 1
    return out


def frameworks(items: list[Any]) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "frameworks": [
            {
                "id": f.id,
                "title": f.title,
                "short_title": f.short_title,
                "publisher": f.publisher,
                "first_year": f.first_year,
                "last_year": f.last_year,
                "max_score": num(f.max_score),
                "extra_credit": num(f.extra_credit) if f.extra_credit_known else None,  # null: not known
                "grade_scale": [{"grade": b.grade, "min": num(b.min)} for b in f.grade_scale],
                "grade_scale_inferred": scale_inferred(f),
                "grade_scale_basis": f.grade_scale_basis,
                "sections": [{"id": s.id, "title": s.title, "card_title": s.card_title, "max": num(s.max)}
                             for s in f.sections],
                "confidence": confidence_counts(f),
                "components": len(f.components),
                "criteria": len(f.criteria),
                "source": {"title": f.source.title, "url": f.source.url},
                "notes": list(f.notes),
                "points_basis": [{"kind": b.kind, "what": b.what, "basis": b.basis,
                                  "source": None if b.source is None else {"title": b.source.title,
                                                                           "url": b.source.url}}
                                 for b in f.points_basis],
                "editions": [{"first": e.first, "last": e.last, "absent_components": list(e.absent_components),
                              "unknown_sections": list(e.unknown_sections), "note": e.note}
                             for e in f.editions],
            }
            for f in items
        ],
    }


def new_profile(made: NewProfile, tree: DataTree, root: Path) -> dict[str, Any]:
    """What `pic new` wrote, and what to do next."""
    import shlex

    from pic.core.load import builtin_root
    from pic.core.newprofile import profile_label
    from pic.core.paths import display_name

    fw = made.framework
    shown = display_name(made.path)
    steps: list[str] = []
    if not fw.has_criteria:
        steps.append(f"the {fw.id} framework defines no criteria, so this profile records published figures only.")
    elif made.carried_from is not None:
        if made.carried_from.jurisdiction != made.jurisdiction:
            steps.append(f"the answers carried over are {place_name(made.carried_from.jurisdiction)}'s, not "
                         f"{place_name(made.jurisdiction)}'s.")
        steps.append(f"{len(fw.criteria)} answers carried over from {profile_label(tree, made.carried_from)}, "
                     "each marked review: true.")
    else:
        steps.append(f"{len(fw.criteria)} criteria of the {fw.id} framework to research, every answer unknown.")
    data_flag = "" if tree.root == builtin_root() else f" --data {shlex.quote(display_name(root))}"
    what = "findings" if fw.has_criteria else "publisher's score, grade and section scores"
    steps.append(f"fill in the source and the {what}, then check the file with: "
                 f"pic validate{data_flag} {shlex.quote(shown)}")
    return {
        "schema_version": SCHEMA_VERSION,
        "path": shown,
        "framework": fw.id,
        "criteria": len(fw.criteria),
        "carried_from": made.carried_from.path if made.carried_from else None,
        "next_steps": steps,
    }
