"""Second opinion on rule events: the learned classifier (frontwatch.classify) reads each event's sentence.

The trigger lexicon proposes; the classifier can (a) drop a proposal whose sentence it confidently calls none of
the 25 sub-types ("a murder-suicide" is no suicide bombing), or (b) relabel it when it is confident of another
sub-type and gives the rule's sub-type almost nothing ("five people were killed in shelling" under a generic
trigger). Territory events coded by side ("side" rule) are kept: who gains the ground decides them, not wording.
"""

from __future__ import annotations

from ..classify import EVENT_TYPES, NONE, PROTEST_PRECEDENCE, classifier, protest_subtype
from ..model import DocClaim, DocEvent

DROP_NONE_AT = 0.5  # classifier's "none" probability at or above which a proposal is dropped
RELABEL_AT = 0.45  # classifier's best sub-type probability needed to relabel
RULE_FLOOR = 0.15  # ... and only when the rule's own sub-type gets less than this
KEEP_AS_IS = {"Government regains territory", "Non-state actor overtakes territory"}


def refine(events: list[DocEvent], claims: list[DocClaim]) -> list[DocEvent]:
    candidates = [e for e in events if e.sub_event_type not in KEEP_AS_IS]
    if not candidates:
        return events
    texts = {c.id: c.text for c in claims}
    model = classifier()
    wanted = sorted({e.claim for e in candidates})
    probabilities = dict(zip(wanted, model.scores([texts[c] for c in wanted]), strict=True))
    index = {label: i for i, label in enumerate(model.labels)}
    out = []
    for event in events:
        if event.sub_event_type in KEEP_AS_IS:
            out.append(event)
            continue
        p = probabilities[event.claim]
        best = max(model.labels, key=lambda label: (p[index[label]], label))
        if best == NONE and p[index[NONE]] >= DROP_NONE_AT:
            continue
        if best not in (NONE, event.sub_event_type) and p[index[best]] >= RELABEL_AT and \
                p[index[event.sub_event_type]] < RULE_FLOOR:
            if best in PROTEST_PRECEDENCE:  # a demonstration: the codebook's precedence says which kind
                best = protest_subtype(texts[event.claim])
            event = event.model_copy(update={"sub_event_type": best, "event_type": EVENT_TYPES[best]})
        out.append(event)
    return out
