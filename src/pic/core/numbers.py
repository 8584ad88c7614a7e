"""Points as a reader writes them, and the one tolerance for comparing them.

Every module compares points with `EPS` and writes them with `fmt` (`fmt_range` for a range)."""

from __future__ import annotations

# Points come in half steps; sums of floats may still differ in the last bits.
EPS = 1e-9


def num(x: float | None) -> float | int | None:
    """91.0 -> 91, 24.5 -> 24.5: the figure as JSON should carry it."""
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


def fmt(x: float | None, missing: str = "—") -> str:
    """91.0 -> "91", 24.5 -> "24.5", None -> "—": the figure as a person reads it."""
    if x is None:
        return missing
    return f"{x:g}"


def fmt_range(lo: float | None, hi: float | None, missing: str = "—") -> str:
    """"2.5", or "1–2.5" where the findings leave a figure open."""
    if lo is None or hi is None:
        return fmt(lo if hi is None else hi, missing)
    return fmt(lo, missing) if abs(hi - lo) <= EPS else f"{fmt(lo, missing)}–{fmt(hi, missing)}"
