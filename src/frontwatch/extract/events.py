"""Events per document: a trigger word (data/event_triggers.tsv) + arguments from the dependency parse.

Rules, in order: a trigger in a clause about the future, a hypothesis or a fear is skipped ("will launch",
"could come", "fear that"); "dismiss" counts only with a person as object (a commander dismissed), not a claim
dismissed as propaganda; territory triggers are coded by the side of their subject (government side regains,
others overtake). One event per (claim, sub-event type, place), as ACLED codes one event per location. A sentence
that names no place takes the story's place when the story is about one place (``context_place``), else the place
the same paragraph last told of (``_still_there``), at precision 2 or coarser. The codebook's precedence among
sub-types: a fight that wins ground is the taking; a clash of people who are no armed force is mob violence (a
violent demonstration while they demonstrate); shooting at armed men is a clash, not violence against civilians; a
detainee who vanished was made to disappear.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Span, Token

from ..actor_dictionary import generic_categories, in_era
from ..classify import DEMONSTRATION_WORDS, EVENT_TYPES
from ..lexicons import read_tsv
from ..model import DocClaim, DocEvent, Mention, PlaceMention, TimeExpr
from ..nlp.text import doc_text, paragraph_end
from .actors import actor_table, generic_id, with_country
from .event_types import MOB, PEACEFUL
from .places import QUALIFIER, ROAD_END, dateline_end, haversine_km
from .quantities import OLD_YEARS, PERSON_NOUNS

HYPOTHETICAL = {"will", "would", "could", "may", "might", "should", "shall"}
HYPOTHESIS_HEADS = {"fear", "expect", "consider", "plan", "threaten", "prepare", "vow", "warn", "hope", "seek",
                    "aim", "try", "intend", "want", "if"}
PURPOSES = {"use", "design", "build", "equip"}
CLAIM_OBJECTS = {"claim", "claims", "report", "reports", "allegation", "allegations", "statement", "it", "them"}
MAX_PLACES_PER_TRIGGER = 20  # a long list of captured towns still becomes one event per town, within reason


@dataclass(frozen=True)
class Trigger:
    event_type: str
    sub_event_type: str
    rule: str
    pos: str


@cache
def triggers() -> dict[tuple[str, str], Trigger]:
    """(lemma, part of speech or "ANY") -> trigger."""
    return {
        (row["lemma"], row["pos"]): Trigger(row["event_type"], row["sub_event_type"], row["rule"], row["pos"])
        for row in read_tsv("event_triggers.tsv")
    }


NAMED_FEATURES = {"river", "lake", "square", "street", "road", "avenue", "bridge", "mountain", "mountains", "hill",
                  "valley", "bay", "island", "gate", "park", "memorial", "monument"}  # "the Massacre river"


def trigger_of(token: Token) -> Trigger | None:
    table = triggers()
    lemma = token.lemma_.lower()
    if token.pos_ == "PROPN" and token.dep_ == "compound" and token.head.lower_ in NAMED_FEATURES and \
            not token.is_sent_start:
        return None  # a name ("the Massacre river", "Revolution Square"), no happening
    if lemma == "take" and any((c.dep_ == "prt" and c.lower_ == "over") or
                               (c.dep_ == "dobj" and c.lemma_.lower() == "control") for c in token.children):
        lemma = "seize"  # "took over most of the city", "took control of the base"
    elif lemma == "open" and any(c.dep_ == "dobj" and c.lemma_.lower() == "fire" for c in token.children):
        lemma = "fire"  # "opened fire on the convoy"
    elif lemma == "set" and any(c.lower_ in {"ablaze", "alight"} or (c.dep_ == "dobj" and c.lemma_.lower() == "fire")
                                for c in token.children):
        lemma = "burn"  # "set fire to a police station", "set the church ablaze"
    elif lemma == "out" and token.i > 1 and token.nbor(-1).text in {"-", "‐"} and token.nbor(-2).lower_ == "shoot":
        return table.get(("shootout", "NOUN"))  # "a shoot-out between police and gunmen"
    elif lemma == "take" and any(c.dep_ == "dobj" and c.lemma_.lower() == "part" for c in token.children):
        lemma = "participate"  # "took part in a march"
    elif lemma == "take" and any(c.dep_ in {"prt", "advmod"} and c.lower_ == "away" for c in token.children) \
            and _takes_someone(token):
        return Trigger("Violence against civilians", "Abduction/forced disappearance", "weak", "VERB")  # "took
        # away the head of the rescue service"
    return table.get((lemma, token.pos_)) or table.get((lemma, "ANY"))


def _event_id(doc_id: str, claim_id: str, sub_type: str, place: str | None) -> str:
    return "dev-" + hashlib.sha256(f"{doc_id}|{claim_id}|{sub_type}|{place}".encode()).hexdigest()[:12]


def _told_before(verb: Token | None) -> bool:
    """A relative clause in the past perfect, or a verb joined to one ("villagers they had abducted", "workers who
    had blocked the road and torched a van"): a happening told as background."""
    while verb is not None and verb.dep_ == "conj" and verb.head.pos_ == "VERB":
        verb = verb.head
    return verb is not None and verb.pos_ == "VERB" and verb.dep_ == "relcl" and any(
        c.lower_ == "had" and c.dep_ == "aux" for c in verb.children) and not any(
        c.lower_ == "been" for c in verb.children)  # "farmers who had been blocking the gate": still at it


def _governing_verb(token: Token) -> Token | None:
    """The verb a noun hangs from through prepositions ("in protest at the arrest" under "torched")."""
    for t in token.ancestors:
        if t.pos_ == "VERB":
            return t
        if t.dep_ not in {"pobj", "prep"} and t.pos_ not in {"ADP", "NOUN", "PROPN"}:
            return None
    return None


def _hypothetical(token: Token) -> bool:
    for t in [token, *token.ancestors]:
        if t.i > token.i and any(w.text == ";" for w in token.doc[token.i:t.i]):
            break  # "thousands marched to the embassy; some tried to force the gate": the parser hung the first
            # clause off a verb of the next, which says nothing of it
        if any(c.lower_ in HYPOTHETICAL and c.dep_ == "aux" for c in t.children):
            return True
        if t.lemma_.lower() in HYPOTHESIS_HEADS and t is not token:
            return True
        if t.i == token.head.i and token.dep_ == "xcomp" and t.lemma_.lower() in PURPOSES and t.dep_ == "acl" and \
                t.tag_ == "VBN":  # "radar sites used to target shipping": what a thing is for, no happening
            return True
        if any(c.dep_ == "mark" and c.lower_ == "if" for c in t.children):
            return True
        if any(c.dep_ == "neg" for c in t.children) and t is token:
            return True
        if t is token and any(_none_of(w) for w in (t, *(c for c in t.children if c.dep_ in NONE_ROLES))):
            return True  # "No shots were fired", "fired no shots", "no attack was reported"
    return False


NONE_ROLES = {"nsubj", "nsubjpass", "dobj"}


def _none_of(word: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ == "no" for c in word.children)


NOT_EVENT_ACTORS = {"media", "monitor", "think_tank", "ngo"}


def _armed(actor: str | None) -> bool:
    """An actor that can fight, take ground or strike (not a reporter, a monitor or a crowd of civilians)."""
    info = actor_table().get(actor or "")
    return info is not None and info.kind not in NOT_EVENT_ACTORS and info.inter is not None and \
        info.inter in ARMED_INTER


ARMED_INTER = {1, 2, 3, 4, 8}  # ACLED inter codes of state forces, rebels, militias and external forces


ARRESTS = "Arrests"
LOOTING = "Looting/property destruction"
INTERCEPTIONS = {"down", "intercept", "jam"}  # "downed 28 drones", "intercepted a missile": no strike landed
FOUND_VERBS = {"find", "discover", "recover", "uncover", "locate", "detect", "seize", "confiscate", "remove", "clear"}


def _made_safe(verb: Token) -> bool:
    """"found and safely detonated three IEDs", "a controlled detonation": a bomb disposed of, not set off."""
    return verb.lemma_.lower() in {"detonate", "explode", "destroy", "defuse", "dismantle", "disarm", "deactivate"} \
        and (any(c.lower_ in {"safely", "controlled"} for c in verb.children) or (
            verb.dep_ == "conj" and verb.head.lemma_.lower() in FOUND_VERBS))


ABDUCTION = "Abduction/forced disappearance"
DISAPPEARED = re.compile(r"\b(?:whereabouts\s+(?:\w+\s+){0,3}(?:unknown|not known|unclear)|incommunicado|"
                         r"(?:forcibly|forcefully|enforced(?:ly)?)\s+disappear\w*)", re.IGNORECASE)


def _disappeared(doc: Doc, claim: DocClaim) -> bool:
    """The detained were made to disappear, as the sentence or the rest of its paragraph says ("His whereabouts
    remained unknown", "held incommunicado"): the codebook's forced disappearance, whoever detained them."""
    text = doc_text(doc)
    return DISAPPEARED.search(text[claim.start : paragraph_end(text, claim.end)]) is not None


def _non_state(actor: str | None) -> bool:
    """An armed group, militia or gang: not a state's forces (a state's police and army arrest, others abduct)."""
    info = actor_table().get(actor or "")
    return info is not None and not info.state and info.inter in ARMED_INTER


def _named_group(actor: str | None) -> bool:
    """A non-state armed group the text names (a militia, a party's armed wing, a rebel group), not a generic one."""
    info = actor_table().get(actor or "")
    return _non_state(actor) and info is not None and info.generic is None


def territory_subtype(actor1: str | None, country: str | None, default: str) -> str:
    """ACLED's codebook: a state's own forces retaking ground in their country -> Government regains territory;
    a non-state actor, or a foreign state's forces, taking ground -> Non-state actor overtakes territory."""
    info = actor_table().get(actor1 or "")
    if info is None:
        return default
    own = info.state and info.country is not None and info.country == (country or info.country)  # no place
    # known: a state's forces take ground at home far more often than abroad ("Sudanese troops regained X")
    return "Government regains territory" if own else "Non-state actor overtakes territory"


def _actor_in(tokens: list[Token], actor_index: dict[int, str]) -> str | None:
    """The first actor among the words, but a named group the text gives for unnamed fighters or a people's militia
    ("militants (suspected TTP)", "gunmen of the Arakan Army", "Dogon militia (Dan Na Ambassagou)") rather than the
    unnamed."""
    for t in tokens:
        if t.i in actor_index and actor_table()[actor_index[t.i]].kind not in NOT_EVENT_ACTORS:
            found = actor_index[t.i]
            info = actor_table()[found]
            if info.generic == UNKNOWN_CATEGORY or (info.generic and info.kind == "identity_militia"):
                phrase = t
                while phrase.dep_ in {"compound", "amod"} and phrase.head is not phrase:
                    phrase = phrase.head  # "Dogon militia (Dan Na Ambassagou)": the whole phrase of "Dogon"
                named = next((actor_index[x.i] for x in phrase.subtree if x.i in actor_index
                              and actor_table()[actor_index[x.i]].generic is None
                              and actor_table()[actor_index[x.i]].kind not in NOT_EVENT_ACTORS), None)
                return named or found
            return found
    return None


BLOCKADES = {"block", "blockade", "barricade"}
MODIFIERS = {"compound", "amod", "nmod", "poss"}  # "a Hezbollah anti-tank missile attack": whose attack
RECIPROCAL = {"clash", "fight", "battle", "skirmish", "exchange", "trade"}  # co-ordinated subjects: the two sides
INSTRUMENT_PREPS = {"with", "via", "using", "through"}  # "attacked X with a bomb": the weapon's user did it
INHERIT_DEPS = {"advcl", "xcomp", "acl", "dobj", "pobj", "prep", "conj", "pcomp"}  # how a subjectless verb hangs


JUDGING = {"condemn", "denounce", "deplore", "decry", "criticise", "criticize", "mourn", "investigate", "deny",
           "report", "confirm", "describe", "blame", "welcome", "praise", "hail"}  # told of a happening by another


@cache
def _kin_militias() -> dict[str, str]:
    """Ethnic or clan word -> its identity militia category ("fulani" -> ethfulani), from the generic actors'
    "<word> militia" forms."""
    return {form.removesuffix(" militia"): category.category for category in generic_categories().values()
            if category.kind == "identity_militia" for form in category.forms
            if form.endswith(" militia") and " " not in form.removesuffix(" militia")}


def _armed_kin(words: list[Token], civilians: str | None) -> str | None:
    """Herders or villagers of a named people who attack are that people's militia, as ACLED codes them (victims
    of the same words stay civilians)."""
    kin = next((_kin_militias()[w.lower_] for w in words if w.lower_ in _kin_militias()), None)
    return generic_id(kin, actor_table()[civilians or ""].country) if kin else None


def _governing_subject(verb: Token) -> list[Token]:
    """The subject a verb with none of its own shares with the clause it hangs from ("Russian forces continued
    their efforts to take X, clashing with Ukrainian forces": Russian forces clash): the nearest verb above it,
    through participles, infinitives and their objects, that has one. Never across reported speech (ccomp) or a
    relative clause."""
    node = verb
    while node.dep_ in INHERIT_DEPS and node.head is not node:
        node = node.head
        subjects = [c for c in node.children if c.dep_ in {"nsubj", "agent"}]
        if node.pos_ in {"VERB", "AUX"} and subjects:
            return [t for c in subjects for t in c.subtree]
    return []


def _arguments(token: Token, actor_index: dict[int, str]) -> tuple[str | None, str | None]:
    subj: list[Token] = []
    obj: list[Token] = []
    head = token
    while head.pos_ != "VERB" and head.dep_ in {"compound", "amod", "nmod"} and head.head is not head:
        head = head.head  # "fired rocket shells": the rocket is the shells', the shells are what was fired
    verb = token if token.pos_ == "VERB" else head.head
    if verb.pos_ == "ADP" and verb.lower_ in INSTRUMENT_PREPS and verb.head.pos_ == "VERB":
        verb = verb.head  # "targeted the convoy with a bomb attack": the attack is the targeting's
    own = {t.i for t in token.subtree} if token.pos_ == "NOUN" else set()  # a noun trigger's words are its own
    # a verb shares its co-ordinated verbs' agents ("were shot and killed by gunmen") and, when it has no subject
    # of its own, the subject of the verb it is co-ordinated with ("gunmen stormed the village and killed five")
    verbs = [verb, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB")]
    if verb.dep_ == "conj" and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        verbs.append(verb.head)
    if verb.lemma_.lower() == "fall":  # "Goma fell to M23 rebels": the rebels took it
        subj.extend(t for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" for t in c.subtree)
        verbs = []
    if token.pos_ == "NOUN" and verb is not token and verb.lemma_.lower() in JUDGING:  # "the governor condemned
        verbs = []  # Tuesday's raid": who speaks of a happening did not do it
    for v in verbs:
        for child in v.children:
            if (child.dep_ == "agent" or (child.dep_ == "nsubj" and v.i in {verb.i, verb.head.i})) and \
                    child.i not in own:  # not the subject of a clause of its own ("..., and the RSF shelled X")
                subj.extend(child.subtree)
            elif v is verb and (child.dep_ in {"dobj", "nsubjpass"} or
                                (child.dep_ == "prep" and child.lower_ in TARGET_PREPS)):
                obj.extend(t for t in child.subtree if t.i not in own)
            if child.dep_ == "prep" and child.lower_ in {"in", "during"}:  # "were killed in an attack by gunmen"
                subj.extend(t for n in child.children if n.dep_ == "pobj" for c in n.children
                            if c.dep_ == "prep" and c.lower_ == "by" for t in c.subtree)
    if token.pos_ == "NOUN":
        subj.extend(t for c in token.children if c.dep_ in {"amod", "compound", "poss", "nmod"} for t in c.subtree)
        subj.extend(t for c in token.children if c.dep_ == "prep" and c.lower_ in {"by", "from"} for t in c.subtree)
        subj.extend(t for c in token.children if c.dep_ == "acl" for g in c.children if g.dep_ == "agent"
                    for t in g.subtree)  # "a landmine planted by the Houthis"
        obj.extend(t for c in token.children if c.dep_ == "prep" and c.lower_ in {"on", "against"} for t in c.subtree)
    if not any(t.dep_ in {"nsubj", "agent"} for v in verbs for t in v.children):
        subj.extend(_governing_subject(verb))
        if verb.dep_ == "conj" and verb.head.pos_ == "NOUN":  # a verb joined to a noun: a misread sentence
            subj.extend(t for c in verb.head.lefts for t in c.subtree)  # "a Houthi sniper shot and killed"
    if token.pos_ == "NOUN":  # "a VDP post came under attack by JNIM", "a KDF truck struck an IED planted by Al
        # Shabaab": the happening's own doer comes before the sentence's subject, which is then its target
        holders = [token, token.head.head] if token.dep_ == "pobj" and token.head.lower_ == "under" else [token]
        doer = [t for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "by" for t in c.subtree] \
            + [t for c in token.children if c.dep_ == "acl" for g in c.children if g.dep_ == "agent"
               for t in g.subtree]  # ("came under attack by JNIM": the parse hangs "by" off "came")
        if _actor_in(doer, actor_index) is not None:
            obj = [t for v in verbs for c in v.children if c.dep_ == "nsubj" and c.i not in own
                   for t in c.subtree] + obj
            subj = doer + subj
    between = _between(token, verb, actor_index)
    if between is not None:  # "fighting between the army and M23 rebels": the two sides, in the order written
        return between
    actor1 = _actor_in(subj, actor_index)
    if _civilians(actor1) and token.lemma_.lower() in RAIDING | {"attack", "raid", "storm"}:
        actor1 = _armed_kin(subj, actor1) or actor1  # "Fulani herders attacked Yelwata, killing seven"
    if actor1 is None and token.i in actor_index:  # the trigger names who acted: "a mob burned ...", "a bomber ..."
        actor1 = actor_index[token.i]
    if actor1 is None and token.dep_ == "compound":  # "a Houthi sniper shot" read as a shot of a sniper and a
        actor1 = _actor_in([t for c in token.head.lefts if c.i < token.i and c.dep_ in MODIFIERS
                            for t in c.subtree], actor_index)  # Houthi's: the words before the trigger say whose
    if actor1 is None and (token.pos_ == "NOUN" or (token.tag_ == "VBG" and token.dep_ in NOUN_ROLES)):  # "an
        actor1 = next((forces for c in token.children if (c.dep_ == "amod" or (
            c.dep_ == "compound" and c.pos_ == "PROPN")) and (forces := _forces_of(c.text))), None)  # Israeli
        # bombing", "Russian airstrikes", "Ukrainian shelling of X killed" (a gerund read as a verb): that state's
    if actor1 is None:  # forces. "Russian and Syrian jets bombed ...", "strikes from Syrian and Russian jets"
        actor1 = _armed_demonym(subj)
    if actor1 is None and verb.dep_ in {"relcl", "acl"}:
        actor1 = _actor_in(list(verb.head.subtree), actor_index)
    actor2 = _actor_in([t for t in obj if actor_index.get(t.i) != actor1], actor_index)
    if actor2 is None and actor1 is not None and RECIPROCAL & {token.lemma_.lower(), verb.lemma_.lower()}:
        actor2 = _actor_in([t for t in subj if actor_index.get(t.i) not in {None, actor1}],  # "the army and ELN
                           actor_index)  # guerrillas clashed", "M23 and the army traded artillery fire"
    if actor1 is None and token.pos_ == "NOUN":  # "a soldier was wounded in an encounter with NPA rebels": the side
        side = _actor_in([t for c in token.children if c.dep_ == "prep" and c.lower_ == "with"  # named after
                          for t in c.subtree], actor_index)  # "with", and the one the sentence is about
        if side is not None:
            return side, actor2 or _sufferer(token, actor_index, side)
    if actor1 is not None and actor2 is None and token.pos_ == "NOUN":  # "two soldiers were killed in a Hezbollah
        actor2 = _sufferer(head, actor_index, actor1)  # missile attack": the killed are the other side
    return actor1, actor2


def _sufferer(token: Token, actor_index: dict[int, str], other: str) -> str | None:
    """Who the sentence says was hurt in the happening a noun names ("two soldiers were killed in a clash"): the
    passive subject of the verb the noun's phrase hangs from."""
    prep = token.head
    if token.dep_ != "pobj" or prep.lower_ not in {"in", "during"} or prep.head.pos_ != "VERB":
        return None
    hurt = [t for c in prep.head.children if c.dep_ == "nsubjpass" for t in c.subtree]
    return _actor_in([t for t in hurt if actor_index.get(t.i) != other], actor_index)


CROWD_ARMED = {"police", "policeman", "force", "troop", "army", "soldier", "military", "officer", "guard", "agent",
               "gendarme", "militia"}  # a subject that acts on the crowd, not one that forms it


def crowd_country(token: Token) -> str | None:
    """The nationality the text gives a demonstration's crowd ("Ukrainian women marched in Bratislava", "Italian
    activists gathered in Aix", "a Palestinian protest", "Armenian Canadians held a rally": Canada): ACLED names
    the crowd by it, wherever they march. None when the crowd has no country demonym of its own."""
    from .. import gazetteer

    gaz = gazetteer.load()

    def nationality(word: Token) -> str | None:
        own = gaz.demonym(word.text)  # "Palestinians", "Canadians": the head names the people
        if own is not None:
            return own.country if own.kind == "country" else None
        for c in word.children:
            if c.dep_ in {"amod", "compound", "nmod"} and c.i < word.i:
                entry = gaz.demonym(c.text)
                if entry is not None and entry.kind == "country":
                    return entry.country
        return None

    if token.pos_ == "NOUN" and (found := nationality(token)) is not None:
        return found  # "a Palestinian anti-eviction protest"
    head = token
    while head.pos_ != "VERB" and head.head is not head and head.dep_ not in {"nsubj", "nsubjpass", "ROOT"}:
        head = head.head
    verb = head if head.pos_ == "VERB" else head.head
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not subjects and verb.dep_ in {"advcl", "xcomp", "conj"}:  # "gathered ..., protesting against ..."
        subjects = [c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
    subjects += [t for s in subjects for p in s.children if p.dep_ == "prep" and p.lower_ == "of"
                 for t in p.children if t.dep_ == "pobj"]  # "a group of Israeli settlers"
    for subject in subjects:
        if subject.lemma_.lower() in CROWD_ARMED:
            return None  # "Israeli police suppressed a protest": the police are no part of the crowd
        if (found := nationality(subject)) is not None:
            return found
    return None


def _between(token: Token, verb: Token, actor_index: dict[int, str]) -> tuple[str, str | None] | None:
    """The two sides of "clashes between X and Y", on the trigger or the verb it goes with, when X is an actor."""
    for head in (token, verb):
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "between":
                sides = [t for o in prep.children if o.dep_ == "pobj" for t in [o, *o.conjuncts]]
                named = [a for side in sides if (a := _actor_in(list(side.subtree), actor_index))]
                if named and all(a == named[0] for a in named):  # one side parsed: "between the army and ELN
                    # guerrillas" (both under "guerrillas"), "between M23 rebels and Congolese troops broke out"
                    # (the troops taken for the verb's subject): the actors written from "between" to the verb
                    end = verb.i if verb.i > prep.i else prep.sent.end
                    named += [a for t in prep.doc[prep.i + 1 : end] if (a := _actor_in([t], actor_index))]
                if named:
                    return named[0], next((a for a in named[1:] if a != named[0]), None)
    return None


ASSOCIATE_AFTER = {("backed", "by"), ("supported", "by"), ("assisted", "by"), ("aided", "by"), ("joined", "by"),
                   ("accompanied", "by"), ("support", "from"), ("support", "of"), ("coordination", "with"),
                   ("together", "with")}  # "X, backed by Y", "with the support of Y", "in coordination with Y"
ASSOCIATE_WORDS = {"alongside"}  # "X fought alongside Y"


def _associates(token: Token, actor1: str | None, actor2: str | None,
                actor_index: dict[int, str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Actors the sentence says acted with actor1 or actor2 (ACLED's associated actors): those named after "backed
    by", "alongside", "with the support of" ...; with the side whose phrase the words hang from (the object's, else
    the subject's)."""
    sent = token.sent
    first: list[str] = []
    second: list[str] = []
    obj_side = {t.i for c in token.children if c.dep_ in {"dobj", "pobj", "prep"} for t in c.subtree}
    for t in sent:
        cue = t.lower_ in ASSOCIATE_WORDS or (t.i > sent.start and (t.nbor(-1).lower_, t.lower_) in ASSOCIATE_AFTER)
        if not cue:
            continue
        named = [actor_index[x.i] for x in t.subtree if x.i in actor_index and x.i > t.i]
        for actor in dict.fromkeys(named):
            if actor in {actor1, actor2} or actor_table().get(actor) is None or \
                    actor_table()[actor].kind in NOT_EVENT_ACTORS:
                continue
            (second if t.i in obj_side and actor2 is not None else first).append(actor)
    return tuple(dict.fromkeys(first)), tuple(dict.fromkeys(second))


TARGET_PREPS = {"from", "against", "on", "with"}  # "retook X from the rebels", "an attack on the base", "clashed with"
ARMED_NOUNS = {"jet", "warplane", "aircraft", "plane", "helicopter", "drone", "force", "troop", "army", "soldier",
               "artillery", "navy", "gunboat", "warship", "tank", "militia", "military", "air force", "mine",
               "landmine", "missile", "rocket", "shell", "shelling", "bomb", "mortar", "airstrike", "strike",
               "bombardment", "sniper", "assault", "attack", "offensive", "raid", "incursion"}  # ... and their
# weapons and onslaughts: "killed by a Russian mine", "repelled six Russian assaults"


def _armed_demonym(tokens: list[Token]) -> str | None:
    """The forces a demonym names when it qualifies armed men or machines ("Russian and Syrian warplanes": the
    first named, Russia's), never a reporter ("the Syrian Observatory")."""
    for t in tokens:
        if t.lemma_.lower() in ARMED_NOUNS and t.pos_ == "NOUN":
            for c in sorted((c for c in t.subtree if c.dep_ in {"amod", "compound", "conj"} and c.i < t.i),
                            key=lambda c: c.i):
                forces = _forces_of(c.text)
                if forces is not None:
                    return forces
    return None


OWN_PREDICATES = {"conj", "advcl", "parataxis", "relcl"}
NOUN_ROLES = {"nsubj", "csubj", "nsubjpass", "dobj", "pobj", "appos"}  # where a gerund names a happening
_AREA_BEFORE = re.compile(r"\b(?:central|northern|southern|eastern|western|north-?eastern|north-?western|"
                          r"south-?eastern|south-?western|rural|greater)\s+$", re.I)
AREA_KINDS = {"admin1", "admin2", "county"}  # not "region": a plain or valley is a place fought over
FINE_KINDS = {"village", "town", "airport", "base", "site", "district", "neighbourhood"}


def _finest(doc: Doc, places: list[PlaceMention]) -> list[PlaceMention]:
    """Drop the area that frames a list of smaller places ("retook villages in central Hama, including Karnaz and
    Tal Melh": the events are at the villages): a province, or a city named as a region ("central Hama"), when
    the same trigger also names a village or town."""
    places = [p for p in places if not (p.place.kind in AREA_KINDS and any(_inside(q, p) for q in places))]
    text = doc_text(doc)
    places = [p for p in places if not any(  # "the Abu Shouk camp in El Fasher": El Fasher only says where the
        q is not p and (IN_CONTAINER.fullmatch(text[q.mention.end : p.mention.start]) is not None or  # camp is;
                        (text[p.mention.end : q.mention.start] in {"'s ", "’s "}  # "Sagaing's Kale township":
                         # Sagaing only says where Kale
                         and UNIT_AFTER.match(text, q.mention.end) is not None)  # is (not "Chicago's South Side")
                        or DESCRIBED_BY.fullmatch(text[q.mention.end : p.mention.start]) is not None  # "Arbinda,
                        # about 80 km east of Djibo": Djibo only says where Arbinda lies
                        or (COMMA_IN.fullmatch(text[q.mention.end : p.mention.start]) is not None
                            and UNIT_AFTER.match(text, p.mention.end) is not None))  # "Rubaya, in North Kivu's
        for q in places)]  # Masisi territory"
    if not any(p.place.kind in FINE_KINDS for p in places):
        return places
    return [p for p in places if not (p.place.kind in AREA_KINDS or (
        p.place.kind == "city" and _AREA_BEFORE.search(doc_text(doc)[max(0, p.mention.start - 20) : p.mention.start])))]


REGION_AFTER = re.compile(r"\s+(?:countryside|province|governorate|district|region|state|county)\b", re.I)
IN_CONTAINER = re.compile(r"(?:\s+(?:complex|camp|district|neighbou?rhood|area|quarter|favela|township|suburb|"
                          r"market|village|town|sector|zone|countryside|section|compound|settlement)){0,2}\s+in\s+")
# "the Mare favela complex in Rio", "Hole Camp in Al Hasakeh": the second says where the first is (not "a Gary man
# shot in Gary": words that tell what happened)
_DIRECTION = r"(?:(?:north|south)(?:-?(?:east|west))?|east|west|central)(?:ern)?"
_EDGE = r"on\s+the\s+(?:[\w-]+\s+)?(?:outskirts|edges?|fringes?)\s+of"
_ACROSS = r"across\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:river|border|bay|lake|strait|frontier)\s+from"
_NEAR = r"(?:" + _DIRECTION + r"\s+of|" + _EDGE + r"|near|outside|close\s+to|" + _ACROSS + r"|(?:" + _DIRECTION + \
    r"\s+)?(?:neighbou?rhood|suburb|district|quarter|part|zone|borough|section|township|area)\s+of)"
DESCRIBED_BY = re.compile(  # what lies between a place and another that only tells where the first lies
    r"(?:-[\w'’-]+)?(?:\s+[a-z]+){0,2}\s*(?:,\s*(?:in\s+)?(?:(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?)?"  # "X, a town "
    r"(?:(?:about|some|around|roughly|nearly|just|approximately|only)\s+)?(?:[\d.,]+\s*(?:km|kilometres|kilometers|"
    r"miles|mi)\s+)?" + _NEAR + r"|\s+(?:near|" + _EDGE + r"))\s+(?:the\s+(?:city|town)\s+of\s+)?", re.IGNORECASE)
# "Arbinda, about 80 km east of Djibo", "Carrefour-Feuilles, a neighbourhood of Port-au-Prince", "the Mare favela
# complex, north zone of Rio", "Sakiet Eddaier on the northern edge of Sfax"
COMMA_IN = re.compile(r"\s*,\s+in\s+(?:the\s+)?(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}(?:'s|’s)\s+)?")
UNIT_AFTER = re.compile(r"\s+(?:township|district|county|municipality|commune|village|town|province|prefecture|area|"
                        r"territory|woreda|tehsil|upazila|local government area|LGA)\b",
                        re.IGNORECASE)


def _inside(place: PlaceMention, area: PlaceMention) -> bool:
    """The place lies in the province or district ("protested in Aktau city of Mangystau region": Aktau)."""
    inner, outer = place.place, area.place
    if inner.id == outer.id or inner.country != outer.country:
        return False
    if inner.kind in AREA_KINDS:  # a district in its province
        return inner.kind == "admin2" and outer.kind == "admin1" and inner.admin1 == outer.admin1
    return (outer.kind == "admin2" and inner.admin2 == outer.name) or \
        (outer.kind != "admin2" and outer.admin1 is not None and inner.admin1 == outer.admin1)


def _scope(token: Token) -> set[int]:
    """The words a trigger's arguments can come from: its subtree without other predicates hanging off it ("has
    regained villages in Hama and is advancing towards Al-Safira": Al-Safira is not regained)."""
    pruned = {t.i for c in token.children if c.dep_ in OWN_PREDICATES and c.pos_ in {"VERB", "AUX"}
              and trigger_of(c) is None for t in c.subtree}  # "shot and killed in X": one happening
    recalled = {t.i for c in token.subtree if c.dep_ == "relcl" and c.i != token.i and _long_before(c)
                for t in c.subtree}  # "in Iraq, where the group seized Mosul in 2014, a bomb hit ...": not Mosul
    return {t.i for t in token.subtree} - pruned - recalled


CROWD_TYPES = {"Protests", "Riots"}
CROWD_NOUNS = {"march", "rally", "protest", "demonstration", "sit-in", "vigil", "strike", "walkout", "boycott"}
CAUSE_PREPS = {"against", "over", "about", "regarding", "concerning"}
CAUSE_VERBS = {"demand", "denounce", "condemn", "protest", "oppose", "mark", "commemorate", "support", "express",
               "call", "urge", "reject", "decry", "criticize", "criticise", "show"}


def _causes(token: Token) -> set[int]:
    """The words of what a crowd protests about: the objects of against/over/about, of "in support of", and of
    the purpose clause ("to denounce the invasion of Ukraine") under the protest word or its verb."""
    heads = [token, token.head] if token.dep_ != "ROOT" else [token]
    if token.dep_ == "pobj" and token.head.dep_ == "prep":
        heads.append(token.head.head)
    heads += [t for t in token.subtree if t not in heads and (t.lemma_.lower() in CROWD_NOUNS or (
        (found := trigger_of(t)) is not None and found.event_type in CROWD_TYPES))]  # "in a march against X"
    out: set[int] = set()
    for head in heads:
        for child in head.children:
            if (child.dep_ == "prep" and child.lower_ in CAUSE_PREPS) or (
                    child.dep_ in {"xcomp", "advcl", "acl"} and (child.lemma_.lower() in CAUSE_VERBS or any(
                        c.dep_ == "aux" and c.lower_ == "to" for c in child.children))) or (
                    child.dep_ == "prep" and any(g.dep_ == "pobj" and g.lemma_.lower() in BACKED
                                                 for g in child.children)):
                out |= {t.i for t in child.subtree}
    return out


def _origins(token: Token) -> set[int]:
    """The words that say where the doers come from ("supporters from Butig", "residents of Aktobe", "gunmen from
    Zamfara"): the from/of phrases inside the active subject, unless the subject is a place ("the town of X")."""
    out: set[int] = set()
    for subject in (c for c in token.children if c.dep_ == "nsubj" and c.lemma_.lower() not in PLACE_NOUNS):
        for t in subject.subtree:
            if t.dep_ == "prep" and t.lower_ in {"from", "of"}:
                out |= {w.i for w in t.subtree}
    return out


def _forces_of(word: str) -> str | None:
    """The forces of the country a demonym names ("Israeli" -> Military Forces of Israel)."""
    from .. import gazetteer

    gaz = gazetteer.load()
    entry = gaz.demonym(word)  # "an Israeli bombing"
    if entry is None and word[:1].isupper():
        entry = next((e for e in gaz.lookup(word) if e.kind == "country"), None)  # "a US drone strike"
    return generic_id("military", entry.country) if entry is not None and entry.kind == "country" else None


PLACE_NOUNS = {"village", "town", "city", "area", "district", "neighbourhood", "neighborhood", "suburb"}


def _in_description(doc: Doc, place: PlaceMention, trigger: Token, place_roots: set[int | None]) -> bool:
    """A place named inside a clause or an apposition that describes another place of the trigger's phrase ("troops
    recaptured Tell Rifaat, which sits on the main road to Aleppo": the event is at Tell Rifaat, not Aleppo)."""
    i = _root_index(doc, place)
    if i is None:
        return False
    for ancestor in doc[i].ancestors:
        if ancestor == trigger:
            return False
        described = ancestor.head
        if ancestor.dep_ in {"relcl", "acl"} and ancestor.pos_ in {"VERB", "AUX"} and (
                described.i in place_roots or described.lemma_.lower() in PLACE_NOUNS):
            return True
        if ancestor.dep_ == "appos" and described.i in place_roots and described.i != i:
            return True  # "captured Sake, a town 25 km from Goma": the place that locates another is not the event's
    return False


def _names_a_people(doc: Doc, place: PlaceMention, actor_index: dict[int, str]) -> bool:
    """The name is a people's inside an identity militia's ("Amhara militias attacked herders in Fentale"): where
    they come from, not where they struck."""
    i = _root_index(doc, place)
    info = actor_table().get(actor_index.get(i, "")) if i is not None else None
    return info is not None and info.kind == IDENTITY_MILITIA


IDENTITY_MILITIA = "identity_militia"
OFFICE_HOLDERS = {"mp", "mayor", "governor", "lawmaker", "legislator", "senator", "deputy", "congressman",
                  "congresswoman", "councillor", "councilor", "assemblyman", "representative", "chief", "prefect"}
OFFICE_PLACES = {"office", "offices", "house", "residence", "home", "building", "headquarters", "compound", "palace"}
AREA_LINKS = {"district", "county", "province", "state", "constituency", "municipality", "region"}


def _office_holder(doc: Doc, place: PlaceMention) -> bool:
    """The place names a person's office, not where anything happened: "bodyguards of the Polonnaruwa district MP
    fired at protesters in X", "gunmen fired on the mayors of A and B near C". Not the office's building ("outside
    the Kherson governor's office")."""
    i = _root_index(doc, place)
    if i is None:
        return False
    token = doc[i]
    while token.dep_ == "conj" and token.head.pos_ == "PROPN":
        token = token.head  # "the mayors of Ambohimandresy and Analalava"
    holder = None
    if token.dep_ in {"compound", "nmod", "amod"}:
        holder = token.head
        if holder.lower_ in AREA_LINKS and holder.dep_ in {"compound", "nmod"}:
            holder = holder.head  # "Polonnaruwa district MP"
    elif token.dep_ == "pobj" and token.head.lower_ == "of":
        holder = token.head.head  # "the mayor of Analalava"
    if holder is None or holder.lemma_.lower() not in OFFICE_HOLDERS:
        return False
    return not (holder.head.lower_ in OFFICE_PLACES or holder.dep_ == "compound" or
                any(c.dep_ == "case" for c in holder.children))


def _speakers_seat(doc: Doc, place: PlaceMention) -> bool:
    """The place where those who tell of the happening sit ("police in Port-au-Prince said ...")."""
    i = _root_index(doc, place)
    if i is None:
        return False
    word = doc[i]
    return word.dep_ == "pobj" and word.head.lower_ == "in" and word.head.head.dep_ == "nsubj" and \
        word.head.head.head.lemma_.lower() in SPEECH_VERBS


def _root_index(doc: Doc, place: PlaceMention) -> int | None:
    span = doc.char_span(place.mention.start, place.mention.end, alignment_mode="expand")
    return span.root.i if span is not None else None


def _qualifier_place(places: list[PlaceMention], claim: DocClaim) -> list[PlaceMention]:
    """Where the sentence's place is one the gazetteer lacks but the text says where it lies ("Nzako village
    (Bakouma, Mbomou)"): the named district or province, ACLED's geo_precision 2 for a town, 3 for a province."""
    inside = [p for p in places if p.relative == QUALIFIER and claim.start <= p.mention.start < claim.end]
    return [inside[0].model_copy(update={"geo_precision": max(inside[0].geo_precision, 2)})] if inside else []


TAKINGS = {"Government regains territory", "Non-state actor overtakes territory", "Non-violent transfer of territory"}
# a road taken is no town taken: "seized the highway between Homs and Palmyra" is not placed at Homs


def _road_place(places: list[PlaceMention], claim: DocClaim, area: PlaceMention | None) -> list[PlaceMention]:
    """Where a sentence's towns name only the ends of a road ("blocked the road from Sofia to Velingrad"): the first
    end, as ACLED codes it, or the first that lies in the area the sentence names ("the road linking Beja to Bizerte
    (Bizerte Nord, Bizerte)"); on the road near it, geo_precision 2."""
    ends = [p for p in places if p.relative == ROAD_END and claim.start <= p.mention.start < claim.end]
    if area is not None:
        ends = [p for p in ends if p.place.id == area.place.id] or [
            p for p in ends if p.place.country == area.place.country and (
                area.place.kind == "country" or (area.place.kind in AREA_KINDS and _inside(p, area)))]
    return [p.model_copy(update={"geo_precision": max(p.geo_precision, 2)}) for p in ends[:1]]


_CODED = re.compile(r"\bcoded\s+(?:to|as)\s+$", re.IGNORECASE)


def _coded_place(doc: Doc, places: list[PlaceMention], claim: DocClaim) -> list[PlaceMention]:
    """The place a coder's note says the event is coded to ("in Chubut province (coded to Rawson)", "[location
    coded as Bagani (Mukwe, Kavango East)]"): the note's own answer, over what the sentence's grammar suggests."""
    text = doc_text(doc)
    for place in places:
        if not claim.start <= place.mention.start < claim.end or place.place.kind == "country":
            continue
        if _CODED.search(text[max(claim.start, place.mention.start - 14) : place.mention.start]) and \
                not text[place.mention.end : place.mention.end + 2].strip()[:1].isupper():  # not "Kashmir Rebels"
            return [place]
    return []


CODED_NEAR_KM = 60.0  # a coded town this close to the sentence's own town is the same story's place


def _agrees(coded: PlaceMention, told: PlaceMention) -> bool:
    """The coded place lies in the area the sentence names, or near the town it names (a namesake of the coded
    place elsewhere is the gazetteer's misreading, not the coder's)."""
    inner, outer = coded.place, told.place
    if outer.kind in AREA_KINDS or outer.kind == "region":
        return inner.country == outer.country and (outer.kind != "admin1" or inner.admin1 == outer.admin1)
    return haversine_km(inner.lat, inner.lon, outer.lat, outer.lon) <= CODED_NEAR_KM


def _acts_or_left(doc: Doc, place: PlaceMention) -> bool:
    """A country named as the doer ("Russia and Belarus deployed helicopters") or as where people came from
    ("refugees from Ukraine arrived in Slovakia"): not where the happening was."""
    i = _root_index(doc, place)
    if i is None:
        return False
    token = doc[i]
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    return token.dep_ in {"nsubj", "nsubjpass"} or (token.dep_ == "pobj" and token.head.lower_ == "from")


def _country_place(doc: Doc, places: list[PlaceMention], claim: DocClaim,
                   focus: str | None) -> list[PlaceMention]:
    """Where a report names no finer place: the country it names by name (not by demonym) in the sentence, else the
    document's focus country where the text names it; ACLED's geo_precision 3."""
    text = doc_text(doc)
    countries = [p for p in places if p.place.kind == "country" and not p.demonym
                 and text[p.mention.end : p.mention.end + 6].lower() != "-based"]  # not "a UK-based monitor"
    here = [p for p in countries if claim.start <= p.mention.start < claim.end]
    here = [p for p in here if not _acts_or_left(doc, p)] or here  # not "Russia deployed", "refugees from Ukraine"
    here = here or [p for p in countries if p.place.country == focus]
    return [here[0].model_copy(update={"geo_precision": 3})] if here else []


def _still_there(doc: Doc, told_end: int, span: Span) -> bool:
    """Whether a sentence follows the last placed happening in the same paragraph ("Hours later, gunmen ambushed a
    convoy"): a story moves on at a paragraph break, and a place told paragraphs before is no evidence."""
    return paragraph_end(doc_text(doc), told_end) >= span.start_char


ELSEWHERE = re.compile(r"\s*(?:separately|elsewhere|in (?:a|another) separate (?:incident|attack))\b", re.I)
# "Separately, troops retook Mbau": another happening, at another place than the story's or the last sentence's
# (even when the gazetteer does not know it), with dead of its own


CONTEXT_KINDS = {"country", "admin1", "continent", "region"}  # too wide to stand for an unnamed sentence's place
WIDE_KINDS = {"admin1", "region"}  # ... unless the story names no narrower place


def context_place(places: list[PlaceMention], text: str = "") -> PlaceMention | None:
    """The place a one-place story is about ("a gunman opened fire" in a story about Toledo): the local place
    named at least twice as often as any other, else None; a story that names no local place, its province or
    region so named ("[coded as a village (Kavango East)]"). A place named only as the area another lies in ("in
    Hole Camp in Al Hasakeh countryside": ``text`` says so; not "Riverview in Detroit") is not counted. ACLED codes
    an event's location from its report."""
    told = [p for p in places if p.event_location and not (
        REGION_AFTER.match(text, p.mention.end) and any(
            IN_CONTAINER.fullmatch(text[q.mention.end : p.mention.start]) for q in places))]
    local = [p for p in told if p.place.kind not in CONTEXT_KINDS] or [p for p in told if p.place.kind in WIDE_KINDS]
    counts = Counter(p.place.id for p in local)
    if not counts:
        return None
    ranked = counts.most_common(2)
    if len(ranked) == 2 and ranked[0][1] < 2 * ranked[1][1]:
        return None
    return next(p for p in local if p.place.id == ranked[0][0])


AERIAL = {"air", "airstrike", "jet", "warplane", "drone", "bombing", "aerial", "aircraft", "plane", "helicopter",
          "airforce", "sortie", "uav"}  # words that make a "strike" an air or drone strike
LABOUR = {"worker", "union", "employee", "teacher", "nurse", "doctor", "staff", "driver", "hunger", "general",
          "student", "miner", "trader", "farmer"}  # ... and words that make it a walk-out


@cache
def _note_labels() -> dict[str, str]:
    return {row["label"].lower(): row["sub_event_type"] for row in read_tsv("note_labels.tsv")}


NOTE_LABEL = re.compile(r"^\s*([A-Z][A-Za-z /-]{2,40}):\s")


def note_label(text: str) -> str | None:
    """The sub-type a note's opening label names ("Property destruction: On 2 April ..."), else None."""
    match = NOTE_LABEL.match(text)
    return _note_labels().get(match.group(1).lower()) if match else None


STATE_MEASURES = {"security measures"}  # note labels of what only a state does (ACLED codebook)
GOVERNMENT_CATEGORY = "government"
DISPLACEMENT = {"evacuate", "displace", "flee", "refugee", "relocate", "resettle"}


def _label_word(text: str) -> str | None:
    match = NOTE_LABEL.match(text)
    return match.group(1).lower() if match else None


def _displaced(sent: Span) -> str | None:
    """Who is displaced, as ACLED codes displacement: civilians, of the country they come from where the sentence
    says it ("refugees from Ukraine", "Ukrainian refugees"), else of the event's place (bound later)."""
    from .. import gazetteer

    if not any(t.lemma_.lower() in DISPLACEMENT for t in sent):
        return None
    gaz = gazetteer.load()
    for t in sent:
        if t.lower_ == "from" and t.i + 1 < sent.end:
            origin = next((e.country for e in gaz.lookup(t.nbor(1).text) if e.kind == "country"), None)
            if origin is not None:
                return generic_id(VICTIM_CATEGORY, origin)
        if t.lemma_.lower() == "refugee":
            entry = next((gaz.demonym(c.text) for c in t.children if c.dep_ in {"amod", "compound"}), None)
            if entry is not None and entry.kind == "country":
                return generic_id(VICTIM_CATEGORY, entry.country)
    return VICTIM_CATEGORY


def label_length(text: str) -> int:
    """How many characters a note's opening label takes ("Looting: " -> 9), 0 when it has none."""
    match = NOTE_LABEL.match(text)
    return match.end() if match else 0


def _told_after_label(span: Span, proposals: list[tuple[Token, Trigger]], cut: int,
                      actor_index: dict[int, str]) -> Token:
    """The word that tells a labelled note's happening, never the label's own ("Looting: ... Houthi forces stormed
    a house": stormed, not "Looting"): the first of the main verb and the triggers after the label whose doer the
    text names ("authorities declared a state of emergency amid demonstrations": declared), else the first
    trigger after the label, else the main verb."""
    root = next((t for t in span if t.idx >= cut and t.dep_ == "ROOT"), None) or min(
        (t for t in span if t.idx >= cut and t.pos_ in {"VERB", "AUX"} and t.head.idx < cut),
        key=lambda t: t.i, default=None)  # "Defusal: ... police deactivated a device", the label parsed as the
    # sentence's root: the verb hung on it heads the note's own sentence
    after = [t for t, _ in proposals if t.idx >= cut]
    told = sorted({t.i: t for t in [*after, *([root] if root is not None else [])]}.values(), key=lambda t: t.i)
    return next((t for t in told if _arguments(t, actor_index)[0] is not None),
                after[0] if after else root or (proposals[0][0] if proposals else span.root))


FIGHT_TYPES = {"Battles", "Explosions/Remote violence"}
SCUFFLES = {"clash", "fight", "confrontation", "scuffle", "brawl"}
CLASHING_CROWDS = {"supporter", "activist", "resident", "villager", "youth", "student", "settler", "faction",
                   "individual", "people", "local", "fan", "worker", "trader", "inmate", "prisoner", "passenger",
                   "neighbour", "neighbor", "family", "relative", "protester", "demonstrator", "rioter", "crowd", "mob",
                   "community", "partisan"}  # people who are no armed force by what they are
FIGHTERS = {"soldier", "troop", "force", "army", "military", "militant", "fighter", "rebel", "gunman", "insurgent",
            "militia", "militiaman", "jihadist", "terrorist", "gang", "bandit", "guerrilla", "combatant"}


def _crowd_storms(verb: Token) -> bool:
    """The storming's subject is a crowd with no arms ("hundreds of supporters", "protesters", "students")."""
    for subject in (c for c in verb.children if c.dep_ == "nsubj"):
        words = [subject, *(c for p in subject.children if p.dep_ == "prep" and p.lower_ == "of"
                            for c in p.children if c.dep_ == "pobj")]  # "hundreds of supporters"
        if any(w.lemma_.lower() in CLASHING_CROWDS for w in words) and not any(
                t.lemma_.lower() in FIGHTERS or t.lower_ == "armed" for t in subject.subtree):
            return True
    return False


CROWD_DEEDS = {"burn", "torch", "set", "loot", "vandalise", "vandalize", "ransack", "smash", "beat", "lynch", "stone",
               "attack", "assault", "stab", "kill"}
CROWD_DOERS = {"resident", "villager", "local", "mob", "crowd", "protester", "demonstrator", "rioter", "youth",
               "student", "supporter", "trader", "passer-by", "bystander", "neighbour", "neighbor", "community"}
DEADLY_DEEDS = {"kill", "stab", "attack", "assault"}  # ... which "youths" do as armed men too ("armed youths")


def _a_crowd_did(token: Token, lemma: str) -> bool:
    """The deed's doer is a crowd, no armed force ("residents beat a man they accused of theft", "youths set cars on
    fire", "a mob lynched a suspect"); not "armed youths attacked a cattle camp" nor "gunmen and residents ..."."""
    if token.pos_ != "VERB":
        return False
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    subjects += [c for s in subjects for c in s.conjuncts]
    subjects = [next((g for p in s.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
                      if g.dep_ == "pobj"), s) if s.lemma_.lower() in CROWD_COUNTS else s for s in subjects]
    heads = {s.lemma_.lower() for s in subjects}
    words = {t.lemma_.lower() for s in subjects for t in s.subtree}
    crude = words & CRUDE_WEAPONS  # "residents armed with knives and sticks": still a crowd
    doers = CROWD_DOERS - {"youth", "student", "supporter"} if lemma in DEADLY_DEEDS else CROWD_DOERS
    return bool(heads) and heads <= doers and not words & (FIGHTERS | {"gun", "gunman", "rifle"}) and (
        "armed" not in words or bool(crude))


def _state_property(token: Token) -> bool:
    """The crowd's deed fell on a state's building ("set fire to the district police station", "torched the
    commissioner's office"): a demonstration turned violent, not a mob's attack on people or their goods."""
    objects = [c for c in token.children if c.dep_ == "dobj"]
    objects += [g for c in token.children if c.dep_ == "prep" and c.lower_ in {"to", "on"} for g in c.children
                if g.dep_ == "pobj"]  # "set fire to the police station"
    return any(o.lemma_.lower() in STATE_BUILDINGS for o in objects)


DEMONSTRATING = {"march", "protest", "demonstrate", "rally", "picket", "gather", "assemble"}
DEMONSTRATIONS = {"protest", "demonstration", "rally", "march", "sit-in", "picket", "vigil", "strike"}


def _held_demonstrating(token: Token) -> bool:
    """Those arrested were demonstrating: "detained 40 students who tried to march to the secretariat", "arrested
    12 activists during a protest", "detained dozens at a rally"; not those arrested later for an earlier protest
    ("arrested 23 workers who had blocked the road the day before")."""
    if token.pos_ != "VERB":
        return False
    held = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
    told = {t.lemma_.lower() for h in held for c in h.children if c.dep_ in {"relcl", "acl"} and not _told_before(c)
            for t in c.subtree}  # (not "workers who had blocked the road the day before": arrested for it now)
    places = {g.lemma_.lower() for c in token.children if c.dep_ == "prep" and c.lower_ in {"during", "at", "in"}
              for g in c.children if g.dep_ == "pobj"}
    return bool(told & DEMONSTRATING) or bool(places & DEMONSTRATIONS)


CROWD_COUNTS = {"group", "dozen", "hundred", "thousand", "scores", "crowd", "band", "gang"}  # "groups of residents"
CRUDE_WEAPONS = {"knife", "stick", "machete", "stone", "club", "rod", "cudgel", "axe", "bat", "whip", "rock"}
STATE_BUILDINGS = {"station", "office", "headquarters", "court", "courthouse", "hall", "secretariat", "parliament",
                   "ministry", "prefecture", "commission", "post"}  # a state's (not a politician's residence, which a
# mob attacks as a person's home)


def _crowd_clash(token: Token) -> bool:
    """A clash of people who are no armed force ("supporters of two candidates clashed", "clashes erupted between
    settlers and villagers", "activists clashed with police"): ACLED's Mob violence, not a battle, which needs an
    organised armed group on a side. The police may be one side; soldiers, militants or gangs make it a battle."""
    if any(c.lower_ == "armed" for c in token.children):
        return False  # "an armed clash between members of two gangs"
    verb = token.head if token.pos_ == "NOUN" and token.dep_ in {"nsubj", "dobj", "pobj"} else token
    sides = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    for word in (token, verb):
        for prep in (c for c in word.children if c.dep_ == "prep" and c.lower_ in {"between", "with", "among"}):
            sides += [c for c in prep.children if c.dep_ == "pobj"]
    sides += [c for side in sides for c in side.conjuncts]
    heads = {s.lemma_.lower() for s in sides if s.pos_ in {"NOUN", "PROPN"}}
    armed = {t.lemma_.lower() for s in sides for t in s.subtree} & FIGHTERS
    return bool(heads & CLASHING_CROWDS) and not armed


FIRED_FROM_AFAR = {"missile", "rocket", "artillery", "shell", "shelling", "mortar"}
HARMS = {"kill", "hit", "destroy", "damage", "wound", "injure", "level", "flatten", "target"}


def _strike_harms(token: Token) -> bool:
    """"strikes killed 11 people", "the strike destroyed a school": strikes that harm are blows, no walk-out."""
    return token.dep_ in {"nsubj", "nsubjpass"} and token.head.lemma_.lower() in HARMS


def _where_a_blow_fell(token: Token) -> bool:
    """The word is the place of an explosion told by the noun it hangs from ("a blast at a rally", "a drone strike
    on a protest camp"): not the happening."""
    if token.dep_ != "pobj" or token.head.dep_ != "prep" or token.head.lower_ not in {"at", "on", "during", "near"}:
        return False
    blow = trigger_of(token.head.head)
    return blow is not None and blow.event_type == "Explosions/Remote violence"


def _claim_triggers(span: Span) -> list[tuple[Token, Trigger]]:
    """The sentence's trigger words that report a happening, the ones that name its kind first (a word many kinds
    share, "killed", "gathered", only when no other is there) and among those a change of hands first, in text order
    within each rank."""
    found: list[tuple[Token, Trigger]] = []
    lemmas = {t.lemma_.lower() for t in span}
    for token in span:
        trigger = trigger_of(token)
        if trigger is None or _hypothetical(token) or _other_happening(token) or _in_note_tag(token) or \
                _long_before(token) or _owned_up_to(token) is not None:
            continue
        lemma = token.lemma_.lower()
        if token.dep_ == "amod" and token.tag_ == "VBN" and trigger.rule != "weak":
            trigger = Trigger(trigger.event_type, trigger.sub_event_type, "weak", trigger.pos)  # "detained
            # soldiers", "the kidnapped director": who they are; the happening only when nothing else is told
        if token.dep_ == "compound" and token.head.lemma_.lower() in EQUIPPED:
            continue  # "riot police", "attack helicopters", "assault rifles": who or what is equipped, no happening
        if lemma == "mob" and any(c.lower_ == "flash" for c in token.children):
            trigger = Trigger("Protests", "Peaceful protest", "firm", trigger.pos)  # "staged a flash mob": a protest
        if lemma in {"grenade", "bomb"} and any(c.lower_ in CROWD_CONTROL for c in token.children
                                                if c.dep_ in {"compound", "amod", "nmod"}):
            continue  # "police fired tear gas and stun grenades": crowd control, no explosion of war
        if lemma == "dismiss" and any(c.lower_ in CLAIM_OBJECTS for c in token.children if c.dep_ == "dobj"):
            continue
        if trigger.event_type == "Protests" and _where_a_blow_fell(token):
            continue  # "a bomb blast at a political rally killed 54": the rally is where the bomb went off
        if trigger.event_type == "Explosions/Remote violence" and token.dep_ == "pobj" and \
                token.head.lower_ in {"against", "over"}:
            continue  # "gathered for a march against the shelling": what a crowd protests against
        if trigger.event_type in VIOLENT_TYPES and _grievance(token):
            continue  # "unrest over the police killing of a teenager": what a crowd is angry about
        if trigger.event_type == "Explosions/Remote violence" and token.pos_ == "NOUN" and \
                token.dep_ in {"dobj", "nsubjpass"} and token.head.lemma_.lower() in DISARMING:
            continue  # "deactivated a car bomb", "a mine was defused": the disarming is the happening
        if _would_be(token, WOULD_BE_REACH):
            continue  # "a would-be suicide bomber": none went off
        if _told_before(token if token.pos_ == "VERB" else _governing_verb(token)):
            continue  # "freed 15 villagers they had abducted two weeks earlier", "arrested workers who had blocked
            # the road and torched a van in protest at ...": told before
        if lemma == "pledge" and _pledges_allegiance(token):
            trigger = Trigger("Strategic developments", "Change to group/activity", "gated", trigger.pos)
        if lemma == "set" and _sets_up_post(token):
            trigger = Trigger("Strategic developments", "Headquarters or base established", "gated", trigger.pos)
        if trigger.rule == "side" and UNOPPOSED.search(span.text):  # "entered Mahas unopposed after Al Shabaab
            trigger = Trigger("Strategic developments", "Non-violent transfer of territory", "gated", trigger.pos)
            # fighters pulled out": ground changes hands without a fight
        if lemma == "strike" and token.pos_ == "NOUN":
            if lemmas & LABOUR and not lemmas & AERIAL:
                trigger = Trigger("Protests", "Peaceful protest", "firm", "NOUN")  # a strike by workers
            elif not lemmas & AERIAL and lemmas & FIRED_FROM_AFAR and _strike_harms(token):
                trigger = Trigger("Explosions/Remote violence", "Shelling/artillery/missile attack", "plain", "NOUN")
            elif not lemmas & AERIAL and _armed_demonym([token]) is None and not _strike_harms(token):
                continue  # "a strike" with nothing airborne: the classifier's fallback reads the sentence; but "an
                # Israeli strike", "Russian strikes", "strikes killed 11 people": a blow from the air or from afar
        if lemma == "shoot" and any(c.dep_ == "prt" and c.lower_ == "down" for c in token.children):
            trigger = Trigger("Strategic developments", "Disrupted weapons use", "plain", "VERB")  # "shot down a
            # drone", "shot down a jet": an interception (ACLED: disrupted weapons use), not a shooting or a strike
        held = _whole_of(token)  # "downed 22 of 25 drones": the drones are what 22 counts
        if trigger.event_type == "Explosions/Remote violence" and token.pos_ in {"NOUN", "PROPN"} and \
                held.dep_ in {"dobj", "nsubjpass"} and (held.head.lemma_.lower() in FOUND_VERBS | INTERCEPTIONS or (
                    held.head.lemma_.lower() == "shoot" and any(c.lower_ == "down" for c in held.head.children))
                    or _made_safe(held.head)):
            trigger = Trigger("Strategic developments", "Disrupted weapons use", "plain", token.pos_)  # "police
            # found an IED", "a landmine was discovered", "downed 28 drones": the weapon never went off
        if lemma in HURTING | DYING and _by_nature(token):
            continue  # "flash floods killed 50 people": no one's violence
        if lemma in GATED and not _gate_open(token, GATED[lemma]) and not _pledges_allegiance(token):
            continue  # "offered condolences", "suspended the march": no development of its own
        if lemma in GATES and not GATES[lemma](token):
            continue  # "a gold mine", "threw a party", "cut prices": not the happening the word can name
        if trigger.rule == "side" and _takes_a_person(token):  # "residents captured a thief": no ground changes hands
            trigger = _person_taken(token)
        elif trigger.rule == "side" and (taken := _thing_taken(token)) is not None:
            if taken == "drugs":
                continue  # "seized 200 kg of cocaine": no political violence
            trigger = taken_thing_trigger(taken, token.pos_)  # "seizing their boats", "captured weapons"
        elif trigger.rule == "side" and lemma == "storm" and _storms_a_building(token) and _crowd_storms(token):
            trigger = Trigger("Riots", "Violent demonstration", "plain", "VERB")  # "hundreds of opposition
            # supporters stormed the electoral commission's offices": a crowd turned violent, no armed group
        elif trigger.rule == "side" and lemma == "storm" and _storms_a_post(token):
            trigger = Trigger("Battles", "Armed clash", "gated", "VERB")  # "stormed an army base, killing 30
            # soldiers": a fight with its garrison; no ground is held unless the words say it was taken
        elif trigger.rule == "side" and lemma == "storm" and _storms_a_building(token):
            trigger = Trigger("Violence against civilians", "Attack", "weak", "VERB")  # "gunmen stormed a church
            # during mass": an attack on those inside (a clash if they are armed), no ground changes hands
        if lemma in CROWD_DEEDS and trigger.event_type != "Riots" and _a_crowd_did(token, lemma):
            rioting = DEMONSTRATION_WORDS.search(span.text) is None and not _state_property(token)  # "residents
            # beat a suspected thief", "youths set cars on fire": a crowd's violence (ACLED: Mob violence; in a
            # demonstration or on a police station, a violent demonstration)
            trigger = Trigger("Riots", "Mob violence" if rioting else "Violent demonstration", "crowd", trigger.pos)
        if trigger.sub_event_type == ARRESTS and _would_be_bomber(token):
            trigger = Trigger("Strategic developments", "Disrupted weapons use", "gated", trigger.pos)  # "arrested
            # a would-be suicide bomber before he could detonate his vest": an attack stopped
        if trigger.sub_event_type == ARRESTS and _held_demonstrating(token):
            trigger = Trigger("Protests", "Protest with intervention", "gated", trigger.pos)  # "detained 40
            # students who tried to march": the codebook codes arrests at a demonstration as an intervention
        if trigger.sub_event_type == "Armed clash" and lemma in SCUFFLES and _crowd_clash(token):
            rioting = DEMONSTRATION_WORDS.search(span.text) is None  # "supporters of two candidates clashed"; but
            # "clashed with police while demonstrating": demonstrators who turn violent
            trigger = Trigger("Riots", "Mob violence" if rioting else "Violent demonstration", "plain", trigger.pos)
        found.append((token, trigger))
    violent = {t.i for t, trig in found if trig.event_type in VIOLENT_TYPES}
    found = [(t, trig) for t, trig in found
             if not (t.lemma_.lower() in PULLING_BACK and any(a.i in violent for a in t.ancestors))]
    told = [(t, trig) for t, trig in found if not _consequence(t)]
    found = told or found  # "launched an attack in X, causing injuries and the looting of 30 houses": the attack
    fight = {trig.event_type for _, trig in found} <= FIGHT_TYPES  # a fight that wins ground is coded as the taking
    # ("clashed with the army and took over X"), as the codebook's precedence says; not a crowd's "stormed"
    return sorted(found, key=lambda f: (f[1].rule == "weak", fight and f[1].rule != "side", f[0].i))


MAX_TAG_TOKENS = 12


def _in_note_tag(token: Token) -> bool:
    """A word inside a coder's bracketed tag ("[women targeted: girls]", "[size=no report]"): no happening."""
    doc = token.doc
    for i in range(token.i - 1, max(-1, token.i - MAX_TAG_TOKENS), -1):
        if doc[i].text == "]":
            return False
        if doc[i].text == "[":
            end = next((j for j in range(token.i, min(len(doc), i + MAX_TAG_TOKENS)) if doc[j].text == "]"), None)
            return end is not None and any(t.text in {":", "="} or "=" in t.text for t in doc[i + 1 : end])
    return False


CONSEQUENCE_HEADS = {"cause", "result", "lead"}


def _consequence(token: Token) -> bool:
    """A happening named as what another one caused ("..., causing the looting of 30 houses", "resulting in the
    arrest of two men"): part of that event, not one of its own."""
    return any(a.lemma_.lower() in CONSEQUENCE_HEADS and a.pos_ == "VERB" and a.dep_ in {"advcl", "xcomp", "conj"}
               for a in token.ancestors)


VIOLENT_TYPES = {"Battles", "Violence against civilians", "Explosions/Remote violence"}
PULLING_BACK = {"withdraw", "retreat"}  # "raided the village, opened fire and then withdrew": the raid's end (not
# "withdrew from Kherson after months of shelling": the shelling hangs off the withdrawal there)


OTHER_KIND = {"similar", "previous", "earlier", "past", "prior", "further", "future", "upcoming", "planned"}
JOINING = {"take", "participate", "join", "attend"}
BACKED = {"support", "solidarity", "memory", "commemoration", "anniversary"}


def _other_kind(token: Token) -> bool:
    return any(c.dep_ == "amod" and c.lower_ in OTHER_KIND for c in token.children)


PUBLISHED_YEAR = "fw_published_year"  # Doc.user_data key: the report's publication year, when known
NOW_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
             "overnight", "tonight"}
AGO_UNITS = {"week", "month", "year", "decade"}


DISASTERS = {"flood", "floods", "flooding", "earthquake", "quake", "landslide", "landslides", "mudslide", "cyclone",
             "hurricane", "typhoon", "tornado", "drought", "famine", "cholera", "disease", "epidemic", "heatwave",
             "lightning", "avalanche", "tsunami", "wildfire", "eruption"}  # what kills with no one's hand (not
# accidents: a hunting accident is a gun's; not "heat", "storm", "rain" or "outbreak": "in the heat of battle", "a
# storm of gunfire", "an outbreak of violence")


def _by_nature(token: Token) -> bool:
    """The killing or dying is a disaster's ("flash floods killed 50", "died in a landslide")."""
    doers = [c for c in token.children if c.dep_ == "nsubj"] + \
        [g for c in token.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in {"in", "during"})
         for g in c.children if g.dep_ == "pobj"]
    return any(w.lemma_.lower() in DISASTERS or w.lower_ in DISASTERS for w in doers)


def _recalled(token: Token) -> bool:
    """A trigger word for a happening long before the report's, or for a disaster's dead."""
    return trigger_of(token) is not None and (_long_before(token) or _by_nature(token))


def _own_plan(token: Token) -> bool:
    """A trigger word whose own auxiliary makes it a plan or a possibility ("they would strike next week")."""
    return trigger_of(token) is not None and any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL for c in token.children)


def _main_predicate(token: Token) -> bool:
    """The sentence's root or what the root reports or goes on to ("said they would strike"), not a clause that
    describes a thing ("a draft which would overturn a ruling")."""
    return token.dep_ == "ROOT" or (token.head.dep_ == "ROOT" and token.dep_ in {"ccomp", "xcomp", "advcl", "conj"})


def _long_before(token: Token) -> bool:
    """A happening the sentence recalls from long before the one it reports: dated by a year of its own, two or more
    before the report's, in a report told by days ("where the group seized Mosul in 2014, a bomb hit ... on
    Monday", "sentenced on Tuesday over a 2019 grenade attack"), or told as months or years before it ("six months
    after the army retook the town")."""
    phrase = token.head if token.dep_ == "compound" else token  # "a 2017 bomb attack": the attack's year
    words = [t for t in phrase.subtree if t.i < phrase.i and token.pos_ in {"NOUN", "PROPN"}] + \
        [g for c in token.children if c.dep_ == "prep" and c.lower_ in {"in", "since"} for g in c.children]
    published = token.doc.user_data.get(PUBLISHED_YEAR)
    if published and any(_a_year(w) and int(w.text) <= published - OLD_YEARS for w in words) and \
            any(t.lower_ in NOW_WORDS for t in token.doc):
        return True  # (a year just before publication may still be the report's own happening: "the March 16,
        # 2014 shooting" in a 2015 report on the sentencing, which the reader still wants as an event)
    marks = [c for c in token.children if c.dep_ == "mark"] + [a for a in [token, *token.ancestors][:4]]
    ago = [c for c in token.children if c.dep_ == "npadvmod" and c.lemma_.lower() in AGO_UNITS]
    return any(m.lower_ in {"after", "since"} and (ago or any(c.dep_ == "npadvmod" and c.lemma_.lower() in AGO_UNITS
                                                              for c in m.children)) for m in marks)  # "six months
    # after the army retook", the months hung on the verb or on "after"


def _a_year(word: Token) -> bool:
    return word.text.isdigit() and len(word.text) == 4 and 1900 <= int(word.text) <= 2100


def _other_happening(token: Token) -> bool:
    """A happening named only as what this one backs or resembles ("gathered in support of demonstrations in
    Zhanaozen", "students who took part in similar protests"): another event, not this sentence's."""
    if token.pos_ == "VERB" and token.lemma_.lower() in JOINING:  # "took part in similar protests"
        return any(_other_kind(g) for c in token.children if c.dep_ in {"prep", "dobj"}
                   for g in ([c] if c.dep_ == "dobj" else [g for g in c.children if g.dep_ == "pobj"]))
    if token.pos_ != "NOUN":
        return False
    if _other_kind(token):
        return True
    head = token.head
    return token.dep_ == "pobj" and head.lower_ in {"of", "with"} and head.head.lemma_.lower() in BACKED


AID = {"support", "assistance", "aid", "help", "troops", "weapons", "arms", "mediation", "asylum", "refuge",
       "reinforcements", "backing", "equipment", "ammunition", "funding", "loan", "shelter"}
TALKS = {"talks", "negotiation", "negotiations", "dialogue", "cooperation", "participation", "membership",
         "agreement", "deal", "aid", "assistance", "flights", "relations", "ties", "exports", "operations", "mission"}
GATED = {"offer": AID, "pledge": AID, "suspend": TALKS}  # statements that are developments by what they bear on


def _gate_open(token: Token, objects: set[str]) -> bool:
    """The verb bears on one of ``objects``: its object ("offered military support", "suspended talks"), or its
    subject when passive ("talks were suspended")."""
    return any(c.dep_ in {"dobj", "nsubjpass"} and (c.lemma_.lower() in objects or c.lower_ in objects)
               for c in token.children)


ROADS = {"road", "roads", "highway", "highways", "street", "streets", "traffic", "route", "routes", "motorway",
         "access", "bridge", "junction", "crossroads", "intersection"}
THROWN = {"stone", "stones", "rock", "rocks", "brick", "bricks", "bottle", "bottles", "molotov", "cocktail",
          "cocktails", "projectile", "projectiles", "object", "objects", "firebomb", "firebombs", "tyre", "tire"}
MINE_KINDS = {"personnel", "tank", "land", "anti", "antipersonnel", "antitank", "improvised", "naval", "sea"}
MINE_HITS = {"hit", "step", "strike", "trigger", "run", "drive", "detonate", "kill", "wound", "injure", "maim"}
PROTEST_SIGNS = {"banner", "banners", "placard", "placards", "picket", "pickets", "slogan", "slogans", "sign",
                 "signs", "poster", "posters"}


def _blocks_a_road(token: Token) -> bool:
    """"cut the road to the port", "cut off the highway": a blockade (not "cut prices", "cut ties")."""
    return any(c.dep_ in {"dobj", "nsubjpass"} and c.lower_ in ROADS for c in token.children)


def _throws_missiles(token: Token) -> bool:
    """"threw stones at the police", "hurled Molotov cocktails" (a grenade thrown is the grenade's own event)."""
    return any(c.dep_ in {"dobj", "nsubjpass"} and (c.lower_ in THROWN or c.lemma_.lower() in THROWN or (
        c.lemma_.lower() == "bomb" and not _a_blast(c))) for c in token.children)  # "hurled petrol bombs"


def _explosive_mine(token: Token) -> bool:
    """"an anti-personnel mine", "a landmine", "hit a mine", "stepped on a mine" (not "a gold mine", "mine
    workers")."""
    before = {t.lower_ for t in token.subtree if t.i < token.i}
    if before & MINE_KINDS:
        return True
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in {"by", "on", "over"}:
        head = head.head
    return token.dep_ in {"dobj", "pobj", "nsubj", "nsubjpass"} and head.lemma_.lower() in MINE_HITS | {"explode"}


DISPERSED = {"protester", "farmer", "demonstrator", "crowd", "student", "marcher", "rally", "protest", "demonstration",
             "gathering", "sit-in", "people", "supporter", "worker", "teacher", "resident", "activist",
             "youth", "mourner", "trader", "driver", "them"}


def _disperses_a_crowd(token: Token) -> bool:
    """"used a water cannon to disperse 150 students", "dispersed the rally", "removed 60 farmers": a demonstration
    the authorities broke up (not "the fog dispersed", "removed the barricades")."""
    return any(c.dep_ in {"dobj", "nsubjpass"} and c.lemma_.lower() in DISPERSED for c in token.children)


def _with_signs(token: Token) -> bool:
    """A press conference held with banners or placards: a demonstration as the codebook counts it."""
    return any(t.lower_ in PROTEST_SIGNS for t in token.sent)


def _takes_someone(token: Token) -> bool:
    """"took away the head of the rescue service", "took him away": a person taken (not "took away phones")."""
    return any(c.dep_ == "dobj" and (c.lower_ in TAKEN_PRONOUNS or c.ent_type_ == "PERSON" or c.lower_ in PEOPLE
                                     or c.lemma_.lower() in PERSON_NOUNS | {"head", "member", "resident"})
               for c in token.children)


TAKEN_PRONOUNS = {"him", "her", "them", "us", "me"}  # not "took it away"


GROUND_WORDS = {"town", "city", "village", "base", "airport", "airbase", "hill", "district", "area", "position",
                "positions", "capital", "port", "border", "crossing", "outpost", "garrison", "territory", "region",
                "province", "settlement", "neighbourhood", "neighborhood", "camp", "headquarters", "stronghold"}


def _of_ground(token: Token) -> bool:
    """A taking named by a noun is one of ground: "the capture of Avdiivka", "the takeover of the airport"; not "the
    capture of two soldiers" nor "fear of capture". A verb is judged by its object elsewhere (``_takes_a_person``)."""
    if token.pos_ != "NOUN":
        return True
    return any(o.ent_type_ in {"GPE", "LOC", "FAC"} or o.lemma_.lower() in GROUND_WORDS or _a_town(o)
               for p in token.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj")


def _a_town(word: Token) -> bool:
    """A name the gazetteer knows as a town, whatever label the model gave it ("the capture of Avdiivka": PERSON),
    as place_rules reads the object of a taking."""
    from .. import gazetteer
    from ..nlp.place_rules import names_a_town

    return word.pos_ == "PROPN" and names_a_town(
        gazetteer.load().candidates(word.doc[word.left_edge.i : word.i + 1].text))


NOT_CAPTORS = {"ground", "death", "floor", "knee", "level", "low", "percent", "%", "zero", "bottom"}


def _falls_to(token: Token) -> bool:
    """"Goma fell to M23 rebels": a named place taken by whom "to" names (not "fell to the ground", "fell to 3%")."""
    captors = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "to" for g in c.children]
    return any(c.dep_ == "nsubj" and c.pos_ == "PROPN" for c in token.children) and any(
        g.pos_ in {"NOUN", "PROPN"} and g.lemma_.lower() not in NOT_CAPTORS for g in captors)


def _wounded_by_someone(token: Token) -> bool:
    """"were wounded by gunmen", "gunmen injured three traders", "shot and injured a trader": a wounding told with
    its doer or its victims as the object is an attack; "a villager was injured", "three died and two were
    injured" only count the victims of a happening told elsewhere."""
    return any(c.dep_ in {"dobj", "agent"} for c in token.children)


NOT_BLASTS = {"threat", "squad", "disposal", "scare", "shelter", "maker", "making", "factory", "hoax", "alert",
              "technician", "expert", "unit", "dog", "plot", "suspect", "test", "programme", "program"}


def _a_blast(token: Token) -> bool:
    """"a roadside bomb hit a patrol", "a car bomb": a bomb planted or driven that went off or did harm; not "a
    bomb threat", "the bomb squad", "nuclear bomb tests", "petrol bombs", "a pipe bomb was found". The verb ("rebels
    bombed a pipeline") is its own trigger."""
    if token.pos_ != "NOUN":
        return True
    if (token.dep_ == "compound" and token.head.lemma_.lower() in NOT_BLASTS) or any(
            c.lower_ in THROWN_OR_NOT_BOMBS for c in token.children):  # "petrol bombs", "smoke bombs": by hand
        return False
    planted = any(c.lower_ in PLANTED_BOMBS for c in token.children)
    did_harm = token.dep_ in {"nsubj", "nsubjpass"} and token.head.lemma_.lower() in BLAST_VERBS
    return planted or did_harm


PLANTED_BOMBS = {"roadside", "car", "truck", "suicide", "motorcycle", "bicycle", "vehicle", "magnetic", "sticky",
                 "improvised"}
BLAST_VERBS = {"hit", "explode", "kill", "wound", "injure", "strike", "detonate", "destroy", "damage", "target",
               "rip", "tear", "blow"}


THROWN_OR_NOT_BOMBS = {"nuclear", "atomic", "hydrogen", "petrol", "gasoline", "fire", "smoke", "stink", "paint",
                       "molotov", "gas", "incendiary", "sound", "paper"}


def _defects(token: Token) -> bool:
    """"a commander defected to the army": a change of sides; not "a leader who defected from the party" (who he
    is, told in passing)."""
    return token.dep_ != "relcl"


BREAKING = {"breach", "violation", "violate", "break", "flout", "ignore", "undermine", "threaten", "jeopardise",
            "jeopardize", "despite", "collapse", "fail", "expire", "end", "accuse", "blame"}


def _not_broken(token: Token) -> bool:
    """A truce, ceasefire or agreement told as made, not as broken or failing ("a breach of the truce", "violated the
    ceasefire", "despite the agreement", "the truce collapsed")."""
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in {"of", "despite", "against"}:
        return head.lower_ != "despite" and head.head.lemma_.lower() not in BREAKING
    if token.dep_ in {"dobj", "nsubj", "nsubjpass"}:
        return head.lemma_.lower() not in BREAKING
    return True


def _sets_fire(token: Token) -> bool:
    """"Set" names arson only with fire: "set cars on fire", "set fire to a police station", "set it ablaze"."""
    objects = [g for c in token.children if c.dep_ == "dobj" for g in c.subtree]  # "set cars and a depot on fire"
    return any((c.dep_ == "dobj" and c.lower_ == "fire") or c.lower_ in {"ablaze", "alight"} or (
        c.dep_ == "prep" and c.lower_ == "on" and any(g.lower_ == "fire" for g in c.children))
        for c in [*token.children, *objects])


DISARMING = {"defuse", "deactivate", "intercept"}  # trigger verbs of their own (finding a bomb is read from the bomb)
UNOPPOSED = re.compile(r"\bunopposed\b|\bwithout (?:a |any )?(?:fight|fighting|resistance|a shot being fired|firing a "
                       r"shot)\b", re.IGNORECASE)
GRIEVANCE_WORDS = {"protest", "demonstration", "rally", "march", "unrest", "anger", "outrage", "riot", "strike",
                   "sit-in", "vigil", "demonstrate", "gather", "mourn"}


def _pledges_allegiance(token: Token) -> bool:
    """"pledged allegiance to the Islamic State": a change to the group, whatever else "pledge" is gated on."""
    return any(c.dep_ == "dobj" and c.lower_ == "allegiance" for c in token.children)


def _would_be_bomber(token: Token) -> bool:
    """The arrested is a bomber on his way ("a would-be suicide bomber")."""
    return any(t.lemma_.lower() == "bomber" and _would_be(t, BOMBER_REACH)
               for c in token.children if c.dep_ in {"dobj", "nsubjpass"} for t in c.subtree)


WOULD_BE_REACH = 12  # characters before a trigger word: "a would-be suicide bomber" (at "suicide")
BOMBER_REACH = 20  # ... and before "bomber" past the words between ("would-be suicide bomber")


def _would_be(word: Token, reach: int) -> bool:
    """"would-be" stands just before the word: what it names never happened."""
    return "would-be" in doc_text(word.doc)[max(0, word.idx - reach) : word.idx].lower()


def _enters_unopposed(token: Token) -> bool:
    """"entered Mahas unopposed after Al Shabaab pulled out": ground taken without a fight (not "protesters entered
    the parliament")."""
    return UNOPPOSED.search(token.sent.text) is not None and any(  # (the parse may make "Mahas" the subject
        t.pos_ == "PROPN" or t.lemma_.lower() in GROUND_WORDS for t in token.doc[token.i + 1 : token.i + 4])
    # of "unopposed")


def _grievance(token: Token) -> bool:
    """A happening named as what a crowd protests ("unrest over the police killing of a teenager", "demonstrated
    against the shelling of Gaza"): another event, not this sentence's."""
    head = token.head
    return token.pos_ == "NOUN" and token.dep_ == "pobj" and head.lower_ in {"over", "against"} and \
        head.head.lemma_.lower() in GRIEVANCE_WORDS


def _sets_up_post(token: Token) -> bool:
    """"set up a new checkpoint and barracks", "set up a base": a post established."""
    return any(c.dep_ == "prt" and c.lower_ == "up" for c in token.children) and any(
        g.lemma_.lower() in POSTS for c in token.children if c.dep_ == "dobj" for g in [c, *c.conjuncts])
    # (not "set up a protest camp", "set up an office")


def _hands_over(token: Token) -> bool:
    """"handed over positions to the army", "handed over control of the town": ground passes without a fight."""
    return any(c.dep_ == "prt" and c.lower_ == "over" for c in token.children) and any(
        c.dep_ == "dobj" and c.lemma_.lower() in GROUND_WORDS | MILITARY_SITES | {"control", "area", "town", "city"}
        for c in token.children)


def _military_drill(token: Token) -> bool:
    """"held live-fire exercises", "joint military exercises": a drill of armed forces (not "the exercise of
    rights")."""
    return any(c.dep_ in {"amod", "compound"} and c.lower_ in {"military", "live-fire", "fire", "naval", "joint", "air",
                                                               "artillery", "tactical", "combat", "missile"}
               for c in token.children)


def _set_to_tell(token: Token) -> bool:
    return _sets_fire(token) or _sets_up_post(token)


GATES = {"bomb": _a_blast, "set": _set_to_tell, "hand": _hands_over, "exercise": _military_drill,
         "enter": _enters_unopposed, "defect": _defects, "cut": _blocks_a_road, "fall": _falls_to,
         "throw": _throws_missiles, "hurl": _throws_missiles, "mine": _explosive_mine, "conference": _with_signs,
         "capture": _of_ground, "recapture": _of_ground, "takeover": _of_ground, "wound": _wounded_by_someone,
         "injure": _wounded_by_someone, "truce": _not_broken, "ceasefire": _not_broken,
         "agreement": _not_broken, "disperse": _disperses_a_crowd, "remove": _disperses_a_crowd,
         "evict": _disperses_a_crowd}  # words that name a happening only in these uses


PEOPLE = {"people", "persons", "men", "women", "children", "civilians", "hostages", "prisoners", "soldiers",
          "fighters", "militants", "suspects", "members", "residents", "villagers", "migrants", "workers"}


BUILDINGS = {"church", "mosque", "temple", "school", "hospital", "clinic", "market", "house", "home", "hotel", "hostel",
             "dormitory", "factory", "warehouse", "farm", "mine",
             "restaurant", "bar", "office", "shop", "store", "bank", "prison", "jail", "court", "courthouse",
             "station", "compound", "residence", "building", "camp", "university", "parliament", "embassy"}


def _storms_a_building(token: Token) -> bool:
    """"stormed a church", "stormed the hotel": a building, not a town or a base; or a village stormed to kill,
    carry off or burn ("stormed a village, killing more than 100 people", "stormed the village and kidnapped 30
    residents", "stormed the village, setting fire to houses"): a raid on the people there, no ground held."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in BUILDINGS for c in token.children) or (
        any(c.dep_ == "dobj" and c.lemma_.lower() in {"village", "hamlet", "camp", "settlement"}
            for c in token.children)
        and any(c.dep_ in {"advcl", "conj"} and c.lemma_.lower() in RAIDING for c in token.children))


MILITARY_SITES = {"base", "post", "barracks", "outpost", "checkpoint", "garrison", "position", "camp", "station"}
POSTS = (MILITARY_SITES - {"camp", "station"}) | {"headquarters"}  # what is set up as a post
HOLDING = {"seize", "capture", "take", "occupy", "control", "hold"}


def _storms_a_post(token: Token) -> bool:
    """"stormed an army base and a militia post, killing at least 30 soldiers": a post of armed men stormed to kill,
    with no word that it was taken ("stormed and seized the base" holds it)."""
    posts = [c for c in token.children if c.dep_ == "dobj" and c.lemma_.lower() in MILITARY_SITES]
    armed = any(t.lemma_.lower() in FIGHTERS | {"army", "police", "military", "militia"} for p in posts
                for t in p.subtree)
    deeds = {c.lemma_.lower() for c in token.children if c.dep_ in {"advcl", "conj"}}
    return bool(posts) and armed and bool(deeds & HURTING) and not deeds & HOLDING


KILLING = {"kill", "massacre", "slaughter", "execute", "murder", "behead"}
SHOT_PEOPLE = {"resident", "villager", "civilian", "people", "worker", "trader", "farmer", "passenger", "shopkeeper",
               "herder", "student", "worshipper", "man", "woman", "child"}


def _shot_people(span: Span) -> bool:
    """The sentence says people were shot or killed ("raided the market, shooting residents and looting shops")."""
    return any(t.lemma_.lower() in KILLING | {"shoot", "stab"} and any(
        c.dep_ == "dobj" and c.lemma_.lower() in SHOT_PEOPLE for c in t.children) for t in span)
HURTING = KILLING | {"wound", "injure", "hurt", "ambush"}
RAIDING = HURTING | {"shoot", "kidnap", "abduct", "rape", "loot", "burn", "torch", "set", "raze", "plunder", "beat",
                     "rob", "steal"}  # what raiders do to a village's people and homes
DYING = {"die", "perish"}


HELD_GROUND = {"position", "base", "post", "outpost", "checkpoint", "stronghold", "trench", "line", "front",
               "defence", "defense"}  # what an army attacks when it attacks the other side's ground
TOWN_KINDS = {"city", "town", "village"}


def _state_army(actor: str | None) -> bool:
    """A state's military forces (not its police, not its government)."""
    info = actor_table().get(actor or "")
    return info is not None and info.state and info.kind == "state_forces" and info.generic != "police"


def _assails_ground(token: Token, places: list[PlaceMention]) -> bool:
    """The attack's object is a town or the other side's positions ("attacked Bakhmut from three directions",
    "attacked rebel positions"), not people."""
    if token.pos_ != "VERB":
        return False

    def a_town(word: Token) -> bool:
        return any(p.place.kind in TOWN_KINDS and p.mention.start <= word.idx < p.mention.end for p in places)

    for obj in (c for c in token.children if c.dep_ in {"dobj", "advmod", "npadvmod"}):  # "attacked Bakhmut from
        if obj.dep_ == "dobj" and obj.lemma_.lower() in HELD_GROUND:  # three directions": read as an adverb
            return True
        if a_town(obj) or (obj.dep_ == "dobj" and obj.lemma_.lower() in {"town", "city"} and any(
                a_town(t) for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for t in c.children)):
            return True  # "attacked Bakhmut", "attacked the town of Bara"
    return False


def _phrase_head(word: Token, deps: set[str]) -> Token:
    """The word the phrase of ``word`` hangs from its clause by: up through the modifier relations ``deps``."""
    head = word
    while head.dep_ in deps and head.head is not head:
        head = head.head
    return head


def _acts(word: Token) -> bool:
    """The word names the subject of a verb: who did something in the sentence."""
    head = _phrase_head(word, {"compound", "amod", "conj", "appos", "poss"})
    return head.dep_ == "nsubj" and head.head.pos_ == "VERB"


UNARMED_PEOPLE = frozenset(row["noun"] for row in read_tsv("person_nouns.tsv") if row["group"] != "security") | {
    "people", "member", "family", "passer-by", "worshipper"}  # whom a strike kills when no side is named


def _hurt(word: Token) -> bool:
    """The word names whom a verb killed or wounded: its object ("killing six SDF fighters"), its passive subject
    ("four soldiers were wounded"), or who died ("two peacekeepers died")."""
    head = _phrase_head(word, {"compound", "amod", "nummod", "conj", "appos", "poss"})
    lemma = head.head.lemma_.lower()
    return (head.dep_ in {"dobj", "nsubjpass"} and lemma in HURTING) or (head.dep_ == "nsubj" and lemma in DYING)


def _takes_a_person(token: Token) -> bool:
    """A capture whose object is a person or people ("captured a robber", "seized two soldiers", "captured him",
    "captured and beat up a robber")."""
    verbs = [token, *(c for c in token.children if c.dep_ == "conj" and c.pos_ == "VERB")]
    for verb in verbs:
        for c in verb.children:
            if c.dep_ == "dobj":
                lemma = c.lemma_.lower()
                named = c.ent_type_ == "PERSON" and not any(
                    s.start <= c.i < s.end for s in c.doc.spans.get("fw_places", ()))  # "seized Bara": a town
                return c.pos_ == "PRON" or named or lemma in PERSON_NOUNS | CULPRITS or c.lower_ in PEOPLE
    return False


EQUIPPED = {"police", "policeman", "officer", "gear", "squad", "unit", "shield", "helicopter", "rifle", "drone",
            "aircraft", "jet", "vehicle", "dog", "troop", "force", "battalion", "brigade", "team"}
CROWD_CONTROL = {"stun", "flash", "sound", "smoke", "gas", "concussion", "noise", "shock", "flashbang", "flash-bang",
                 "pepper"}  # what qualifies a grenade the police throw to scatter a crowd
WEAPON_THINGS = {"weapon", "arm", "rifle", "gun", "ammunition", "munition", "explosive", "ied", "mine", "grenade",
                 "rocket", "missile", "launcher", "mortar", "cache", "stockpile", "bomb"}
LOOT_THINGS = {"boat", "vehicle", "car", "truck", "lorry", "motorcycle", "motorbike", "bus", "cattle", "livestock",
               "cow", "goat", "sheep", "camel", "donkey", "herd", "goods", "money", "cash", "phone", "property",
               "equipment", "food", "fuel", "grain", "aid", "supply", "belonging", "crop", "harvest", "gold"}
DRUG_THINGS = {"drug", "cocaine", "heroin", "cannabis", "marijuana", "methamphetamine", "meth", "narcotic", "opium",
               "hashish", "captagon", "fentanyl"}


def _thing_taken(token: Token) -> str | None:
    """What a taking verb's object is when it is a thing, not ground: "weapons" (arms, a cache), "loot" (boats,
    cattle, goods) or "drugs"; None for ground and anything else ("seized the town", "seized control")."""
    for c in token.children:
        if c.dep_ != "dobj":
            continue
        words = [c] + [g for p in c.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
                       if g.dep_ == "pobj"]  # "200 kg of cocaine", "a cache of weapons"
        lemmas = {w.lemma_.lower() for w in words}
        if lemmas & DRUG_THINGS:
            return "drugs"
        if lemmas & WEAPON_THINGS:
            return "weapons"
        if lemmas & LOOT_THINGS:
            return "loot"
    return None


def taken_thing_trigger(taken: str, pos: str) -> Trigger:
    """Arms seized are disrupted weapons use (ACLED counts seizures of arms and caches there); other things taken,
    looting."""
    if taken == "weapons":
        return Trigger("Strategic developments", "Disrupted weapons use", "weak", pos)
    return Trigger("Strategic developments", "Looting/property destruction", "weak", pos)


CULPRITS = {"robber", "thief", "burglar", "criminal", "rapist", "kidnapper", "pickpocket", "suspect", "thug",
            "attacker", "murderer", "assailant"}  # whom a crowd seizes: "residents captured a robber"
CROWD_SUBJECTS = {"resident", "villager", "people", "merchant", "trader", "local", "mob", "crowd", "neighbour",
                  "neighbor", "passer-by", "bystander", "vendor", "youth", "inhabitant", "community", "parent"}
POLICE_SUBJECTS = {"police", "policeman", "officer", "agent", "gendarme", "gendarmerie", "security"}


def _person_taken(token: Token) -> Trigger:
    """Who takes a person says what it is: residents who seize a thief are a mob (ACLED: Mob violence), police who
    seize someone arrest them, anyone else abducts."""
    subject = next((c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    lemma = subject.lemma_.lower() if subject is not None else ""
    if lemma in CROWD_SUBJECTS:
        return Trigger("Riots", "Mob violence", "weak", token.pos_)
    if lemma in POLICE_SUBJECTS:
        return Trigger("Strategic developments", "Arrests", "weak", token.pos_)
    return Trigger("Violence against civilians", "Abduction/forced disappearance", "weak", token.pos_)


CLAIM_DEEDS = {"claim", "admit"}  # "IS claimed attacking ...", "the group admitted carrying out ..."


def _whole_of(token: Token) -> Token:
    """The count a noun is the whole of ("22" in "downed 22 of 25 drones"), else the noun itself."""
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ == "NUM":
        return token.head.head
    return token


def _said_of_itself(verb: Token) -> bool:
    """The verb's subject is "they", "we" or "it": the speaker telling of itself."""
    return any(c.dep_ == "nsubj" and c.lower_ in {"they", "we", "it"} for c in verb.children)


def _speaker_did_it(token: Token) -> bool:
    """The speaker is the doer: "they/we/it" do it ("the jihadists said they captured ..."), or the trigger is what
    the speaker claims or admits doing ("IS claimed attacking eight houses", "claimed responsibility for the
    attack")."""
    if _said_of_itself(token):
        return True
    head = token.head
    held = _whole_of(token)
    verb = head.head if held is token and token.dep_ == "pobj" and head.dep_ == "prep" else \
        held.head if held.dep_ == "dobj" else None
    if verb is not None and verb.pos_ == "VERB" and verb.dep_ == "ccomp" and _said_of_itself(verb):
        return True  # "the military said it killed a commander in an air strike", "said it downed 28 drones"
    if head.lemma_.lower() == "for" and head.head.lemma_.lower() == "responsibility":
        return head.head.head.lemma_.lower() in CLAIM_DEEDS  # "claimed responsibility for the attack"
    return token.dep_ in {"xcomp", "pcomp", "dobj", "ccomp"} and head.lemma_.lower() in CLAIM_DEEDS


_PART_OF_DAY = r"(?:day|night|morning|afternoon|evening)"
SAME_DAY = re.compile(r"\s*(?:(?:Separately|Meanwhile),\s+)?(?:(?:Hours|Minutes|Moments) later|(?:Later|Earlier) "
                      r"(?:that|the same) " + _PART_OF_DAY + r"|(?:That|The same) " + _PART_OF_DAY +
                      r"|On the same day|Later in the day)\b", re.IGNORECASE)  # "Hours later, ...": the day of the
# sentence before, whatever kind of day it named (a weekday too)
NARRATIVE_KINDS = {"absolute"}  # the days a narrative goes on in: full dates only. Weekdays too ("Fighting resumed
# in El Fasher on Sunday. The RSF shelled Abu Shouk ...") raised GVA pairwise 0.632 -> 0.638 but made the seeds' and
# the demo's publication inference contradict itself (session 17): not kept


def extract_events(doc: Doc, doc_id: str, claims: list[DocClaim], places: list[PlaceMention],
                   actor_index: dict[int, str], focus: str | None = None,
                   times: list[TimeExpr] | None = None, read_as: dict[str, str] | None = None) -> list[DocEvent]:
    """Events of the document's asserted claims. A claim that states no time of its own takes the last full date
    the text stated before it (the narrative's date: "On 3 May, ... . Police later arrested two men."). ``read_as``:
    claim id -> the sub-type the classifier reads in a sentence that has no trigger word (extract/event_types.py)."""
    scope = _Scope(doc, doc_id, places, actor_index, context_place(places, doc_text(doc)), focus, times or [])
    told_at: tuple[PlaceMention, int] | None = None  # the last own place an event was told at, and where it was
    narrative: tuple[int, ...] = ()
    read_as = {} if not read_as or any(_recalled(t) for t in doc) else read_as  # a report whose trigger words
    # tell only the past or disasters tells no happening the classifier should find elsewhere in it
    last_days: tuple[int, ...] = ()  # the days of the last sentence that named one
    for claim in claims:
        own = tuple(i for i in claim.times if times and times[i].kind in NARRATIVE_KINDS)
        narrative = own or narrative
        claim_times = claim.times or (last_days if SAME_DAY.match(claim.text) else narrative)
        last_days = claim.times or last_days
        if claim.stance != "assert":
            continue
        day = next((times[i].value for i in claim_times if times and times[i].kind == "absolute"), None)
        span = doc.char_span(claim.start, claim.end, alignment_mode="expand")
        if span is None:
            continue
        proposals = _claim_triggers(span)
        labelled = note_label(claim.text)
        if labelled is not None:  # "Weapons seizure: On 5 May ...": the note says what kind of event it is
            token = _told_after_label(span, proposals, claim.start + label_length(claim.text), actor_index)
            proposals = [(token, Trigger(EVENT_TYPES[labelled], labelled, "label", "ANY"))]
        elif not proposals and claim.id in read_as and not any(
                (_own_plan(t) and _main_predicate(t)) or _owned_up_to(t) is not None for t in span):
            # no trigger word (none set aside as what the sentence mainly tells: "they would strike next week"):
            # the classifier's reading of the sentence
            sub_type = read_as[claim.id]
            if not _set_aside_as(span, sub_type):
                proposals = [(_what_is_told(span.root), Trigger(EVENT_TYPES[sub_type], sub_type, "read", "ANY"))]
        for part, part_span, part_proposals in _clause_parts(doc, span, claim, proposals, places):
            told_at = _claim_events(scope, claim, part, part_span, part_proposals, told_at, claim_times, day)
    return _told_again(_claimed_by(scope))


OWNING = {"claim", "take", "accept", "assume", "deny", "disown", "reject"}  # ... responsibility for the attack
RESPONSIBILITY = {"responsibility", "credit", "blame"}
DEFINITE = {"the", "this", "that", "these", "those", "both"}


def _owned_up_to(token: Token) -> Token | None:
    """The verb by which someone owns up to (or disowns) a happening the report told before ("Al Shabaab claimed
    the attack", "IS claimed responsibility for the bombing", "no group has claimed responsibility for the
    killings"): the happening is not a second one. None for any other word; not for "claimed an attack on a base in
    X" (a happening first told this way)."""
    if token.pos_ != "NOUN" or not any((c.dep_ == "det" and c.lower_ in DEFINITE) or c.dep_ == "poss"
                                       for c in token.children):
        return None
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_.lower() in RESPONSIBILITY:
        verb = head.head.head
    elif token.dep_ == "dobj" and head.lemma_.lower() == "claim":
        verb = head
    else:
        return None
    return verb if verb.pos_ in {"VERB", "AUX"} and verb.lemma_.lower() in OWNING else None


def _claimed_by(scope: _Scope) -> list[DocEvent]:
    """The report's events, the last one told before a group owns up to it ("... killed four soldiers. Al Shabaab
    claimed the attack.") done by that group where the report had named no doer."""
    events = list(scope.events)
    for token in scope.doc:
        verb = _owned_up_to(token)
        if verb is None or verb.lemma_.lower() not in {"claim", "take", "accept", "assume"} or any(
                c.dep_ == "neg" for c in verb.children):
            continue
        subject = [t for c in verb.children if c.dep_ == "nsubj" for t in c.subtree]
        if any(t.lower_ in {"no", "none", "nobody"} for t in subject):
            continue  # "no group has claimed responsibility"
        claimer = _actor_in(subject, scope.actor_index)
        if claimer is None or actor_table()[claimer].generic == UNKNOWN_CATEGORY:
            continue
        before = [i for i, e in enumerate(events) if e.trigger.start < verb.idx]
        if not before:
            continue
        last = events[before[-1]]
        unnamed = actor_table().get(last.actor1 or "")
        if last.actor1 is None or (unnamed is not None and unnamed.generic == UNKNOWN_CATEGORY):
            country = next((p.place.country for p in scope.places if p.place.id == last.place), None) or scope.focus
            events[before[-1]] = last.model_copy(update={"actor1": with_country(claimer, country) or claimer})
    return events


def _set_aside_as(span: Span, sub_type: str) -> bool:
    """The sentence names the kind of happening the classifier reads in it only in a use that is none ("called the
    capture a breach of the truce": no agreement was made), so that reading is not taken either."""
    for t in span:
        trigger, lemma = trigger_of(t), t.lemma_.lower()
        if trigger is not None and trigger.sub_event_type == sub_type and lemma in GATES and not GATES[lemma](t):
            return True
    return False


def _what_is_told(root: Token) -> Token:
    """The verb of what a sentence reports, not its telling ("insurgents have set up a base ..., local sources
    said": set, whose subject acted)."""
    told = [c for c in root.children if c.dep_ in {"ccomp", "parataxis"} and c.pos_ in {"VERB", "AUX"}]
    return told[0] if root.lemma_.lower() in SPEECH_VERBS and told else root


SEPARATE_MARKS = {"while", "whereas"}  # "shelled Kherson, while a drone hit Sumy": a happening of its own


def _clause_roots(span: Span) -> list[Token]:
    """Verbs that head a clause of their own within the sentence: with a subject of their own, co-ordinated
    ("gangs attacked Gressier; in Port-au-Prince, police killed five"), set beside ("..., officials said") or
    contrasted ("..., while a drone hit a bus in Sumy"); not a verb that shares its subject ("set fire to houses
    and freed inmates") nor a clause that tells why or when ("after demonstrators blocked a highway")."""
    roots = []
    for t in span:
        if t.pos_ not in {"VERB", "AUX"} or t.head is t or not span.start <= t.head.i < span.end:
            continue
        if not any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in t.children):
            continue
        contrast = t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in SEPARATE_MARKS for c in t.children)
        lo, hi = (t.right_edge.i, t.head.i) if t.i < t.head.i else (t.head.i, t.left_edge.i)
        semicolon = t.dep_ in {"ccomp", "advcl"} and any(w.text == ";" for w in span.doc[lo:hi])  # "gangs attacked
        # Gressier; in Port-au-Prince, police killed five" read as one verb's complement of the other
        if t.dep_ in {"conj", "parataxis"} or contrast or semicolon:
            roots.append(t)
    return roots


def _clause_cut(root: Token) -> int:
    """Where the sentence is cut for a clause of its own: before it, or after it when it comes before its head."""
    return root.left_edge.i if root.i > root.head.i else root.right_edge.i + 1


def _agentive(token: Token) -> bool:
    """A trigger that tells a deed, not only its toll: a verb with a doer for subject ("police killed five") or a
    noun that heads its clause ("a drone strike hit a bus", "launched an attack"); not "another woman was wounded",
    "two killed", "three others were injured in a shooting" (the same shooting's victims)."""
    if token.pos_ in {"NOUN", "PROPN"}:
        return token.dep_ in {"nsubj", "dobj", "ROOT"}
    return any(c.dep_ == "nsubj" for c in token.children)


def _clause_parts(doc: Doc, span: Span, claim: DocClaim, proposals: list[tuple[Token, Trigger]],
                  places: list[PlaceMention]) -> list[tuple[tuple[int, int], Span, list[tuple[Token, Trigger]]]]:
    """The happenings a sentence reports, each as (its characters, its words, its trigger words in precedence
    order). A clause of its own (``_clause_roots``) is a happening of its own when it has a trigger word and names
    a place the sentence has not named before it: "gunmen attacked a church in Ondo, and separately a bomb killed
    three soldiers in Borno" is two events, each with its own place and toll. Clauses at one place are one
    happening, coded by the codebook's precedence ("militants attacked the post and soldiers repelled them")."""
    whole = [((claim.start, claim.end), span, proposals)]
    if len(proposals) < 2:
        return whole
    cuts = sorted({cut for r in _clause_roots(span) if span.start < (cut := _clause_cut(r)) < span.end})
    if not cuts:
        return whole
    bounds = [span.start, *cuts, span.end]
    groups: list[tuple[int, int]] = []  # token ranges
    named: set[str] = set()

    def deed_told(lo: int, hi: int) -> bool:
        return any(lo <= t.i < hi and _agentive(t) for t, _ in proposals)

    for lo, hi in itertools.pairwise(bounds):
        here = {p.place.id for p in places if p.event_location and p.place.kind != "country"
                and doc[lo].idx <= p.mention.start < doc[hi - 1].idx + len(doc[hi - 1])}
        if groups and not (deed_told(lo, hi) and here - named and deed_told(*groups[-1])):
            groups[-1] = (groups[-1][0], hi)
        else:
            groups.append((lo, hi))
        named |= here
    if len(groups) < 2:
        return whole
    parts = []
    for lo, hi in groups:
        first, last = lo, hi - 1  # its words, without the joints between clauses (", and", ";")
        while first < last and (doc[first].is_punct or doc[first].dep_ == "cc"):
            first += 1
        while last > first and (doc[last].is_punct or doc[last].dep_ == "cc"):
            last -= 1
        start = claim.start if lo == span.start else doc[first].idx
        end = claim.end if hi == span.end else doc[last].idx + len(doc[last])
        parts.append(((start, end), doc[lo:hi], [(t, trig) for t, trig in proposals if lo <= t.i < hi]))
    return [part for part in parts if part[2]]


SPEECH_VERBS = {"say", "tell", "report", "claim", "add", "state", "announce", "confirm", "recount", "describe"}


DAY_KINDS = {"absolute", "month_day", "weekday", "offset_days"}  # time words that name a day
SAYING_DAY_VERBS = SPEECH_VERBS | {"speak", "talk", "demand", "urge", "condemn", "deny", "call"}


def _day_word(doc: Doc, expr: TimeExpr) -> Token | None:
    """The word a day expression hangs off: the verb or noun its "on" phrase belongs to."""
    span = doc.char_span(expr.mention.start, expr.mention.end, alignment_mode="expand")
    if span is None:
        return None
    word = span.root
    if word.dep_ == "pobj" and word.head.lower_ in {"on", "in", "at", "during", "by"}:
        word = word.head
    return word.head if word.dep_ in {"prep", "npadvmod", "advmod"} else None


def _said_on(doc: Doc, expr: TimeExpr) -> bool:
    """The day words were said ("the junta said on Thursday that soldiers had repelled an attack on Tuesday",
    "the governor, speaking on Thursday, said ...", "the chamber on Thursday demanded the release of ..."), or the
    dateline's day ("KHARTOUM, May 9 -"), not the day of what they tell."""
    if expr.mention.start < dateline_end(doc_text(doc)):
        return True
    verb = _day_word(doc, expr)
    return verb is not None and verb.pos_ == "VERB" and verb.lemma_.lower() in SAYING_DAY_VERBS \
        and not any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)


def _days_for(doc: Doc, token: Token, indexes: tuple[int, ...], times: list[TimeExpr] | None) -> tuple[int, ...]:
    """A happening's days, its own first: the day told with its trigger word ("kidnapped by gunmen on Wednesday"),
    then the others, and the day of saying or filing last when another word names a day ("said on Friday that
    fighting killed 17 people on Wednesday": Wednesday). Otherwise the text's order."""
    if not times or len(indexes) < 2:
        return indexes
    verb = token if token.pos_ in {"VERB", "AUX"} else token.head
    said = {i for i in indexes if _said_on(doc, times[i])}
    other_day = any(times[j].kind in DAY_KINDS for j in indexes if j not in said)

    def rank(i: int) -> int:
        if i in said and other_day:  # (a saying day is kept before a vaguer word: "said on Monday that they had
            return 2  # captured the town after overnight battles" is Monday's news)
        return 0 if times[i].kind in DAY_KINDS and _day_word(doc, times[i]) in {token, verb} else 1

    return tuple(sorted(indexes, key=rank))


def _speaks(word: Token) -> bool:
    """The word names who tells of the happening ("..., residents said"), not who suffered it."""
    head = _phrase_head(word, {"compound", "amod", "conj"})
    return head.dep_ == "nsubj" and head.head.lemma_.lower() in SPEECH_VERBS


@dataclass
class _Scope:
    """What every claim of one document is read against, and the events read so far."""

    doc: Doc
    doc_id: str
    places: list[PlaceMention]
    actor_index: dict[int, str]
    context: PlaceMention | None  # the story's place (``context_place``)
    focus: str | None
    times: list[TimeExpr] = field(default_factory=list)
    events: list[DocEvent] = field(default_factory=list)
    seen: set[tuple[str, str, str | None]] = field(default_factory=set)  # (claim, sub-type, place) already told


def _claim_events(scope: _Scope, claim: DocClaim, part: tuple[int, int], span: Span,
                  proposals: list[tuple[Token, Trigger]], told_at: tuple[PlaceMention, int] | None,
                  claim_times: tuple[int, ...], day: str | None) -> tuple[PlaceMention, int] | None:
    """The events of one happening a claim reports (``part``: its characters; the whole claim unless the sentence
    tells several, see ``_clause_parts``), added to ``scope.events``; returns where the paragraph last told of."""
    doc, doc_id, places, actor_index = scope.doc, scope.doc_id, scope.places, scope.actor_index
    context, focus, events, seen = scope.context, scope.focus, scope.events, scope.seen
    start, end = part
    whole = claim
    claim = claim.model_copy(update={"start": start, "end": end}) if part != (claim.start, claim.end) else claim
    for token, trigger in proposals:
        actor1, actor2 = _arguments(token, actor_index)
        if actor1 is None and _armed(whole.speaker_actor) and _speaker_did_it(token):
            actor1 = whole.speaker_actor  # "the jihadists said they captured ...": the speaker did it
        if trigger.event_type == "Protests" and token.lemma_.lower() in BLOCKADES and _non_state(actor1):
            trigger = Trigger("Strategic developments", "Other", "gated", trigger.pos)  # "JNIM militants blocked
            # food convoys", "gang members blocked the entrance": an armed group's blockade is no demonstration
        if trigger.sub_event_type == "Attack" and actor2 is None and _state_army(actor1) and \
                _assails_ground(token, places):  # "Russian troops attacked Bakhmut": an army assails ground
            trigger = Trigger("Battles", "Armed clash", "gated", trigger.pos)  # others hold, not civilians
        if actor1 is None and trigger.sub_event_type == "Other":
            actor1 = _displaced(token.sent)  # "refugees from Ukraine arrived in Sweden": Civilians (Ukraine)
        if actor1 is None and _label_word(claim.text) in STATE_MEASURES:
            actor1 = GOVERNMENT_CATEGORY  # "Security measures: a city was placed under lockdown": the state's
        words = token.sent if claim is whole else span
        if actor2 is None and trigger.event_type in CROWD_TYPES:  # "police fired tear gas at students
            actor2 = next((a for t in words if t.dep_ == "nsubj" and (a := actor_index.get(t.i)) and a != actor1
                           and _armed(a)), None)  # demonstrating": the force acting on the crowd is the other side
        elif actor2 is None and trigger.sub_event_type not in TAKINGS:  # "shelled a market, killing nine
            actor2 = next((a for t in words if (a := actor_index.get(t.i)) and a != actor1  # civilians": the harmed
                           and _civilians(a) and not _speaks(t)), None)  # civilians
            if actor2 is None and trigger.event_type == "Battles":  # "ISWAP attacked a base; troops repelled the
                actor2 = next((a for t in words if (a := actor_index.get(t.i)) and a != actor1 and _armed(a)  # attack"
                               and _acts(t) and not _speaks(t)), None)
            if actor2 is None:  # "..., killing six SDF fighters", "four soldiers were killed": the armed side hurt
                actor2 = next((a for t in words if (a := actor_index.get(t.i)) and a != actor1 and _armed(a)
                               and _hurt(t)), None)
            if actor2 is None and trigger.event_type == "Explosions/Remote violence" and any(
                    t.i not in actor_index and _hurt(t) and (t.lemma_.lower() in UNARMED_PEOPLE or (
                        t.pos_ == "NUM" and t.dep_ in {"dobj", "nsubjpass"}))
                    for t in words):  # "killed 12 members of one family", "killed five"
                actor2 = VICTIM_CATEGORY  # "a strike on a house killed 12 members of one family": civilians
        associates = _associates(token, actor1, actor2, actor_index)
        in_claim = [p for p in places if claim.start <= p.mention.start < claim.end and p.event_location
                    and p.place.kind != "country" and not _names_a_people(doc, p, actor_index)]
        in_claim = [p for p in in_claim if not _office_holder(doc, p)] or in_claim  # a place named for an
        # office-holder only when the sentence names no other
        in_claim = [p for p in in_claim if not _speakers_seat(doc, p)] or in_claim  # "police in Port-au-Prince
        # said gang members shot two officers in Delmas": Delmas; but "police in Evanston said a man was shot": there
        objects = _scope(token) | (_scope(token.head) - {t.i for t in token.subtree})
        if token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.head.pos_ == "VERB":  # "gathered
            # in Cape Town in a demonstration"
            objects |= _scope(token.head.head) - {t.i for t in token.head.subtree}
        targeted = [p for p in in_claim if _root_index(doc, p) in objects]
        if trigger.event_type in CROWD_TYPES:  # "protested against surveys along the West Coast": the cause's
            causes = _causes(token)
            targeted = [p for p in targeted if _root_index(doc, p) not in causes] or targeted
        doers = _origins(token) | (_origins(token.head) if token.pos_ == "NOUN" and token.dep_ == "dobj"
                                   else set())  # "workers of Sisli municipality staged a demonstration in X"
        acted = [p for p in targeted if _root_index(doc, p) not in doers]  # "supporters from Butig gathered
        # in Marawi": where the doers come from is not where they acted
        roots = {_root_index(doc, p) for p in acted or targeted}
        acted = [p for p in acted if not _in_description(doc, p, token, roots)] or acted
        area = [] if acted or not targeted else _qualifier_place(places, claim)
        # "men from Katsina clashed with troops in Shika (Gassol, Taraba)": the unknown village's area
        chosen = area or _finest(doc, acted or targeted) or in_claim[:1]
        coded = _coded_place(doc, places, claim)
        if coded and (not chosen or _agrees(coded[0], chosen[0])):
            chosen = coded
        road = [] if (chosen and chosen[0].place.kind not in CONTEXT_KINDS) or trigger.sub_event_type in \
            TAKINGS else _road_place(places, claim, (chosen or _qualifier_place(places, claim) or [None])[0])
        chosen = road or chosen  # a town at the road's end is finer than the province the sentence names
        own = chosen
        story = [] if ELSEWHERE.match(span.text) else [context] if context else \
            [told_at[0]] if told_at and _still_there(doc, told_at[1], span) else []
        # the story's place, else the place the paragraph last told of ("Hours later, gunmen ambushed a convoy")
        borrowed = not chosen and bool(story)  # ("... in the locality"): not the sentence's own, ACLED's "near"
        chosen = chosen or story or _qualifier_place(places, claim) or _country_place(doc, places, claim, focus)
        if own:
            told_at = (own[0], claim.end)
        fatalities = next((q for q in claim.quantities if q.is_toll and start <= q.start < end), None)
        if trigger.rule != "label" and trigger.sub_event_type in {LOOTING, ABDUCTION} \
                and (any(q.unit in ({"killed", "wounded"} if trigger.sub_event_type == LOOTING else {"killed"})
                         and q.part_of is None and not q.background and (q.low or q.best)
                         and start <= q.start < end for q in claim.quantities)
                     or (trigger.sub_event_type == LOOTING and _shot_people(span))):
            trigger = Trigger("Violence against civilians", "Attack", "plain", trigger.pos)  # "burned dozens of
            # homes and killed 70 people", "killing five herders and abducting three children": people killed (or
            # hurt) make an attack, whatever was also burnt or who was carried off (codebook)
        nationality = crowd_country(token)
        for place in (chosen[:MAX_PLACES_PER_TRIGGER] or [None]):
            place_id = place.place.id if place else None
            country = (place.place.country if place else None) or focus
            a1, a2 = (in_era(with_country(a, country), day) for a in (actor1, actor2))
            assoc1, assoc2 = (tuple(x for a in group if (x := in_era(with_country(a, country), day)))
                              for group in associates)
            sub_type = trigger.sub_event_type
            if trigger.rule == "side":
                sub_type = territory_subtype(a1, country, trigger.sub_event_type)
            if sub_type == ARRESTS and _disappeared(doc, claim):
                sub_type = ABDUCTION  # "was arrested ... His whereabouts remain unknown": a forced disappearance
            key = (claim.id, sub_type, place_id)
            if key in seen:
                continue
            seen.add(key)
            events.append(DocEvent(
                id=_event_id(doc_id, claim.id, sub_type, place_id), doc=doc_id, claim=claim.id,
                event_type=EVENT_TYPES[sub_type], sub_event_type=sub_type, rule=trigger.rule,
                trigger=Mention(doc=doc_id, start=token.idx, end=token.idx + len(token.text), text=token.text),
                actor1=a1, actor2=a2 if a2 != a1 else None, assoc_actor_1=assoc1, assoc_actor_2=assoc2,
                place=place_id,
                geo_precision=(max(place.geo_precision, 2) if borrowed else place.geo_precision)
                if place else 3, times=_days_for(doc, token, claim_times, scope.times),
                fatalities=fatalities, crowd_country=nationality, part=None if claim is whole else part,
            ))
        break  # one trigger per happening: the first, which heads it (the codebook's precedence)
    return told_at


def split_claims(claims: list[DocClaim], events: list[DocEvent], places: list[PlaceMention], times: list[TimeExpr],
                 text: str) -> tuple[list[DocClaim], list[DocEvent]]:
    """Cut each claim whose sentence tells several happenings (``_clause_parts``) into one claim per happening, so
    each has its own words, figures, places and days ("gangs attacked Gressier; in Port-au-Prince, police killed
    five": the five dead are Port-au-Prince's, not Gressier's). The first part keeps the claim's id (a denial in the
    sentence still names it); the events move to their part's claim and remember the sentence (``part``)."""
    parts: dict[str, list[tuple[int, int]]] = {}
    for event in events:
        if event.part is not None:
            parts.setdefault(event.claim, []).append(event.part)
    if not parts:
        return claims, events
    cut: dict[tuple[str, tuple[int, int]], DocClaim] = {}
    by_id = {c.id: c for c in claims}
    out: list[DocClaim] = []
    for claim in claims:
        if claim.id not in parts:
            out.append(claim)
            continue
        for k, (start, end) in enumerate(sorted(set(parts[claim.id]))):
            digest = hashlib.sha256(f"{claim.id}|{start}|{end}".encode()).hexdigest()[:12]
            piece = _claim_part(claim, start, end, claim.id if k == 0 else f"clm-{digest}", places, times, text)
            cut[(claim.id, (start, end))] = piece
            out.append(piece)
    moved = []
    for event in events:
        if event.part is None:
            moved.append(event)
            continue
        piece = cut[(event.claim, event.part)]
        whole = by_id[event.claim]
        moved.append(event.model_copy(update={"claim": piece.id, "part": (whole.start, whole.end),
                                              "times": piece.times or event.times}))
    return out, moved


def _claim_part(claim: DocClaim, start: int, end: int, claim_id: str, places: list[PlaceMention],
                times: list[TimeExpr], text: str) -> DocClaim:
    """The claim cut to the characters ``start``-``end``: the figures, places and days told there (the sentence's
    days when the part tells none)."""
    figures = claim.quantities
    kept = [i for i, q in enumerate(figures) if start <= q.start < end]
    kept = [i for i in kept if figures[i].part_of is None or figures[i].part_of in kept]
    index = {old: new for new, old in enumerate(kept)}
    quantities = tuple(figures[i] if figures[i].part_of is None else
                       figures[i].model_copy(update={"part_of": index[figures[i].part_of]}) for i in kept)
    named = tuple(dict.fromkeys(p.place.id for p in places if start <= p.mention.start < end
                                and p.place.kind != "country"))
    days = tuple(i for i in claim.times if start <= times[i].mention.start < end)
    return claim.model_copy(update={"id": claim_id, "start": start, "end": end, "text": text[start:end],
                                    "quantities": quantities, "places": named, "times": days})


def _told_again(events: list[DocEvent]) -> list[DocEvent]:
    """A happening told again without its doer ("Russian forces shelled X. The shelling injured three.") keeps the
    doer the report named for the last event of the same sub-type before it."""
    doer: dict[str, str] = {}
    out = []
    for event in events:
        if event.actor1 is None and event.sub_event_type in doer and doer[event.sub_event_type] != event.actor2:
            event = event.model_copy(update={"actor1": doer[event.sub_event_type]})
        elif event.actor1 is not None:
            doer[event.sub_event_type] = event.actor1
        out.append(event)
    return out


ARMED_ACTION = {"Battles", "Explosions/Remote violence"}
GROUND_BOMBINGS = {"bomb", "bombed", "bombs", "bombing", "bombings"}  # words, not drones or jets, for a blast
TERRITORIAL_GAINS = {"Government regains territory", "Non-state actor overtakes territory"}
CROWD_CATEGORIES = {"Protests": "protesters", "Riots": "rioters"}  # ACLED codes every demonstration's crowd so
VICTIM_CATEGORY = "civilians"  # ... and names the unarmed targets of violence against civilians so
UNKNOWN_CATEGORY = "uag"  # ... and an attacker no report names: Unidentified Armed Group (Country)
UNNAMED_PERPETRATOR = {"Attack", "Abduction/forced disappearance", "Sexual violence", "Armed clash",
                       "Remote explosive/landmine/IED", "Grenade", "Suicide bomb",
                       "Looting/property destruction"}  # not strikes: only states fly


def _civilians(actor: str | None) -> bool:
    """The generic Civilians (Country) actor."""
    info = actor_table().get(actor or "")
    return info is not None and info.generic == VICTIM_CATEGORY


def _attacks_fighters(event: DocEvent) -> bool:
    """An attack on forces, rebels, militias or gangs (not a government, whose staff are civilians): a battle in the
    codebook ("a gang member was shot dead", "gunmen fired at policemen guarding a polio team")."""
    target = event.actor2
    return event.sub_event_type == "Attack" and target != event.actor1 and _armed(target) and \
        actor_table()[target or ""].generic != GOVERNMENT_CATEGORY


def conventional_actors(events: list[DocEvent], places: list[PlaceMention], focus: str | None) -> list[DocEvent]:
    """ACLED's conventions for who acts: a demonstration's actor1 is *Protesters (Country)*, a riot's *Rioters
    (Country)* (the group that demonstrated, e.g. students, goes to the associated actor), the target of violence
    against civilians is *Civilians (Country)* when the text names no other, and an attacker no one names is an
    *Unidentified Armed Group (Country)*; the country is the event's place's (a crowd's, the nationality the text
    gives it: "Ukrainian women marched in Bratislava" are Protesters (Ukraine))."""
    country_of = {p.place.id: p.place.country for p in places}
    fought = any(_attacks_fighters(e) for e in events)
    out = []
    for event in events:
        country = country_of.get(event.place or "") or focus
        if event.sub_event_type in TERRITORIAL_GAINS and event.rule != "side" and event.actor1 is not None:
            gained = territory_subtype(event.actor1, country, event.sub_event_type)  # the classifier named a gain
            event = event.model_copy(update={"sub_event_type": gained})  # of ground: who gains codes it ("Russian
            # troops entered Vovchansk" is no government regaining its own)
        if event.sub_event_type == MOB and _named_group(event.actor1):  # a named armed group that beats or
            # stabs someone is no mob: rioters are unorganised crowds ("Proud Boys members attacked a man"); not
            # "unidentified assailants" or police in a brawl with traders, which ACLED codes as mob violence
            sub_type = "Armed clash" if _armed(event.actor2) else "Attack"
            event = event.model_copy(update={"sub_event_type": sub_type, "event_type": EVENT_TYPES[sub_type]})
        if event.sub_event_type == ARRESTS and _non_state(event.actor1):  # the codebook: only a state arrests;
            event = event.model_copy(update={"sub_event_type": ABDUCTION,  # a group that detains abducts
                                             "event_type": EVENT_TYPES[ABDUCTION]})
        if event.sub_event_type == "Armed clash" and _armed(event.actor1) and \
                _civilians(event.actor2):  # "gunmen ambushed a bus, killing
            event = event.model_copy(update={"sub_event_type": "Attack",  # seven passengers": no second armed
                                             "event_type": EVENT_TYPES["Attack"]})  # side, so no clash
        if event.sub_event_type == "Air/drone strike" and _non_state(event.actor1) and event.trigger.text.lower() in \
                GROUND_BOMBINGS:  # "ELN rebels bombed an oil pipeline": a group with no air force plants a bomb
            event = event.model_copy(update={"sub_event_type": "Remote explosive/landmine/IED"})
        elif event.sub_event_type == "Remote explosive/landmine/IED" and _state_army(event.actor1) and \
                event.trigger.text.lower() in GROUND_BOMBINGS:  # "Russian guided bombs hit Kharkiv": an army's
            event = event.model_copy(update={"sub_event_type": "Air/drone strike"})  # bombs fall from the air
        if _attacks_fighters(event) or (fought and event.sub_event_type == "Attack" and event.actor2 is None):
            event = event.model_copy(update={"sub_event_type": "Armed clash",  # violence against civilians has
                                             "event_type": EVENT_TYPES["Armed clash"]})  # unarmed targets; the
            # attack told again without its target ("1 fatality.") is the same fight
        crowd = CROWD_CATEGORIES.get(event.event_type)
        update: dict[str, str | None] = {}
        if event.event_type in ARMED_ACTION:  # "the regime's 4th Division clashed with IS": a state fights with its
            for key in ("actor1", "actor2"):  # forces; its government acts in agreements and measures
                actor = getattr(event, key)
                if actor_table().get(actor or "") is not None and actor_table()[actor].generic == GOVERNMENT_CATEGORY:
                    update[key] = generic_id("military", actor_table()[actor].country)
        if crowd is not None and not (event.actor1 or "").startswith(crowd):
            update["actor1"] = generic_id(crowd, event.crowd_country or country)
            if (event.actor2 is None or _civilians(event.actor2)) and _armed(event.actor1):  # "police
                # clashed with students": the students are the crowd, the police its other side
                update["actor2"] = event.actor1  # "police dispersed protesters": the police are the other side
        other = update.get("actor2") or event.actor2 or ""
        if event.sub_event_type == PEACEFUL and not other.startswith(crowd or "-"):
            update["actor2"] = None  # "demonstrated against police brutality": a peaceful protest has no other side
            # in ACLED's coding (but counter-protesters)
        else:
            if event.actor1 is None and event.sub_event_type in UNNAMED_PERPETRATOR:
                update["actor1"] = generic_id(UNKNOWN_CATEGORY, country)
            if (event.event_type == "Violence against civilians" or event.sub_event_type == ARRESTS) and \
                    event.actor2 is None:  # ACLED names the arrested Civilians (Country) when no group is named
                update["actor2"] = generic_id(VICTIM_CATEGORY, country)
        if update.get("actor1") == (update.get("actor2") or event.actor2):
            update["actor2"] = None
        out.append(event.model_copy(update=update) if update else event)
    return out
