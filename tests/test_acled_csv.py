"""The ACLED CSV export: columns as ACLED users load them (country names, ISO numeric, region, interaction)."""

from __future__ import annotations

import csv
import io

from frontwatch.extract.document import analyse_documents
from frontwatch.ingest.documents import make_document
from frontwatch.model import RawDocument
from frontwatch.output.acled_csv import events_csv, interaction
from frontwatch.resolve.picture import build_picture


def test_interaction_pairs_inter_codes_lowest_first() -> None:
    assert interaction(1, 2) == "12" and interaction(2, 1) == "12" and interaction(8, 1) == "18"
    assert interaction(1, None) == "10" and interaction(None, None) == ""


def test_a_sudanese_strike_on_civilians_loads_as_acled_writes_it() -> None:
    doc = make_document(RawDocument(source_id="s1", text="On 12 June 2024, RSF fighters shelled a market in El Fasher, "
                                    "killing nine civilians.", cleaned=True))
    [analysis] = analyse_documents([doc])
    picture = build_picture([doc], {doc.id: analysis})
    [row] = list(csv.DictReader(io.StringIO(events_csv(picture))))
    assert (row["country"], row["iso"], row["region"]) == ("Sudan", "729", "Northern Africa")
    assert row["actor1"] == "Rapid Support Forces" and row["inter1"] == "2"
    assert row["actor2"] == "Civilians (Sudan)" and row["interaction"] == "27"
    assert row["civilian_targeting"] == "Civilian targeting"
    assert row["event_date"] == "2024-06-12" and row["fatalities"] == "9"
