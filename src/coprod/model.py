"""The objects that flow through coprod: documents, skipped inputs and the four fact types.

Field names and vocabularies follow ../shared/corpus/GUIDELINE.md exactly; every fact also
carries its evidence (exact text and character offsets into the document text), the
extractor's confidence, the versioned name of the rule that made it, and notes explaining
any field left unknown.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from datetime import datetime
from functools import cached_property
from typing import Any, ClassVar, Literal

FactType = Literal["commitment", "gdp_pledge", "agreement", "target"]
FACT_TYPES: tuple[FactType, ...] = ("commitment", "gdp_pledge", "agreement", "target")

QUALIFIERS = ("exact", "over", "up_to", "about")
MECHANISMS = ("ukrainian_industry", "coproduction", "procurement", "fund", "loan", "other")
STATUSES = ("planned", "pledged", "allocated", "delivered")
AGREEMENT_KINDS = ("coproduction", "security", "procurement", "cooperation")
STAGES = ("planned", "negotiating", "preliminary", "signed", "operational")
CATEGORIES = (
    "drones",
    "missiles",
    "artillery",
    "ammunition",
    "air_defense",
    "armored_vehicles",
    "mines",
    "cyber",
    "aircraft",
    "naval",
)
METRICS = ("funding", "gdp_share", "projects", "domestic_share", "output")


def content_hash(text: str) -> str:
    """The document's identity in the ledger: SHA-256 of its text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Document:
    """One article or release. `date` is the publication date, YYYY-MM-DD, when known."""

    id: str
    text: str
    url: str | None = None
    title: str | None = None
    date: str | None = None
    lang: str | None = None
    outlet: str | None = None
    kind: str | None = None
    source: str | None = None

    @cached_property
    def sha256(self) -> str:
        """Its content hash, computed once (the writer asks for it several times)."""
        return content_hash(self.text)


@dataclass(frozen=True)
class Skipped:
    """An input that could not become a document: where it came from and why."""

    source: str
    reason: str
    detail: str = ""


@dataclass(kw_only=True)
class Fact:
    """Common part of every fact: its evidence and provenance."""

    type: ClassVar[FactType]
    evidence: str
    start: int
    end: int
    confidence: float = 0.5
    extractor: str = ""
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The GUIDELINE.md shape (type first), plus the provenance fields."""
        out: dict[str, Any] = {"type": self.type}
        for name in _field_names(type(self)):  # as asdict, without its deep copy of each str
            value = getattr(self, name)
            out[name] = list(value) if isinstance(value, list) else value
        return out


@dataclass(kw_only=True)
class Commitment(Fact):
    type: ClassVar[FactType] = "commitment"
    funder: list[str]
    amount: float | None
    currency: str | None
    alt: list[tuple[float, str]] = field(default_factory=list)
    qualifier: str = "exact"
    mechanism: str | None = None
    categories: list[str] = field(default_factory=list)
    status: str | None = None
    cumulative: bool = False
    year: int | None = None


@dataclass(kw_only=True)
class GdpPledge(Fact):
    type: ClassVar[FactType] = "gdp_pledge"
    funder: list[str]
    share_pct: float
    period: str = "annual"


@dataclass(kw_only=True)
class Agreement(Fact):
    type: ClassVar[FactType] = "agreement"
    parties: list[str]
    kind: str
    stage: str | None = None
    host: str | None = None
    companies: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    date: str | None = None


@dataclass(kw_only=True)
class Target(Fact):
    type: ClassVar[FactType] = "target"
    subject: str | None
    metric: str
    value: float
    unit: str | None = None
    qualifier: str = "exact"
    mechanism: str | None = None
    year: int | None = None


FACT_CLASSES: dict[str, type[Fact]] = {
    cls.type: cls for cls in (Commitment, GdpPledge, Agreement, Target)
}


def fact_from_dict(data: dict[str, Any]) -> Fact:
    """Rebuild a fact from `Fact.to_dict()` output (or a gold record, which lacks offsets)."""
    cls = FACT_CLASSES[data["type"]]
    names = {f.name for f in fields(cls)}
    kwargs = {k: v for k, v in data.items() if k in names}
    kwargs.setdefault("start", -1)
    kwargs.setdefault("end", -1)
    if "alt" in kwargs:
        kwargs["alt"] = [(float(a), str(c)) for a, c in kwargs["alt"]]
    return cls(**kwargs)


@dataclass(frozen=True)
class Decision:
    """One entry of the analysts' audit log: who decided what about which facts, when, why.

    `action` is confirm, correct, reject, merge or split (see `coprod.reconcile.decisions`);
    facts are named by their fact key; `fields` holds a correction's new values.
    """

    action: str
    fact_keys: list[str]
    by: str
    why: str
    fields: dict[str, Any] | None = None
    at: datetime | None = None
    id: int | None = None


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}  # fact type -> its dataclass fields, in order


def _field_names(kind: type) -> tuple[str, ...]:
    """The dataclass fields of a fact type, in order (read once per type)."""
    names = _FIELD_NAMES.get(kind)
    if names is None:
        names = _FIELD_NAMES[kind] = tuple(f.name for f in fields(kind))
    return names
