"""Claims: who says what in each sentence, with the chain of attribution, stance, numbers and places.

Attribution comes from the dependency parse: reporting verbs (say, claim, report, deny ...) and their subjects
or agents, "according to X", "citing X", and pronoun subjects ("It claimed", "he added") that inherit the
previous speaker. Media actors found in the chain are the outer links (the agency the outlet cites); the
innermost non-media speaker is the claim's speaker. Sentences without attribution are the outlet's own claims.
A sentence may hold two claims: "X claimed ..., something denied by Y" gives an assert by X and a deny by Y.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..model import DocClaim, PlaceMention, Quantity
from .actors import actor_table
from .events import trigger_of
from .quantities import document_quantities

REPORT_VERBS = {"say", "claim", "report", "announce", "state", "add", "tell", "warn", "describe", "confirm",
                "deny", "dismiss", "reject", "refute", "assert", "insist", "allege", "write", "note", "explain",
                "accuse", "acknowledge", "admit", "indicate", "suggest", "declare", "brand", "quote", "cite",
                "estimate", "post", "publish", "show", "urge"}
DENY_VERBS = {"deny", "dismiss", "reject", "refute", "repel"}
EVIDENTIAL_VERBS = {"suggest", "show", "indicate"}  # with an EVIDENCE_NOUNS subject ("images show"): no speaker
CLAIM_NOUNS = {"claim", "report", "allegation", "accusation", "statement", "account", "rumour", "rumor", "figure",
               "it", "this", "that", "suggestion", "idea", "assertion", "charge", "story", "version"}
EVIDENCE_NOUNS = {"action", "image", "photo", "picture", "video", "footage", "data", "evidence", "sign", "document",
                  "move", "development", "record", "satellite", "figure", "number", "statistic"}
SPEECH_NOUNS = {"response", "statement", "comment", "remark", "announcement", "reply", "reaction"}
CONFIRM_VERBS = {"confirm", "verify", "corroborate"}
PRONOUNS = {"it", "he", "she", "they", "we", "i"}
CONTINUATION_NOUNS = {"statement", "report", "ministry", "spokesman", "spokesperson", "official", "source",
                      "agency", "centre", "center", "monitor", "observatory", "commander"}
MEDIA_KINDS = {"media"}
TERRITORY_LEMMAS = {"capture", "seize", "take", "retake", "regain", "recapture", "enter", "overrun", "control",
                    "advance", "lose", "fall", "storm", "liberate", "encircle", "push", "withdraw", "reach"}
ATTACK_LEMMAS = {"strike", "airstrike", "bomb", "bombard", "bombardment", "shell", "attack", "clash", "fight",
                 "fighting", "target", "hit", "raid", "assault", "battle", "eliminate", "launch", "missile"}
CASUALTY_UNITS = {"killed", "wounded", "missing", "displaced"}
SPEAKER_TRIM = {"the", "a", "an"}
QUOTES = ("\"", "\u201c", "\u201d", "\u2018")  # double quotes and an opening single one (not apostrophes)


@dataclass(frozen=True)
class Attribution:
    speaker: str
    actor: str | None
    verb: Token | None
    chain: tuple[tuple[str, str | None], ...]  # (speaker text, actor id) outer -> inner, speaker included
    stance: str


def _claim_id(doc_id: str, start: int, end: int, speaker: str | None, stance: str) -> str:
    digest = hashlib.sha256(f"{doc_id}|{start}|{end}|{speaker}|{stance}".encode()).hexdigest()
    return f"clm-{digest[:12]}"


def _span_text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    start, end = min(t.i for t in tokens), max(t.i for t in tokens) + 1
    span = doc[start:end]
    words = list(span)
    while words and (words[0].lower_ in SPEAKER_TRIM or words[0].is_punct):
        words = words[1:]
    while words and words[-1].is_punct:
        words = words[:-1]
    if not words:
        return ""
    text = doc[words[0].i : words[-1].i + 1].text
    return text.split(" (")[0].strip()  # "the Observatory (SOHR" -> "the Observatory"


def _speaker_tokens(head: Token) -> list[Token]:
    """The speaker phrase: the head and its modifiers, minus relative clauses and appositions' long tails."""
    keep = [head]
    for child in head.children:
        if child.dep_ in {"relcl", "acl", "punct", "cc", "conj"} and child.i > head.i:
            continue
        if child.dep_ == "appos":
            continue
        keep.extend(child.subtree)
    return keep


def _continues_previous(tokens: list[Token]) -> bool:
    """'It said', 'he added', 'the monitor said', 'the statement adds': the speaker named earlier speaks again."""
    words = sorted(tokens, key=lambda t: t.i)
    if len(words) == 1 and words[0].lower_ in PRONOUNS:
        return True
    return (len(words) == 2 and words[0].lower_ in {"the", "this", "that", "its", "his", "their"}
            and words[1].lemma_.lower() in CONTINUATION_NOUNS)


def _actor_at(tokens: list[Token], actor_index: dict[int, str]) -> str | None:
    for token in tokens:
        if token.i in actor_index:
            return actor_index[token.i]
    return None


def _attributions(sent: Span, actor_index: dict[int, str], previous: Attribution | None) -> list[Attribution]:
    found: list[Attribution] = []
    for token in sent:
        lemma = token.lemma_.lower()
        speaker_tokens: list[Token] | None = None
        verb: Token | None = None
        # "according to X", "citing X"
        if token.lower_ == "according" and token.i + 1 < len(sent.doc) and sent.doc[token.i + 1].lower_ == "to":
            objs = [c for c in sent.doc[token.i + 1].children if c.dep_ == "pobj"]
            if objs:
                speaker_tokens = _speaker_tokens(objs[0])
                conj = [c for c in objs[0].children if c.dep_ == "conj"]
                if conj:
                    speaker_tokens = list(objs[0].subtree)
        elif lemma == "cite" and token.pos_ == "VERB" and token.dep_ in {"advcl", "xcomp", "acl"}:
            objs = [c for c in token.children if c.dep_ == "dobj"]
            if objs:
                speaker_tokens = _speaker_tokens(objs[0])
        elif (lemma in REPORT_VERBS | DENY_VERBS | CONFIRM_VERBS or _appeal(token)) and token.pos_ in {"VERB", "AUX"}:
            if lemma in {"dismiss", "reject", "repel"} and not _answers_a_claim(token):
                continue  # "the Kremlin dismissed its commander": a sacking, "soldiers repelled them": a fight,
                # not a denial ("repelled these claims" is one)
            subj = [c for c in token.children if c.dep_ in {"nsubj"}]
            agent = [g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            quoted = [c for c in token.children if c.dep_ == "dobj"] if lemma == "quote" and any(
                c.dep_ == "prep" and c.lower_ == "as" for c in token.children) else []
            if lemma == "tell":  # "a commander told AFP": the agency told is a link of the chain
                found.extend(_relay(c, actor_index) for c in token.children
                             if c.dep_ in {"dobj", "dative"} and _is_media(_actor_at(list(c.subtree), actor_index)))
            inverted = [c for c in token.children if c.dep_ == "dobj" and c.i > token.i] if not subj and \
                token.i > sent.start and sent.doc[token.i - 1].text in {",", *QUOTES} else []
            if quoted:  # "the agency quoted a military source as saying ...": the source speaks
                speaker_tokens = _speaker_tokens(quoted[0])
            elif agent:
                speaker_tokens = _speaker_tokens(agent[0])
            elif subj:
                speaker_tokens = _speaker_tokens(subj[0])
            elif inverted:  # "..., reports The Guardian": the parser takes the speaker for an object
                speaker_tokens = _speaker_tokens(inverted[0])
            verb = token
        if not speaker_tokens:
            continue
        if verb is not None and verb.lemma_.lower() in EVIDENTIAL_VERBS and _head(speaker_tokens).lemma_.lower() in \
                EVIDENCE_NOUNS:
            continue  # "images show", "these actions suggest": evidence the outlet reads, not a speaker
        speaker_tokens = _source_of_speech(speaker_tokens)
        text = _span_text(speaker_tokens)
        actor = _actor_at(speaker_tokens, actor_index)
        if actor is None and _continues_previous(speaker_tokens) and previous is not None:
            text, actor = previous.speaker, previous.actor  # "it added", "the monitor said" (named before)
        stance = "assert"
        if verb is not None and verb.lemma_.lower() in DENY_VERBS:
            stance = "deny"
        elif verb is not None and verb.lemma_.lower() in CONFIRM_VERBS:
            stance = "confirm"
        found.append(Attribution(speaker=text, actor=actor, verb=verb, chain=((text, actor),), stance=stance))
    return found


def _appeal(token: Token) -> bool:
    """"called on the authorities to ...", "called for a ceasefire": an appeal is a statement of its speaker."""
    return token.lemma_.lower() == "call" and any(c.dep_ == "prep" and c.lower_ in {"on", "for"}
                                                  for c in token.children)


def _answers_a_claim(verb: Token) -> bool:
    """Whether dismiss/reject answers something said ("dismissed these claims", "rejected it as propaganda")."""
    if any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children):
        return True
    if verb.dep_ in {"acl", "relcl"} and verb.head.lemma_.lower() in CLAIM_NOUNS | {"something"}:
        return True  # "a claim rejected by Damascus"
    return any(c.dep_ in {"dobj", "nsubjpass"} and c.lemma_.lower() in CLAIM_NOUNS for c in verb.children)


def _head(tokens: list[Token]) -> Token:
    return min(tokens, key=lambda t: (len(list(t.ancestors)), t.i))


def _source_of_speech(tokens: list[Token]) -> list[Token]:
    """"the response from Moscow", "a statement by the ministry": the speaker is who made the statement."""
    head = _head(tokens)
    if head.lemma_.lower() not in SPEECH_NOUNS:
        return tokens
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in {"from", "by", "of"}:
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            if objects:
                return _speaker_tokens(objects[0])
    return tokens


def _relay(token: Token, actor_index: dict[int, str]) -> Attribution:
    """A media actor a speaker talked to, as an outer link of the chain."""
    tokens = list(token.subtree)
    text, actor = _span_text(tokens), _actor_at(tokens, actor_index)
    return Attribution(speaker=text, actor=actor, verb=None, chain=((text, actor),), stance="assert")


def _is_media(actor: str | None) -> bool:
    info = actor_table().get(actor or "")
    return info is not None and info.kind in MEDIA_KINDS


def _kind(sent: Span, quantities: list[Quantity], attributed: bool) -> str:
    if any(q.unit in CASUALTY_UNITS for q in quantities):
        return "casualties"
    lemmas = {t.lemma_.lower() for t in sent}
    if (lemmas & TERRITORY_LEMMAS and any(q.unit == "places" for q in quantities)) or lemmas & {
        "capture", "seize", "retake", "regain", "recapture", "overrun", "storm", "liberate"
    } or ("control" in lemmas and "take" in lemmas):
        return "territory"
    if lemmas & ATTACK_LEMMAS:
        return "attack"
    return "statement" if attributed else "other"


def _reportable(sent: Span, quantities: list[Quantity], places: list[PlaceMention], attributed: bool) -> bool:
    if attributed or quantities:
        return True
    lemmas = {t.lemma_.lower() for t in sent}
    if lemmas & (TERRITORY_LEMMAS | ATTACK_LEMMAS) or places:
        return True
    return any(trigger_of(t) is not None for t in sent)  # "rioters beat a thief" in a village no gazetteer knows


def extract_claims(
    doc: Doc, doc_id: str, outlet: str, syndicated_from: str | None, places: list[PlaceMention],
    actor_index: dict[int, str], time_spans: list[tuple[int, int]], published_year: int | None = None,
) -> list[DocClaim]:
    """One or more claims per reportable sentence, in text order."""
    claims: list[DocClaim] = []
    previous: Attribution | None = None
    quoting: Attribution | None = None  # the speaker of the last sentence that held a quotation
    outer = tuple(x for x in (outlet, syndicated_from) if x)
    sentences = list(doc.sents)
    counted = document_quantities(sentences, published_year)
    for sent, quantities in zip(sentences, counted, strict=True):
        text = sent.text.strip()
        if len(text) < 3:
            continue
        start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
        end = start + len(text)
        in_sent = [p for p in places if start <= p.mention.start < end]
        place_ids = tuple(dict.fromkeys(p.place.id for p in in_sent if p.place.kind != "country"))
        times = tuple(i for i, (s, _e) in enumerate(time_spans) if start <= s < end)
        attributions = _attributions(sent, actor_index, previous)
        if not attributions and quoting is not None and text[:1] in QUOTES:
            attributions = [quoting]  # a quotation that goes on in the next sentence keeps its speaker
        quoting = (attributions[0] if attributions else None) if any(q in text for q in QUOTES) else None
        if not _reportable(sent, quantities, in_sent, bool(attributions)):
            continue
        kind = _kind(sent, quantities, bool(attributions))
        media = [a for a in attributions if _is_media(a.actor) and a.stance == "assert"]
        sources = [a for a in attributions if not _is_media(a.actor) or a.stance != "assert"]
        asserting = [a for a in sources if a.stance == "assert"]
        via_media = tuple(dict.fromkeys(a.speaker for a in media))
        main = asserting[0] if asserting else (sources[0] if sources else (media[-1] if media else None))
        figures = _figures_by_speaker(sent, quantities, asserting, main)
        if main is not None:
            via = tuple(dict.fromkeys((*outer, *via_media, main.speaker)))
            claim = DocClaim(
                id=_claim_id(doc_id, start, end, main.speaker, main.stance), doc=doc_id, start=start, end=end,
                text=text, speaker=main.speaker, speaker_actor=main.actor, via=via, kind=kind,  # type: ignore[arg-type]
                stance=main.stance, quantities=figures.get(main.speaker, tuple(quantities)),  # type: ignore[arg-type]
                places=place_ids, times=times,
            )
            previous = main
        else:
            claim = DocClaim(
                id=_claim_id(doc_id, start, end, outlet, "assert"), doc=doc_id, start=start, end=end, text=text,
                speaker=outlet, speaker_actor=None, via=outer, kind=kind, stance="assert",  # type: ignore[arg-type]
                quantities=tuple(quantities), places=place_ids, times=times,
            )
        claims.append(claim)
        main_index = len(claims) - 1
        for other in asserting:  # a second party's figures in the same sentence are its own claim
            if other.speaker != claim.speaker and figures.get(other.speaker):
                claims.append(DocClaim(
                    id=_claim_id(doc_id, start, end, other.speaker, "assert"), doc=doc_id, start=start, end=end,
                    text=text, speaker=other.speaker, speaker_actor=other.actor,
                    via=tuple(dict.fromkeys((*outer, *via_media, other.speaker))), kind=kind,  # type: ignore[arg-type]
                    stance="assert", quantities=figures[other.speaker], places=place_ids, times=times,
                ))
        for other in sources:
            if other is main or other.stance == "assert":
                continue
            # a denial or confirmation by someone else inside the same sentence
            claims.append(DocClaim(
                id=_claim_id(doc_id, start, end, other.speaker, other.stance), doc=doc_id, start=start, end=end,
                text=text, speaker=other.speaker, speaker_actor=other.actor,
                via=tuple(dict.fromkeys((*outer, other.speaker))), kind=kind, stance=other.stance,  # type: ignore[arg-type]
                quantities=(), places=place_ids, times=times,
                denies=claim.id if other.stance == "deny" and main is not None else None,
            ))
        if main is not None and main.stance == "deny":
            target = _denied_claim(claims[:main_index], claims[main_index])
            if target is not None:  # the sentence's denial, and any other denial inside it, answer that claim
                for k in range(main_index, len(claims)):
                    if claims[k].stance == "deny":
                        claims[k] = claims[k].model_copy(update={"denies": target.id})
    return claims


def _token_at(sent: Span, char: int) -> Token | None:
    return next((t for t in sent if t.idx <= char < t.idx + len(t.text)), None)


def _teller(token: Token | None, speakers: list[Attribution]) -> Attribution | None:
    """The speaker whose reporting verb most closely governs a token: "the ministry said nearly 3,000 died, while
    the UN said it counted 900 bodies" gives the 900 to the UN, whose verb is the nearer one above it."""
    found: tuple[int, Attribution] | None = None
    for attribution in speakers:
        verb = attribution.verb
        if token is None or verb is None or not (verb == token or verb.is_ancestor(token)):
            continue
        depth = sum(1 for _ in token.ancestors) - sum(1 for _ in verb.ancestors)
        if found is None or depth < found[0]:
            found = (depth, attribution)
    return found[1] if found else None


def _figures_by_speaker(sent: Span, quantities: list[Quantity], asserting: list[Attribution],
                        main: Attribution | None) -> dict[str, tuple[Quantity, ...]]:
    """A sentence's counts shared out among the parties that assert in it (see ``_teller``): speaker -> its counts,
    parts kept with their whole (``part_of`` renumbered). Counts no verb governs stay with ``main``. Empty when one
    party (or none) asserts: then every count is the main speaker's."""
    if main is None or len({a.speaker for a in asserting}) < 2:
        return {}
    owners: list[str] = []
    for q in quantities:
        if q.part_of is not None and q.part_of < len(owners):
            owners.append(owners[q.part_of])
            continue
        teller = _teller(_token_at(sent, q.end - 1), asserting)
        owners.append(teller.speaker if teller is not None else main.speaker)
    out: dict[str, tuple[Quantity, ...]] = {}
    for speaker in dict.fromkeys(owners):
        mine = [i for i, owner in enumerate(owners) if owner == speaker]
        renumber = {old: new for new, old in enumerate(mine)}
        out[speaker] = tuple(quantities[i].model_copy(update={"part_of": renumber.get(quantities[i].part_of)})
                             if quantities[i].part_of is not None else quantities[i] for i in mine)
    out.setdefault(main.speaker, ())
    return out


DENIAL_LOOKBACK = 6  # earlier claims a sentence-level denial may answer
_WORD = re.compile(r"[a-z]{5,}")
_TERRITORY_WORDS = re.compile(r"\b(fall|fallen|fell|captur\w*|seiz\w*|taken|took|control\w*|hold|held|entered|"
                              r"overr\w*|withdr\w*|advance\w*)\b", re.I)
_ANAPHORA = re.compile(r"\b(these|those|the|such|this|that|their|its|his|her)\s+(claims?|reports?|allegations?|"
                       r"assertions?|accounts?)\b", re.I)
_CASUALTY_WORDS = re.compile(r"\b(kill\w*|dead|death\w*|toll|casualt\w*|wounded|injur\w*)\b", re.I)


def _content_words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower())) - {"about", "after", "against", "their", "there", "which", "would",
                                                 "these", "those", "where", "while", "other", "since", "said"}


def _denied_claim(claims: list[DocClaim], denial: DocClaim) -> DocClaim | None:
    """The claim a sentence-level denial answers: among the last few asserts by someone else, the one that shares
    the most with it (places, kind, content words), nearer ones winning ties; the nearest when nothing is shared."""
    candidates = [c for c in claims[-DENIAL_LOOKBACK:] if c.stance == "assert" and c.speaker != denial.speaker]
    if not candidates:
        return None
    words = _content_words(denial.text)
    about = {denial.kind}
    if _TERRITORY_WORDS.search(denial.text):
        about.add("territory")  # "denied that the town had fallen"
    if _CASUALTY_WORDS.search(denial.text):
        about.add("casualties")

    step = 2.0 if _ANAPHORA.search(denial.text) else 0.5  # "dismissed these claims": the nearest one it is

    def score(item: tuple[int, DocClaim]) -> tuple[float, int]:
        distance, claim = item
        shared = 3.0 * len(set(claim.places) & set(denial.places)) + (2.0 if claim.kind in about else 0.0) + \
            len(_content_words(claim.text) & words)
        if claim.via and claim.speaker == claim.via[0]:
            shared -= 2.0  # the outlet's own narration is rarely what a party denies
        return shared - step * distance, -distance

    ranked = sorted(enumerate(reversed(candidates)), key=score, reverse=True)
    return ranked[0][1]
