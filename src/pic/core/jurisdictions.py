"""The 50 states and the District of Columbia, and how a user may name them."""

from __future__ import annotations

from typing import TYPE_CHECKING
import difflib
from pic.core.records import Record

from pic.core.errors import UsageError, short

if TYPE_CHECKING:  # a record is a dataclass created without generated code (pic.core.records)
    from dataclasses import dataclass as record
else:
    from pic.core.records import record


@record(frozen=True, slots=True)
class Jurisdiction(Record):
    slug: str  # the folder name under states/
    name: str
    postal: str


# A fixed, closed list: pic grades exactly these 51 jurisdictions, so a small table
# beats a dependency.
JURISDICTIONS: tuple[Jurisdiction, ...] = (
    Jurisdiction("alabama", "Alabama", "AL"),
    Jurisdiction("alaska", "Alaska", "AK"),
    Jurisdiction("arizona", "Arizona", "AZ"),
    Jurisdiction("arkansas", "Arkansas", "AR"),
    Jurisdiction("california", "California", "CA"),
    Jurisdiction("colorado", "Colorado", "CO"),
    Jurisdiction("connecticut", "Connecticut", "CT"),
    Jurisdiction("delaware", "Delaware", "DE"),
    Jurisdiction("district-of-columbia", "District of Columbia", "DC"),
    Jurisdiction("florida", "Florida", "FL"),
    Jurisdiction("georgia", "Georgia", "GA"),
    Jurisdiction("hawaii", "Hawaii", "HI"),
    Jurisdiction("idaho", "Idaho", "ID"),
    Jurisdiction("illinois", "Illinois", "IL"),
    Jurisdiction("indiana", "Indiana", "IN"),
    Jurisdiction("iowa", "Iowa", "IA"),
    Jurisdiction("kansas", "Kansas", "KS"),
    Jurisdiction("kentucky", "Kentucky", "KY"),
    Jurisdiction("louisiana", "Louisiana", "LA"),
    Jurisdiction("maine", "Maine", "ME"),
    Jurisdiction("maryland", "Maryland", "MD"),
    Jurisdiction("massachusetts", "Massachusetts", "MA"),
    Jurisdiction("michigan", "Michigan", "MI"),
    Jurisdiction("minnesota", "Minnesota", "MN"),
    Jurisdiction("mississippi", "Mississippi", "MS"),
    Jurisdiction("missouri", "Missouri", "MO"),
    Jurisdiction("montana", "Montana", "MT"),
    Jurisdiction("nebraska", "Nebraska", "NE"),
    Jurisdiction("nevada", "Nevada", "NV"),
    Jurisdiction("new-hampshire", "New Hampshire", "NH"),
    Jurisdiction("new-jersey", "New Jersey", "NJ"),
    Jurisdiction("new-mexico", "New Mexico", "NM"),
    Jurisdiction("new-york", "New York", "NY"),
    Jurisdiction("north-carolina", "North Carolina", "NC"),
    Jurisdiction("north-dakota", "North Dakota", "ND"),
    Jurisdiction("ohio", "Ohio", "OH"),
    Jurisdiction("oklahoma", "Oklahoma", "OK"),
    Jurisdiction("oregon", "Oregon", "OR"),
    Jurisdiction("pennsylvania", "Pennsylvania", "PA"),
    Jurisdiction("rhode-island", "Rhode Island", "RI"),
    Jurisdiction("south-carolina", "South Carolina", "SC"),
    Jurisdiction("south-dakota", "South Dakota", "SD"),
    Jurisdiction("tennessee", "Tennessee", "TN"),
    Jurisdiction("texas", "Texas", "TX"),
    Jurisdiction("utah", "Utah", "UT"),
    Jurisdiction("vermont", "Vermont", "VT"),
    Jurisdiction("virginia", "Virginia", "VA"),
    Jurisdiction("washington", "Washington", "WA"),
    Jurisdiction("west-virginia", "West Virginia", "WV"),
    Jurisdiction("wisconsin", "Wisconsin", "WI"),
    Jurisdiction("wyoming", "Wyoming", "WY"),
)

BY_SLUG = {j.slug: j for j in JURISDICTIONS}
_LOOKUP: dict[str, Jurisdiction] = {}
for _j in JURISDICTIONS:
    _LOOKUP[_j.slug] = _j
    _LOOKUP[_j.postal.lower()] = _j
_LOOKUP["washington-dc"] = _LOOKUP["d.c."] = _LOOKUP["dc"] = BY_SLUG["district-of-columbia"]


def _normal(text: str) -> str:
    return "-".join(text.strip().lower().replace("_", " ").split())


def find(text: str) -> Jurisdiction | None:
    return _LOOKUP.get(_normal(text))


def resolve(text: str) -> Jurisdiction:
    """A slug, a name in any case, or a postal code; otherwise a usage error with close matches."""
    found = find(text)
    if found is not None:
        return found
    raise UsageError(f"unknown state '{short(text)}'.", suggestions(text) if len(text) <= 200 else [])


def suggestions(text: str) -> list[str]:
    key = _normal(text)
    names = difflib.get_close_matches(key, list(BY_SLUG), n=3, cutoff=0.6)
    return names


def place_name(slug: str) -> str:
    """A jurisdiction's name for a slug; the slug itself where it names none."""
    j = BY_SLUG.get(slug)
    return j.name if j else slug
