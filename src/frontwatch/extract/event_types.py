"""Second opinion on rule events: the learned classifier (frontwatch.classify) reads each event's sentence.

What the classifier may do depends on the trigger's rule (data/event_triggers.tsv):
- ``plain`` (a word that usually names the kind, "shelled", "kidnapped"): the classifier can drop a proposal whose
  sentence it confidently calls none of the 25 sub-types ("a murder-suicide" is no suicide bombing), or relabel it
  when it is confident of another sub-type and gives the rule's almost nothing;
- ``weak`` (a word many kinds share, "killed", "attacked", "gathered"): the classifier's best sub-type wins when it
  is reasonably sure; it can drop the proposal like a plain one;
- ``firm`` (a protest, a riot): never dropped; a demonstration's sub-type follows the codebook's precedence unless
  the classifier is sure it is mob violence;
- ``side`` (territory, coded by who gains it), ``label`` (a note that says its kind, "Defusal: ...") and ``gated`` (an
  offer of support, suspended talks: a development by what it bears on): kept.

A report in which no trigger word fires can still be read: ``readings_without_trigger`` names the sub-type of the
one sentence the classifier is surest reports a happening ("held a press conference with banners" is a protest),
and the event stage places it like any other (rule ``read``).
"""

from __future__ import annotations

import re

from ..classify import (
    DEMONSTRATION_WORDS,
    EVENT_TYPES,
    NONE,
    PROTEST_PRECEDENCE,
    classifier,
    cue_patterns,
    protest_subtype,
)
from ..model import DocClaim, DocEvent
from ..nlp.text import paragraph_end

DROP_NONE_AT = 0.5  # classifier's "none" probability at or above which a plain or weak proposal is dropped
RELABEL_AT = 0.45  # classifier's best sub-type probability needed to relabel a plain proposal
RULE_FLOOR = 0.15  # ... and only when the rule's own sub-type gets less than this
WEAK_AT = 0.25  # classifier's best sub-type probability that names a weak trigger's sub-type
MOB_AT = 0.5  # classifier's mob-violence probability that turns a firm demonstration trigger into mob violence
MOB = "Mob violence"
PEACEFUL = "Peaceful protest"
VIOLENT_DEMONSTRATION = "Violent demonstration"
KEPT = {"side", "label", "read", "gated", "crowd"}  # territory coded by who gains it; a note's own label ("Weapons
# seizure: ..."); a sentence the classifier has already read (readings_without_trigger); an offer of support or
# suspended talks; a crowd's deed ("residents beat a thief": mob violence, by who did it)


KEEP_OVER = {("Attack", "Looting/property destruction")}  # the codebook's precedence: people killed or hurt make
# an attack, whatever was also looted or burnt ("killed a civilian; they also burnt a church")
CROWD_TEXT = re.compile(DEMONSTRATION_WORDS.pattern + r"|\b(?:crowds?|gatherings?|mourners|vigils?|rioters?|mobs?|"
                        r"sit-ins?|procession|residents|villagers|locals|youths?|supporters|students|workers|"
                        r"activists|petitioners)\b", re.IGNORECASE)  # people who gather
WEAPONS_TEXT = re.compile(r"\b(?:strikes?|air ?strikes?|shell\w*|missiles?|rockets?|drones?|bomb\w*|artillery|"
                          r"mortars?|warplanes?|jets?)\b", re.IGNORECASE)
AIR_TEXT = re.compile(r"\b(?:air|airstrikes?|aircraft|aerial|warplanes?|jets?|drones?|helicopters?|gunships?|planes?|"
                      r"UAVs?|bomb(?:ed|ing|ings|s)?|bombers?|fighter)\b", re.IGNORECASE)
AIR_STRIKE = "Air/drone strike"
PEACEFUL_TYPES = {"Strategic developments"}  # kinds with no violence: a reading of one never outweighs the dead


def _deadly(event: DocEvent) -> bool:
    """The event's own words count people killed in it."""
    toll = event.fatalities
    return toll is not None and max(toll.low or 0, toll.best or 0) > 0


READ_AT = 0.5  # classifier's best sub-type probability needed to read an event where no trigger word fired
MAX_READ_CLAIMS = 5  # the sentences of a trigger-less report that are read: its opening ones
FOLLOWING_CHARS = 300  # how far past its sentence an event's reading goes, within the paragraph


def reading(text: str, claim: DocClaim, cut_from: tuple[int, int] | None = None, next_told: int | None = None) -> str:
    """What the classifier reads for a claim's event: its sentence and what follows in the same paragraph, which
    often says how the happening went ("... held a demonstration. The group blocked the road and burned tyres").
    ``cut_from``: the sentence the claim was cut from when it tells several happenings; a claim that ends before
    it is read alone (what follows is another happening). ``next_told``: where the next sentence that tells a
    happening at another place starts (its words are that happening's: "In Kisumu, officers shot dead a rider";
    a sentence at the same place more often tells how this one went)."""
    if cut_from is not None and claim.end < cut_from[1]:
        return text[claim.start:claim.end].strip()
    end = min(claim.end + FOLLOWING_CHARS, paragraph_end(text, claim.end), next_told or len(text))
    start = claim.start
    if PRONOUN_OPENING.match(text, claim.start):  # "They were killed by gunmen.": whom "they" are is told before
        told = text.rfind(".", 0, claim.start)  # the end of the sentence before, in the same paragraph
        if told != -1 and "\n" not in text[told:claim.start]:
            start = max(text.rfind(". ", 0, told) + 2, text.rfind("\n", 0, told) + 1)
    return BACKGROUND.sub("", text[start:max(end, claim.end)]).strip()


BACKGROUND = re.compile(r",?\s(?:who|which|that)\s+had\s+(?!been\b)[a-z]+ed\b[^,;.]*")  # "arrested 23 workers who
# had blocked the road and torched a van the day before in protest at ...": what they did before is no part of
# this happening; the clause ends at a comma ("supporters of the captain, who had seized power, threw stones" keeps
# the stones). The parser's told-before clause (events._told_before) in the classifier's words.


def _weighed(events: list[DocEvent], claims: list[DocClaim], text: str) -> dict[str, str]:
    """{claim id: its reading} for the claims of the events the classifier weighs, in claim id order."""
    by_id = {c.id: c for c in claims}

    def next_told(event: DocEvent) -> int | None:  # the next sentence that opens on another place's happening
        end = by_id[event.claim].end
        return min((by_id[e.claim].start for e in events if by_id[e.claim].start >= end and e.place is not None
                    and event.place is not None and e.place != event.place
                    and ANOTHER_PLACE.match(by_id[e.claim].text)), default=None)

    texts = {e.claim: reading(text, by_id[e.claim], e.part, next_told(e)) for e in events if e.rule not in KEPT}
    return {claim: texts[claim] for claim in sorted(texts)}


def refined_readings(events: list[DocEvent], claims: list[DocClaim], text: str) -> list[str]:
    """The texts ``refine`` gives the classifier for these events (none when every event is kept as proposed)."""
    return list(_weighed(events, claims, text).values())


def refine(events: list[DocEvent], claims: list[DocClaim], text: str) -> list[DocEvent]:
    texts = _weighed(events, claims, text)
    if not texts:
        return events
    model = classifier()
    probabilities = dict(zip(texts, model.scores(list(texts.values())), strict=True))
    index = {label: i for i, label in enumerate(model.labels)}
    out = []
    for event in events:
        if event.rule in KEPT:
            out.append(event)
            continue
        p = probabilities[event.claim]
        text = texts[event.claim]
        best = max((label for label in model.labels if label != NONE), key=lambda label: (p[index[label]], label))
        label = event.sub_event_type
        if event.rule == "firm":
            label = MOB if p[index[MOB]] >= MOB_AT else protest_subtype(text)
        elif p[index[NONE]] >= DROP_NONE_AT and p[index[NONE]] > p[index[best]]:
            continue
        elif ((event.rule == "weak" and p[index[best]] >= WEAK_AT) or (
                p[index[best]] >= RELABEL_AT and p[index[label]] < RULE_FLOOR)) and not (
                best in TAKINGS and not _takeover_told(best, text)) and not (
                best == AGREEMENT and BROKEN_PACT.search(text)) and not (
                best == AIR_STRIKE and not AIR_TEXT.search(text)):  # "ADF rebels raided the village": a raid holds
            label = best  # no ground unless the words say it was taken; a truce breached was made before; no air
            # strike without an aircraft, a drone or a bomb in the words ("soldiers fired on fishermen")
        if (event.sub_event_type, label) in KEEP_OVER or (_deadly(event) and EVENT_TYPES[label] in PEACEFUL_TYPES
                                                          and EVENT_TYPES[event.sub_event_type] not in PEACEFUL_TYPES):
            label = event.sub_event_type  # "raided a refugee camp, killing two": people killed make no development
        if EVENT_TYPES[label] in {"Protests", "Riots"} and event.event_type == "Explosions/Remote violence" and \
                not event.trigger.text.lower().startswith("strik"):  # "striking workers" may well be a walk-out
            label = event.sub_event_type  # "a bomb blast at a political rally killed 54": a bomb, whoever it hit
        elif label in PROTEST_PRECEDENCE and label != event.sub_event_type and event.event_type != "Protests" and \
                WEAPONS_TEXT.search(text) and not CROWD_TEXT.search(text):
            label = event.sub_event_type  # weapons of war and no demonstration, crowd or mob in the words: no
            # protest ("strikes killed 11 people" is no walk-out)
        elif label in PROTEST_PRECEDENCE and label != event.sub_event_type:  # a demonstration: the codebook says which
            label = protest_subtype(text)
        elif label == PEACEFUL and protest_subtype(text) == VIOLENT_DEMONSTRATION:  # told by a word of any kind
            label = VIOLENT_DEMONSTRATION  # ("blocked the access by setting objects ablaze"): its crowd's violence
            # comes first in the codebook (the cues of an intervention are left to the demonstration words)
        if label != event.sub_event_type:
            event = event.model_copy(update={"sub_event_type": label, "event_type": EVENT_TYPES[label]})
        out.append(event)
    return out


PRONOUN_OPENING = re.compile(r"\s*(?:They|He|She|Their|His|Her)\b")  # a sentence whose people the one before names
AGREEMENT = "Agreement"
BROKEN_PACT = re.compile(r"\b(?:breach\w*|violat\w*|broke|broken|break(?:s|ing)?|despite|flout\w*)\s+(?:of\s+)?"
                         r"(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}?(?:truce|ceasefire|cease-fire|"
                         r"agreement|deal|accord)\b", re.IGNORECASE)
# "a breach of the truce", "violated the ceasefire": a pact made before, broken now
ANOTHER_PLACE = re.compile(r"\s*(?:(?:In|At|Near|Outside)\s+[A-Z]|Separately|Elsewhere)")  # "In Kisumu the same
# day, officers shot dead a rider": a sentence that opens on a place or on "Separately" tells another happening
TAKINGS = {"Non-state actor overtakes territory", "Government regains territory"}


def _takeover_told(label: str, text: str) -> bool:
    """The words name a taking of ground (the label's cue pattern, ``data/event_cues.tsv``)."""
    return any(pattern.search(text) for name, pattern in cue_patterns() if name == label)


def readings_without_trigger(claims: list[DocClaim], text: str) -> dict[str, str]:
    """For a report whose sentences fired no trigger: {claim id: sub-type} for the one opening sentence the classifier
    reads most surely as one of the 25 sub-types (at least READ_AT, and above its "none"), else {}."""
    opening = [c for c in claims if c.stance == "assert"][:MAX_READ_CLAIMS]
    if not opening:
        return {}
    model = classifier()
    index = {label: i for i, label in enumerate(model.labels)}
    texts = [reading(text, c) for c in opening]
    best: tuple[float, str, str, str] | None = None
    for claim, read, p in zip(opening, texts, model.scores(texts), strict=True):
        label = max((lab for lab in model.labels if lab != NONE), key=lambda lab: (p[index[lab]], lab))
        score = float(p[index[label]])
        if score >= READ_AT and score > p[index[NONE]] and (best is None or score > best[0]):
            best = (score, claim.id, label, read)
    if best is None:
        return {}
    _score, claim_id, label, read = best
    return {claim_id: protest_subtype(read) if label in PROTEST_PRECEDENCE else label}
