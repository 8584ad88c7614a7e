"""Criterion points as what the published cards allow. Pure functions, no I/O.

What a framework confirms is a component's weight (PIC: 2.5 points); how that weight
divides between the component's criteria is not published. Here a component's split is an
unknown: one non-negative multiple of the framework's step (half a point) per criterion,
adding up to the component's weight. pic's own split (the `points` in the framework file)
is one such split, a hypothesis.

Every card on record - a profile with findings and published figures - constrains the
splits: for each published section score, the criteria of that section the card answers
`yes`, plus some subset of those it leaves `unknown`, earn exactly the published figure
(and likewise the sections without a published score earn the published total less the
published sections). A split vector is *allowed* when every card's every figure can come
out of it. This module computes, exactly and in integers (units of the step):

- per component, the splits the cards allow (pinned: one; narrowed: fewer than all; free);
- a profile's score range over the allowed splits and its own unknown answers
  (`calibrated`), and over every split (`findings alone`);
- when no split allows the cards, which readings conflict: for one card, the fewest
  answers that would have to read otherwise; across cards, a minimal set of cards.

Components are linked only through the figures that cover them, so the problem splits into
independent blocks (PIC: one per section, unless a card publishes several sections only
together). Each block is solved by dynamic programming over its components, the state being,
per open figure, the bit set of sums the card can still reach (Python ints as bit sets).
"""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations
from typing import Callable, Iterable, Mapping, NamedTuple, Sequence

from pic.core.model import Framework, Profile

# criterion id -> "yes" | "no" | "unknown" | "partial" (a weakness the card names that its
# published total shows cost less than the criterion's whole share: see answers_of)
Answers = dict[str, str]
Split = tuple[int, ...]  # units per criterion, in the component's criteria order

_ANSWER_CAP = 3  # the most answers a conflict explanation tries re-reading at once


class Comp(NamedTuple):
    """A component as the solver sees it: its weight and criteria, in units."""

    id: str
    section_id: str
    weight: int
    criteria: tuple[str, ...]
    hypothesis: Split  # pic's own split, from the framework file


class Figure(NamedTuple):
    """One published figure of one card: the components it covers must earn `target`."""

    card: int  # index into Calibration.cards
    label: str  # "section 1", "sections 4, 5, 6"
    sections: tuple[str, ...]
    comps: tuple[int, ...]  # indices into Calibration.comps, ascending
    target: int  # units
    inferred: bool  # the research reads the figure indirectly


class Card(NamedTuple):
    """A profile used as a constraint."""

    jurisdiction: str
    year: int
    path: str
    answers: Answers
    published: object = None  # the profile's Published record, to recognise the card again


class CardProblem(NamedTuple):
    """A card whose own published figure no split allows: a genuine contradiction."""

    card: int
    figure: Figure
    message: str
    recheck: tuple[tuple[str, ...], ...]  # sets of answers any one of which, read otherwise, would fit


class Conflict(NamedTuple):
    """Cards each consistent alone that no single split allows together."""

    cards: tuple[int, ...]
    components: tuple[str, ...]
    message: str


class Bounds(NamedTuple):
    lo: int
    hi: int


def units(value: float, step: Fraction) -> int | None:
    """A figure in units of the step; None when it is not a whole number of steps."""
    q = Fraction(value).limit_denominator(10_000) / step
    return int(q) if q.denominator == 1 else None


def compositions(total: int, parts: int) -> list[Split]:
    """Every way to write `total` as `parts` non-negative integers, in order."""
    if parts == 1:
        return [(total,)]
    out: list[Split] = []
    for first in range(total + 1):
        out.extend((first,) + rest for rest in compositions(total - first, parts - 1))
    return out


def earned_mask(answers: Answers, criteria: Sequence[str], split: Split) -> int:
    """The sums (as a bit set) a card with these answers can earn from one component."""
    base = 0
    free: list[int] = []
    spread = 0
    for cid, w in zip(criteria, split):
        a = answers.get(cid, "unknown")
        if a == "yes":
            base += w
        elif a == "partial":
            spread += w
        elif a != "no" and w:
            free.append(w)
    mask = 1 << base
    for w in free:
        mask |= mask << w
    if spread:
        mask = _convolve(mask, (1 << (spread + 1)) - 1)
    return mask


def _low(mask: int) -> int:
    return (mask & -mask).bit_length() - 1


def _high(mask: int) -> int:
    return mask.bit_length() - 1


class Solution(NamedTuple):
    """What the cards allow, block by block."""

    allowed: dict[int, tuple[Split, ...]]  # comp index -> allowed splits (every split for a free one)
    feasible: bool


class Calibration:
    """The cards on record for one framework edition structure, and what they allow."""

    def __init__(self, framework: Framework, cards: Sequence[Card], figures: Sequence[Figure],
                 comps: Sequence[Comp], step: Fraction, skipped: Sequence[str] = (),
                 solved: Mapping[str, object] | None = None, base: Calibration | None = None) -> None:
        self.framework = framework
        self.cards = tuple(cards)
        self.figures = tuple(figures)
        self.comps = tuple(comps)
        self.step = step
        self.skipped = tuple(skipped)  # figures not used, and why
        self.profiles: tuple[Profile, ...] = ()  # the profiles the cards were read from
        self.index = {c.id: i for i, c in enumerate(self.comps)}
        self.splits = {i: compositions(c.weight, len(c.criteria)) for i, c in enumerate(self.comps)}
        self.card_problems: list[CardProblem] = []
        self.conflicts: list[Conflict] = []
        self.allowed: dict[int, tuple[Split, ...]] = {}
        self.block_cards: dict[int, tuple[int, ...]] = {}  # comp -> cards that calibrate it
        self.used_figures: tuple[Figure, ...] = ()
        self._reuse = base._clean_blocks() if base is not None else {}
        if solved is None or not self._restore(solved):
            self.card_problems, self.conflicts = [], []
            self._solve()

    def _figure_key(self, f: Figure) -> tuple[object, ...]:
        c = self.cards[f.card]
        return (c.jurisdiction, c.year, c.path, f.label, f.target, tuple(sorted(c.answers.items())))

    def _clean_blocks(self) -> dict[frozenset[tuple[object, ...]], dict[str, tuple[Split, ...]]]:
        """Blocks solved without a contradiction or conflict, by the figures that made them:
        another calibration with exactly those figures there need not solve them again."""
        troubled = {p.card for p in self.card_problems} | {c for k in self.conflicts for c in k.cards}
        out: dict[frozenset[tuple[object, ...]], dict[str, tuple[Split, ...]]] = {}
        for members, fs in self.blocks(self.figures):
            if not fs or any(f.card in troubled for f in fs):
                continue
            out[frozenset(self._figure_key(f) for f in fs)] = {self.comps[c].id: self.allowed[c] for c in members}
        return out

    # -- a solution shipped with pic's own data (scripts/compile_data.py) ----------------

    def solution(self) -> dict[str, object]:
        """What _solve found, as JSON-ready data."""
        return {
            "allowed": [[list(s) for s in self.allowed[i]] for i in range(len(self.comps))],
            "block_cards": {str(c): list(v) for c, v in sorted(self.block_cards.items())},
            "card_problems": [[p.card, self.figures.index(p.figure), p.message, [list(r) for r in p.recheck]]
                              for p in self.card_problems],
            "conflicts": [[list(k.cards), list(k.components), k.message] for k in self.conflicts],
            "used": [self.figures.index(f) for f in self.used_figures],
        }

    def _restore(self, solved: Mapping[str, object]) -> bool:
        """Take a shipped solution; False (and nothing taken) when it does not fit."""
        try:
            allowed = solved["allowed"]
            assert isinstance(allowed, list) and len(allowed) == len(self.comps)
            restored: dict[int, tuple[Split, ...]] = {}
            for i, splits in enumerate(allowed):
                assert isinstance(splits, list)
                valid = set(self.splits[i])
                restored[i] = tuple(tuple(int(x) for x in s) for s in splits)
                assert restored[i] and set(restored[i]) <= valid
            blocks = solved["block_cards"]
            assert isinstance(blocks, dict)
            block_cards = {int(c): tuple(int(x) for x in v) for c, v in blocks.items()}
            problems = solved["card_problems"]
            conflicts = solved["conflicts"]
            used = solved["used"]
            assert isinstance(problems, list) and isinstance(conflicts, list) and isinstance(used, list)
            card_problems = [CardProblem(int(c), self.figures[int(f)], str(m), tuple(tuple(str(x) for x in r)
                                                                                    for r in rc))
                             for c, f, m, rc in problems]
            conflict_list = [Conflict(tuple(int(x) for x in c), tuple(str(x) for x in k), str(m))
                             for c, k, m in conflicts]
            used_figures = tuple(self.figures[int(i)] for i in used)
        except (AssertionError, KeyError, IndexError, TypeError, ValueError):
            return False
        self.allowed, self.block_cards = restored, block_cards
        self.card_problems, self.conflicts, self.used_figures = card_problems, conflict_list, used_figures
        return True

    # -- structure ------------------------------------------------------------------

    def blocks(self, figures: Sequence[Figure]) -> list[tuple[list[int], list[Figure]]]:
        """Components linked by figures, each block with the figures that cover it."""
        parent = list(range(len(self.comps)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for f in figures:
            for c in f.comps[1:]:
                parent[find(c)] = find(f.comps[0])
        groups: dict[int, list[int]] = {}
        for i in range(len(self.comps)):
            groups.setdefault(find(i), []).append(i)
        out = []
        for members in groups.values():
            fs = [f for f in figures if f.comps and find(f.comps[0]) == find(members[0])]
            out.append((members, fs))
        return out

    # -- the dynamic programme --------------------------------------------------------

    def _run(self, comps: list[int], figures: Sequence[Figure], allowed: Mapping[int, Sequence[Split]],
             answers_of: Sequence[Answers], marginals: bool,
             extra: Sequence[tuple[Answers, frozenset[int]]] = (), tied: int | None = None) -> tuple[dict[int, set[int]] | None, list[int]]:
        """Solve one block. Returns (per comp the indices of splits some allowed vector
        uses, when `marginals`; None when nothing is allowed) and, per `extra` coordinate
        (a profile's answers over a set of comps), the bit set of sums it can earn over all
        allowed vectors (0 when nothing is allowed). `tied`: the card that *is* the profile
        being scored, whose unknown answers must then take the same values in its figures
        and in the extra coordinates."""
        order = sorted(comps)
        pos = {c: k for k, c in enumerate(order)}
        last = {j: max(pos[c] for c in f.comps) for j, f in enumerate(figures)}
        covers: dict[int, list[int]] = {c: [] for c in order}
        for j, f in enumerate(figures):
            for c in f.comps:
                covers[c].append(j)
        # most a figure's card can still earn after position k (for pruning from below)
        rest: list[list[int]] = []
        for j, f in enumerate(figures):
            ans = answers_of[f.card]
            tail = [0] * (len(order) + 1)
            for k in range(len(order) - 1, -1, -1):
                c = order[k]
                more = 0
                if c in f.comps:
                    crit = self.comps[c].criteria
                    more = 0 if all(ans.get(x, "unknown") == "no" for x in crit) else self.comps[c].weight
                tail[k] = tail[k + 1] + more
            rest.append(tail)
        n_fig = len(figures)
        start = (1,) * n_fig
        layer: dict[tuple[int, ...], list[int]] = {start: [1] * len(extra)}
        history: list[list[tuple[tuple[int, ...], int, tuple[int, ...]]]] = []
        for k, c in enumerate(order):
            comp = self.comps[c]
            nxt: dict[tuple[int, ...], list[int]] = {}
            moves: list[tuple[tuple[int, ...], int, tuple[int, ...]]] = []
            split_list = allowed[c]
            masks_by_split = [
                {j: earned_mask(answers_of[figures[j].card], comp.criteria, s) for j in covers[c]}
                for s in split_list
            ]
            extra_masks = [
                [earned_mask(a, comp.criteria, s) if c in cs else 1 for (a, cs) in extra] for s in split_list
            ]
            tied_fig = next((j for j in covers[c] if figures[j].card == tied), None)
            for state, values in layer.items():
                for si in range(len(split_list)):
                    new = list(state)
                    dead = False
                    for j, em in masks_by_split[si].items():
                        if j == tied_fig:
                            continue
                        m = self._advance(state[j], em, figures[j].target, rest[j][k + 1], last[j] == k)
                        if not m:
                            dead = True
                            break
                        new[j] = m
                    if dead:
                        continue
                    if tied_fig is None:
                        branches: list[tuple[int, list[int]]] = [(-1, extra_masks[si])]
                    else:
                        em = masks_by_split[si][tied_fig]
                        branches = []
                        while em:
                            low = em & -em
                            e = low.bit_length() - 1
                            branches.append((e, [1 << e if c in cs else 1 for (_, cs) in extra]))
                            em ^= low
                    for e, ems in branches:
                        if e >= 0:
                            assert tied_fig is not None
                            m = self._advance(state[tied_fig], 1 << e, figures[tied_fig].target,
                                              rest[tied_fig][k + 1], last[tied_fig] == k)
                            if not m:
                                continue
                            new[tied_fig] = m
                        key = tuple(new)
                        shifted = [_convolve(v, em2) for v, em2 in zip(values, ems)]
                        have = nxt.get(key)
                        nxt[key] = shifted if have is None else [a | b for a, b in zip(have, shifted)]
                        if marginals:
                            moves.append((state, si, key))
            history.append(moves)
            layer = nxt
            if not layer:
                return None, [0] * len(extra)
        finals = [v for v in layer.values()]
        sums = [0] * len(extra)
        for v in finals:
            sums = [a | b for a, b in zip(sums, v)]
        if not marginals:
            return {}, sums
        good = set(layer)
        used: dict[int, set[int]] = {c: set() for c in order}
        for k in range(len(order) - 1, -1, -1):
            prev_good: set[tuple[int, ...]] = set()
            for state, si, key in history[k]:
                if key in good:
                    prev_good.add(state)
                    used[order[k]].add(si)
            good = prev_good
        return used, sums

    @staticmethod
    def _advance(cur: int, em: int, target: int, rest: int, closing: bool) -> int:
        """A figure's reachable sums after one more component; 0 when none can still
        reach the target (`rest`: the most the card can earn from the figure's
        remaining components)."""
        m = _convolve(cur, em) & ((1 << (target + 1)) - 1)
        floor = target - rest
        if floor > 0:
            m &= ~((1 << floor) - 1)
        if closing and m:
            return 1 if (m >> target) & 1 else 0
        return m

    def _always(self, figure: Figure) -> bool:
        """The figure holds under every split (a sufficient test): picking, in each
        component, a sum the card can earn whatever the split, reaches the target. Such
        a figure constrains nothing and is left out of the search."""
        ans = self.cards[figure.card].answers
        reach = 1
        for c in figure.comps:
            comp = self.comps[c]
            common = -1
            for s in self.splits[c]:
                common &= earned_mask(ans, comp.criteria, s)
            if not common:
                return False
            reach = _convolve(reach, common) & ((1 << (figure.target + 1)) - 1)
        return bool((reach >> figure.target) & 1)

    def _feasible(self, comps: list[int], figures: Sequence[Figure], answers_of: Sequence[Answers]) -> bool:
        allowed = {c: self.splits[c] for c in comps}
        used, _ = self._run(comps, figures, allowed, answers_of, marginals=False)
        return used is not None

    # -- solving -----------------------------------------------------------------------

    def _solve(self) -> None:
        """The cards together, block by block. Only where they cannot all hold is each card
        checked alone (a figure no split allows is a contradiction, left out), and then a
        minimal set of cards that cannot hold together is named and left out of that block."""
        answers_of = [c.answers for c in self.cards]
        allowed: dict[int, tuple[Split, ...]] = {i: tuple(s) for i, s in self.splits.items()}
        self.block_cards = {}  # comp -> cards that calibrate it
        used_figures: list[Figure] = []
        for members, fs in self.blocks(self.figures):
            if not fs:
                continue
            live = [f for f in fs if not self._always(f)]
            known = self._reuse.get(frozenset(self._figure_key(f) for f in fs))
            if known is not None and all(self.comps[c].id in known for c in members):
                used_figures.extend(fs)
                for c in members:
                    allowed[c] = known[self.comps[c].id]
                    self.block_cards[c] = tuple(sorted({f.card for f in live if c in f.comps}))
                continue
            used = self._marginals(members, live, answers_of)
            if used is None:
                fs = self._without_contradictions(fs, answers_of)
                live = [f for f in fs if not self._always(f)]
                used = self._marginals(members, live, answers_of)
                if used is None:
                    core = self._minimal_conflict(members, live, answers_of)
                    names = tuple(self.comps[c].id for c in sorted(members))
                    self.conflicts.append(Conflict(core, names, self._conflict_message(core, names)))
                    fs = [f for f in fs if f.card not in core]
                    live = [f for f in live if f.card not in core]
                    used = self._marginals(members, live, answers_of)
                    if used is None:  # cannot happen: the minimal set was taken out; stay honest anyway
                        continue
            used_figures.extend(fs)
            for c in members:
                if c in used:
                    allowed[c] = tuple(self.splits[c][i] for i in sorted(used[c]))
                self.block_cards[c] = tuple(sorted({f.card for f in live if c in f.comps}))
        self.allowed = allowed
        self.used_figures = tuple(f for f in self.figures if f in used_figures)

    def _marginals(self, members: list[int], live: Sequence[Figure],
                   answers_of: Sequence[Answers]) -> dict[int, set[int]] | None:
        """Per component of the block, the splits some allowed vector uses; every split of a
        component no live figure covers."""
        if not live:
            return {}
        covered = sorted({c for f in live for c in f.comps})
        used, _ = self._run(covered, live, {c: self.splits[c] for c in covered}, answers_of, marginals=True)
        return used

    def _without_contradictions(self, fs: Sequence[Figure], answers_of: Sequence[Answers]) -> list[Figure]:
        """The figures of a block that each card's answers allow on their own; the others are
        recorded as contradictions."""
        ok: list[Figure] = []
        by_card: dict[int, list[Figure]] = {}
        for f in fs:
            by_card.setdefault(f.card, []).append(f)
        for card, figs in by_card.items():
            for members, sub in self.blocks(figs):
                if not sub:
                    continue
                if self._feasible(members, sub, answers_of):
                    ok.extend(sub)
                    continue
                found = False
                for f in sub:
                    if not self._feasible(sorted(f.comps), [f], answers_of):
                        self.card_problems.append(self._explain_card(card, f))
                        found = True
                if not found:
                    # each figure fits alone, not together (a block of overlapping figures)
                    self.card_problems.append(CardProblem(card, sub[0], self._together_message(card, sub), ()))
        return ok

    def _minimal_conflict(self, members: list[int], figures: Sequence[Figure],
                          answers_of: Sequence[Answers]) -> tuple[int, ...]:
        """A minimal set of cards that cannot all hold (deletion filter)."""
        cards = sorted({f.card for f in figures})
        keep = list(cards)
        for card in cards:
            trial = [k for k in keep if k != card]
            fs = [f for f in figures if f.card in trial]
            if fs and not self._feasible(members, fs, answers_of):
                keep = trial
        return tuple(keep)

    def _explain_card(self, card: int, figure: Figure) -> CardProblem:
        """Name the fewest answers that, read otherwise, would let the figure hold."""
        comps = sorted(figure.comps)
        most = sum(self.comps[c].weight for c in comps)
        fig = _fmt_units(figure.target, self.step)
        where = self.cards[card]
        if figure.target > most:
            return CardProblem(card, figure, f"{figure.label}: published {fig}, more than the "
                                             f"{_fmt_units(most, self.step)} its components are worth", ())
        known = [x for c in comps for x in self.comps[c].criteria
                 if where.answers.get(x, "unknown") in ("yes", "no")]
        fixes: list[tuple[str, ...]] = []
        for size in range(1, min(_ANSWER_CAP, len(known)) + 1):
            for subset in combinations(known, size):
                relaxed = dict(where.answers)
                for x in subset:
                    relaxed[x] = "unknown"
                trial = [a if i != card else relaxed for i, a in enumerate(c.answers for c in self.cards)]
                if self._feasible(comps, [figure], trial):
                    fixes.append(subset)
            if fixes:
                break
        if not fixes:
            msg = (f"{figure.label}: published {fig}, which no split of the components' points allows with "
                   f"these answers, nor with up to {_ANSWER_CAP} of them read otherwise; re-check the figure")
        else:
            options = "; or ".join(" and ".join(s) for s in fixes)
            msg = (f"{figure.label}: published {fig}, which no split of the components' points allows with "
                   f"these answers; it would hold if {options} read otherwise: re-check "
                   + ", ".join(dict.fromkeys(x for s in fixes for x in s)))
        return CardProblem(card, figure, msg, tuple(fixes))

    def _together_message(self, card: int, figures: Sequence[Figure]) -> str:
        labels = ", ".join(f.label for f in figures)
        return f"the published figures for {labels} each fit the answers, but no split of the points fits all of them"

    def _conflict_message(self, cards: Sequence[int], comps: Sequence[str]) -> str:
        names = ", ".join(f"{self.cards[c].jurisdiction} {self.cards[c].year}" for c in cards)
        return (f"no split of components {', '.join(comps)} fits every card: {names} cannot all hold; "
                "re-check their answers there")

    # -- results -----------------------------------------------------------------------

    def status(self, comp_id: str) -> str:
        """'pinned', 'narrowed' or 'free' for a component with more than one criterion;
        'fixed' for one with a single criterion (its whole weight)."""
        i = self.index[comp_id]
        if len(self.comps[i].criteria) == 1:
            return "fixed"
        n = len(self.allowed[i])
        if n == 1:
            return "pinned"
        return "narrowed" if n < len(self.splits[i]) else "free"

    def share_bounds(self, criterion_id: str) -> Bounds:
        """The units a criterion can be worth under the allowed splits."""
        comp, k = self._where(criterion_id)
        values = [s[k] for s in self.allowed[comp]] or [s[k] for s in self.splits[comp]]
        return Bounds(min(values), max(values))

    def share_bounds_any(self, criterion_id: str) -> Bounds:
        comp, _ = self._where(criterion_id)
        return Bounds(0, self.comps[comp].weight)

    def hypothesis(self, criterion_id: str) -> int:
        comp, k = self._where(criterion_id)
        return self.comps[comp].hypothesis[k]

    def hypothesis_allowed(self, comp_id: str) -> bool:
        i = self.index[comp_id]
        return self.comps[i].hypothesis in self.allowed[i]

    def cards_for(self, comp_id: str) -> tuple[int, ...]:
        return self.block_cards.get(self.index[comp_id], ())

    def _where(self, criterion_id: str) -> tuple[int, int]:
        for i, c in enumerate(self.comps):
            if criterion_id in c.criteria:
                return i, c.criteria.index(criterion_id)
        raise KeyError(criterion_id)

    def card_index(self, profile: Profile) -> int | None:
        answers = answers_of(profile)
        for i, c in enumerate(self.cards):
            if ((c.jurisdiction, c.year) == (profile.jurisdiction, profile.year) and c.answers == answers
                    and profile.published is not None and c.published == profile.published):
                return i
        return None

    def ranges(self, answers: Answers, sections: Iterable[tuple[str, tuple[int, ...]]],
               calibrated: bool = True, tied: int | None = None) -> tuple[dict[str, Bounds], Bounds]:
        """A profile's range per section and in total: over the allowed splits (calibrated)
        or over every split, and over its own unknown answers."""
        allowed = self.allowed if calibrated else {i: tuple(s) for i, s in self.splits.items()}
        # Other cards enter through the splits they allow component by component (an outer
        # bound of their joint effect, so a range is never narrower than the cards allow,
        # and a card added never widens it); the profile's own card, if it is one, enters
        # whole, its unknown answers taking the same values in its figures and its score.
        figures = [f for f in self.used_figures if f.card == tied] if calibrated and tied is not None else []
        answers_of = [c.answers for c in self.cards]
        section_comps = {sid: set(cs) for sid, cs in sections}
        wanted = set().union(*section_comps.values()) if section_comps else set()
        per_section: dict[str, Bounds] = {}
        total_lo = total_hi = 0
        for members, fs in self.blocks(figures):
            members = [c for c in members if c in wanted]
            if not members:
                continue
            fs = [f for f in fs if set(f.comps) <= set(members)]
            sids = [sid for sid, cs in section_comps.items() if cs & set(members)]
            extra = [(answers, frozenset(section_comps[sid] & set(members))) for sid in sids]
            extra.append((answers, frozenset(members)))
            if fs:
                _, sums = self._run(members, fs, {c: allowed[c] for c in members}, answers_of, False, extra,
                                    tied if calibrated else None)
            else:
                sums = [1] * len(extra)
                for c in sorted(members):
                    comp = self.comps[c]
                    options = 0
                    for s in allowed[c]:
                        options |= earned_mask(answers, comp.criteria, s)
                    for n, (_, cs) in enumerate(extra):
                        if c in cs:
                            sums[n] = _convolve(sums[n], options)
            if not sums[-1]:
                # nothing allowed here (cannot happen once conflicts are dropped): any split
                return self.ranges(answers, sections, calibrated=False)
            for sid, m in zip(sids, sums[:-1]):
                prev = per_section.get(sid)
                b = Bounds(_low(m), _high(m))
                per_section[sid] = b if prev is None else Bounds(prev.lo + b.lo, prev.hi + b.hi)
            total_lo += _low(sums[-1])
            total_hi += _high(sums[-1])
        return per_section, Bounds(total_lo, total_hi)


def _convolve(a: int, b: int) -> int:
    out = 0
    while b:
        low = b & -b
        out |= a << (low.bit_length() - 1)
        b ^= low
    return out


def _fmt_units(n: int, step: Fraction) -> str:
    v = n * step
    return str(v.numerator) if v.denominator == 1 else f"{float(v):g}"


# -- building a calibration from a framework and the profiles on record -----------------

STEP = Fraction(1, 2)  # PIC credit moves in half points (published scores such as 24.5, 21.5)


def answers_of(profile: Profile) -> Answers:
    """A card's answers as calibration reads them: an answer that rests only on a
    published total is an inference from the very figure it would be checked against,
    so it counts as unknown here."""
    out: Answers = {}
    for cid, f in (profile.findings or {}).items():
        out[cid] = "unknown" if f.basis == "published-total" else f.answer
    # A shared loss records that weaknesses the card names cost less, together, than their
    # criteria are worth: each member earns anything from none to all of its share.
    for loss in profile.shared_losses:
        for cid in loss.criteria:
            if out.get(cid) == "no":
                out[cid] = "partial"
    return out


def _comps(framework: Framework, step: Fraction) -> list[Comp]:
    out = []
    for section in framework.sections:
        for comp in section.components:
            if not comp.criteria:
                continue
            weight = units(comp.max, step)
            hyp = tuple(units(k.points, step) for k in comp.criteria)
            if weight is None or any(h is None for h in hyp):
                continue
            out.append(Comp(comp.id, section.id, weight, tuple(k.id for k in comp.criteria),
                            tuple(h or 0 for h in hyp)))
    return out


def card_figures(framework: Framework, profile: Profile, card: int, comps: Sequence[Comp],
                 step: Fraction) -> tuple[list[Figure], list[str]]:
    """The figures of one card that constrain the splits, and why any other is left out."""
    pub = profile.published
    if pub is None or profile.findings is None:
        return [], []
    index = {c.id: i for i, c in enumerate(comps)}
    year = profile.year
    skipped: list[str] = []
    figures: list[Figure] = []
    inferred_sections = pub.is_inferred("sections")

    def comps_of(sids: Sequence[str]) -> tuple[int, ...] | None:
        out: list[int] = []
        for sid in sids:
            section = framework.section(sid)
            if section is None or framework.section_max_for(sid, year) is None:
                return None
            out.extend(index[c.id] for c in section.components
                       if c.id in index and framework.component_in(c.id, year))
        return tuple(sorted(out))

    for sid, value in pub.sections.items():
        cs = comps_of([sid])
        target = units(value, step)
        if cs is None:
            skipped.append(f"section {sid}: its {year} structure is not known")
            continue
        if target is None:
            skipped.append(f"section {sid}: {value:g} is not a whole number of half points")
            continue
        figures.append(Figure(card, f"section {sid}", (sid,), cs, target, inferred_sections))
    rest = [s.id for s in framework.sections if s.id not in pub.sections]
    if pub.score is not None and rest:
        cs = comps_of(rest)
        target = units(pub.score - sum(pub.sections.values()), step)
        label = ("the total score" if len(rest) == len(framework.sections) else
                 ("section " if len(rest) == 1 else "sections ") + ", ".join(rest)
                 + " (the published score less the published sections)")
        if cs is None:
            skipped.append(f"{label}: the {year} structure is not known")
        elif target is None or target < 0:
            skipped.append(f"{label}: not a whole number of half points")
        else:
            figures.append(Figure(card, label, tuple(rest), cs, target,
                                  inferred_sections or pub.is_inferred("score")))
    return figures, skipped


def solution_key(texts: Iterable[str]) -> str:
    """What a shipped solution was solved from: this module's code and the data's texts."""
    from pic.core.datafile import digest

    with open(__file__, encoding="utf-8") as fh:
        code = fh.read()
    return digest("\x00".join([code, *texts]))


def calibrate(framework: Framework, profiles: Iterable[Profile],
              solved: Mapping[str, object] | None = None, base: Calibration | None = None) -> Calibration:
    """What every card on record for this framework allows. Cards are taken in a fixed
    order (jurisdiction, year, path) so results do not depend on listing order. `solved`:
    a solution shipped for exactly these cards (see DataTree.calibration)."""
    step = STEP
    comps = _comps(framework, step)
    chosen = sorted((p for p in profiles if p.framework_id == framework.id and p.findings is not None
                     and p.published is not None), key=lambda p: (p.jurisdiction, p.year, p.path))
    cards: list[Card] = []
    figures: list[Figure] = []
    skipped: list[str] = []
    seen: set[tuple[str, int, str]] = set()
    for p in chosen:
        key = (p.jurisdiction, p.year, p.path)
        if key in seen:
            continue
        seen.add(key)
        fs, why = card_figures(framework, p, len(cards), comps, step)
        if not fs:
            continue
        cards.append(Card(p.jurisdiction, p.year, p.path, answers_of(p), p.published))
        figures.extend(fs)
        skipped.extend(f"{p.jurisdiction} {p.year}, {w}" for w in why)
    cal = Calibration(framework, cards, figures, comps, step, skipped, solved, base)
    cal.profiles = tuple(p for p in chosen)
    return cal


# -- which cards a framework is calibrated on ---------------------------------------------

# A framework object -> the calibration of the data tree that loaded it (DataTree.framework
# attaches it). Keyed by identity: a tree keeps its frameworks alive as long as itself.
_SOURCES: dict[int, Callable[[Framework], Calibration]] = {}


def attach(framework: Framework, source: Callable[[Framework], Calibration]) -> None:
    _SOURCES[id(framework)] = source


def for_profile(framework: Framework, profile: Profile) -> Calibration:
    """The calibration a profile is scored with: every card of the tree its framework came
    from, and the profile itself when it is a card the tree does not hold (a file given by
    path). Without a tree, the profile's own card alone."""
    source = _SOURCES.get(id(framework))
    if source is None:
        return calibrate(framework, [profile])
    cal = source(framework)
    if (profile.findings is not None and profile.published is not None
            and not any((c.jurisdiction, c.year) == (profile.jurisdiction, profile.year) for c in cal.cards)
            and card_figures(framework, profile, 0, cal.comps, cal.step)[0]
            and not any(p.path == profile.path and p.path for p in cal.profiles)):
        return calibrate(framework, [*cal.profiles, profile], base=cal)
    return cal


def for_framework(framework: Framework) -> Calibration:
    """The calibration of the tree the framework came from (no cards without one)."""
    source = _SOURCES.get(id(framework))
    return source(framework) if source is not None else calibrate(framework, [])


def component_range(cal: Calibration, comp_id: str, answers: Answers) -> Bounds | None:
    """What a component can earn with these answers over the splits the cards allow."""
    i = cal.index.get(comp_id)
    if i is None:
        return None
    comp = cal.comps[i]
    options = 0
    for s in cal.allowed[i]:
        options |= earned_mask(answers, comp.criteria, s)
    return Bounds(_low(options), _high(options))
