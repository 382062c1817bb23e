"""Frozen records that cross stage boundaries.

Per-document records (``Raw*``, ``Doc*``) come out of ingest and extract; picture records (``Place``,
``Actor``, ``Claim``, ``Event``, ``Contradiction``, ``Picture``) come out of resolve and follow the
``frontwatch.picture/1`` contract in DESIGN.md. Every extracted thing carries its document id and a
character span into that document's clean text.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Precision = Literal["day", "week", "month", "unknown"]
Basis = Literal["stated", "metadata", "inferred", "unknown"]
Stance = Literal["assert", "deny", "confirm"]
ClaimKind = Literal["casualties", "territory", "attack", "statement", "other"]
Unit = Literal["killed", "wounded", "displaced", "missing", "fighters", "soldiers", "civilians", "places", "other"]


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# ---------------------------------------------------------------- ingest


class RawDocument(Record):
    """One input as read, before cleaning. ``published`` is a caller- or metadata-supplied date string."""

    source_id: str
    path: str | None = None
    url: str | None = None
    text: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    cleaned: bool = False  # True when the caller already cleaned the text (JSONL): taken as given
    original: str | None = None  # what was read before text extraction (a page's HTML), kept in the store


class Published(Record):
    date: str | None = None  # YYYY-MM-DD
    precision: Precision = "unknown"
    basis: Basis = "unknown"
    evidence: str = ""
    window: tuple[str, str] | None = None  # inferred publication window (earliest, latest)


class Cleaning(Record):
    """What cleaning took out of a document's text as read: characters in all, and per rule that fired."""

    read_chars: int  # length of the text before cleaning (after HTML extraction for pages)
    removed_chars: int
    rules: dict[str, int] = Field(default_factory=dict)  # rule name -> characters of the lines it removed

    def share_removed(self) -> float:
        return self.removed_chars / self.read_chars if self.read_chars else 0.0


class Document(Record):
    id: str
    source_id: str
    path: str | None = None
    url: str | None = None
    outlet: str
    syndicated_from: str | None = None
    title: str
    text: str
    published: Published
    language: str = "en"  # ISO 639-1, "und" when undetermined; only English documents are analysed
    duplicate_of: str | None = None
    framing: dict[str, dict[str, int]] = Field(default_factory=dict)
    cleaning: Cleaning | None = None  # None for text taken as given (JSONL) and documents stored before it


# ---------------------------------------------------------------- extract (per document)


class Mention(Record):
    doc: str
    start: int
    end: int
    text: str


class PlaceRef(Record):
    """A gazetteer entry chosen for a mention, with the score parts that made it win."""

    id: str
    name: str
    lat: float
    lon: float
    country: str | None  # ISO 3166-1 alpha-2; None for a region across borders or a continent
    admin1: str | None = None
    geonameid: int | None = None
    kind: str
    population: int = 0
    admin2: str | None = None  # the district it lies in (or its own name, for a district)
    why: dict[str, float] = Field(default_factory=dict)


class PlaceMention(Record):
    mention: Mention
    place: PlaceRef
    relative: str | None = None  # "5 km NE of", "outskirts of", "countryside of", "near"
    geo_precision: int = 1  # ACLED: 1 exact town, 2 near/part of region, 3 province-level
    event_location: bool = True  # False for e.g. an institute's seat ("an institute in Washington")
    demonym: bool = False  # "Georgian", "Palestinians": the country named by its people's adjective or noun


class ActorMention(Record):
    actor: str  # actor id from data/actors.tsv
    mention: Mention


class TimeExpr(Record):
    """A date expression, parsed but not yet anchored: resolve/ turns it into a date once the anchor is known.

    kind: absolute (value=YYYY-MM-DD), month_day (value=MM-DD, year from anchor), weekday (value=0..6, Monday=0;
    a trailing "!" for "last Wednesday": strictly before the anchor's own weekday),
    offset_days (value=-1 for "yesterday"/"a day earlier"), recent (value=days back, a window), relative_week,
    phrase (value=the words; read by dateparser against the anchor: "two weeks ago", "the 27th of November").
    """

    mention: Mention
    kind: Literal["absolute", "month_day", "weekday", "offset_days", "recent", "relative_week", "phrase"]
    value: str
    direction: Literal["past", "future"] = "past"
    relative_to: Literal["document", "previous"] = "document"
    night: bool = False  # a weekday named as a fresh night's ("the night into Wednesday", "overnight into Tuesday")


class Quantity(Record):
    low: int | None
    best: int | None
    high: int | None
    unit: Unit
    approx: bool
    text: str
    start: int
    end: int
    subject: str | None = None  # the noun counted: people, civilians, fighters, soldiers, villages ...
    part_of: int | None = None  # index of the quantity (in the same claim) this one is a part of
    # a count of something other than the reported happening: a war's or a city's running toll, a year's
    # average, an incident years before ("the war, which has killed ...", "since 2000", "three years ago")
    background: bool = False

    @property
    def is_toll(self) -> bool:
        """A death toll of the happening the sentence reports (not a part of another count, not background)."""
        return self.unit == "killed" and self.part_of is None and not self.background


class DocClaim(Record):
    id: str
    doc: str
    start: int
    end: int
    text: str
    speaker: str | None
    speaker_actor: str | None
    via: tuple[str, ...]
    kind: ClaimKind
    stance: Stance
    quantities: tuple[Quantity, ...] = ()
    places: tuple[str, ...] = ()
    times: tuple[int, ...] = ()  # indexes into DocAnalysis.times
    denies: str | None = None  # id of the claim this one denies


class DocEvent(Record):
    id: str
    doc: str
    claim: str
    event_type: str
    sub_event_type: str
    trigger: Mention
    assoc_actor_1: tuple[str, ...] = ()  # actors the text says acted with actor1 ("backed by", "alongside")
    assoc_actor_2: tuple[str, ...] = ()  # ... and with actor2
    rule: str = "plain"  # the trigger's rule (data/event_triggers.tsv): side | plain | firm | weak, or "read"
    # (no trigger word: the classifier's reading of the sentence), "gated" or "crowd" (extract/events.py)
    actor1: str | None = None
    actor2: str | None = None
    place: str | None = None
    geo_precision: int = 1
    times: tuple[int, ...] = ()
    fatalities: Quantity | None = None
    crowd_country: str | None = None  # the nationality the text gives the acting crowd ("Ukrainian women marched")
    part: tuple[int, int] | None = None  # its happening's characters in a sentence that tells several; once its
    # claim is cut to them (extract/events.split_claims): the characters of the sentence it was cut from


class DocAnalysis(Record):
    """Everything extracted from one document. Stored per document so re-runs only analyse new ones."""

    doc: str
    stated_date: Published
    places: tuple[PlaceMention, ...] = ()
    actors: tuple[ActorMention, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    claims: tuple[DocClaim, ...] = ()
    events: tuple[DocEvent, ...] = ()
    framing: dict[str, dict[str, int]] = Field(default_factory=dict)


# ---------------------------------------------------------------- picture (across documents)


class Place(Record):
    id: str
    name: str  # as the coverage spells it most often (see resolve.picture.display_name)
    gazetteer_name: str  # the gazetteer's own name, e.g. with its transliteration marks
    why: dict[str, float] = Field(default_factory=dict)  # score parts that made this entry win (first mention)
    lat: float
    lon: float
    country: str | None  # None for a region across borders ("Middle East") or a continent
    admin1: str | None
    geonameid: int | None
    kind: str
    mentions: tuple[Mention, ...]
    admin2: str | None = None  # the district, county, cercle... it lies in


class Actor(Record):
    id: str
    name: str
    kind: str
    country: str | None = None  # ISO 3166-1 alpha-2 of a state's actor or a generic actor, else None
    inter: int | None = None
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...]


class Claim(Record):
    id: str
    doc: str
    start: int
    end: int
    text: str
    speaker: str | None
    speaker_actor: str | None
    via: tuple[str, ...]
    kind: ClaimKind
    stance: Stance
    quantities: tuple[Quantity, ...]
    places: tuple[str, ...]
    event: str | None
    denies: str | None = None


class EventDate(Record):
    start: str | None
    end: str | None
    precision: Precision


class Fatalities(Record):
    low: int | None
    best: int | None
    high: int | None
    acled: int


class Event(Record):
    id: str
    event_type: str
    sub_event_type: str
    date: EventDate
    place: str | None
    lat: float | None
    lon: float | None
    geo_precision: int
    actor1: str | None
    actor2: str | None
    assoc_actor_1: tuple[str, ...] = ()  # ACLED: actors acting with actor1 ("backed by", "alongside")
    assoc_actor_2: tuple[str, ...] = ()
    fatalities: Fatalities
    sources: tuple[str, ...]
    independent_sources: int
    status: Literal["confirmed", "single_source", "contested", "denied"]
    claims: tuple[str, ...]
    summary: str
    aliases: tuple[str, ...] = ()  # other ids that name this event: those of events merged into it (resolve.identity)
    wounded: Fatalities = Fatalities(low=None, best=None, high=None, acled=0)  # the wounded, counted as the killed
    # are (resolve.tolls)


class Contradiction(Record):
    id: str
    kind: Literal["number", "denial", "date", "control", "place"]
    about: str
    claims: tuple[str, ...]
    explanation: str


class TimelineEntry(Record):
    date: str
    precision: Precision
    event: str


class ControlBound(Record):
    """One end of a period of control: the first day it may have begun or ended, how precisely that is known, and
    the last day it may have (the end of the window a report leaves open; None when it is the same day)."""

    date: str | None  # None: the period began before anything the sources tell (a withdrawal with no capture)
    precision: Precision
    latest: str | None = None


ControlStatus = Literal["confirmed", "single_source", "contested", "denied"]


class ControlPeriod(Record):
    """Who held a place from when to when, per which events and claims (resolve.control)."""

    controller: str  # actor id
    from_: ControlBound = Field(alias="from")
    to: ControlBound | None  # None: still held as far as the sources tell
    status: ControlStatus
    events: tuple[str, ...]
    claims: tuple[str, ...]

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class PlaceControl(Record):
    place: str
    periods: tuple[ControlPeriod, ...]


class Picture(Record):
    schema_: str = Field(default="frontwatch.picture/1", alias="schema")
    documents: tuple[Document, ...]
    places: tuple[Place, ...]
    actors: tuple[Actor, ...]
    claims: tuple[Claim, ...]
    events: tuple[Event, ...]
    contradictions: tuple[Contradiction, ...]
    timeline: tuple[TimelineEntry, ...]
    control: tuple[PlaceControl, ...] = ()

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)
