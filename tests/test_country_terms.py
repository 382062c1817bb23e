"""Country votes from a text's administrative words and currencies, and what they settle among same-named places."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from frontwatch import gazetteer
from frontwatch.extract.country_terms import term_countries
from frontwatch.extract.places import extract_places
from frontwatch.nlp.pipeline import get_nlp


def votes(text: str) -> dict[str, float]:
    return dict(term_countries(get_nlp()(text)))


def test_local_units_and_currencies_vote_for_their_countries() -> None:
    assert votes("Teachers rallied outside the Pooneryn Divisional Secretariat.") == {"LK": 1.0}
    assert votes("Police stopped a march in Sitakunda upazila; two kebele officials were held.") == {"BD": 1.0,
                                                                                                   "ET": 1.0}
    assert votes("Onion growers rallied at the Haman-gun Office.") == {"KR": 1.0}
    assert votes("Workers demanded 40,000 RMB in unpaid wages, and 3 lakh more.") == {"CN": 1.0, "IN": 0.6, "PK": 0.2,
                                                                                      "BD": 0.2}
    assert votes("Two tehsil offices were burnt; three tehsils closed.") == {"PK": 0.5, "IN": 0.5}  # once per row
    assert votes("Miners demanded 300,000 koruna each; the comune's council met.") == {"CZ": 1.0, "IT": 1.0}
    assert votes("Striking jeepney drivers wanted the fare paid in gourdes.") == {"PH": 1.0, "HT": 1.0}


def test_everyday_words_and_names_vote_for_nothing() -> None:
    assert votes("Guests at the Hyatt Regency said the regime had fallen in the Bolivar suburb of Taka-Tuka.") == {}
    assert votes("A youth group in the lga wing of the party") == {}  # upper-case abbreviations match as written
    assert votes("Payam Akhavan said the tribunal would sit in The Hague.") == {}  # a name, not South Sudan's payam
    assert votes("Police detained five men in Sitakunda Upazila.") == {"BD": 1.0}  # a unit after its name


def test_a_unit_word_settles_which_countrys_province_a_bare_compass_name_is() -> None:
    nlp = get_nlp()
    doc = nlp("On 4 May 2022, farmers staged a sit-in outside the Pooneryn Divisional Secretariat (Northern) over "
              "fertiliser shortages.")
    found = {p.mention.text: p.place for p in extract_places(doc, "t", term_countries(doc))}
    assert (found["Northern"].country, found["Northern"].kind) == ("LK", "admin1")  # not Ghana's or Israel's
    doc = nlp("Traders shut their shops in Eastern province over a new tax after the kwacha lost a fifth of its value.")
    found = {p.mention.text: p.place for p in extract_places(doc, "t", term_countries(doc))}
    assert found["Eastern province"].country == "ZM"  # Zambia's or Malawi's money; only Zambia has an Eastern province


def test_sri_lankas_provinces_answer_to_their_bare_names_like_ghanas() -> None:
    found = gazetteer.load().lookup("Northern")
    assert {("LK", "admin1"), ("GH", "admin1")} <= {(e.country, e.kind) for e in found}


def test_processes_building_the_gazetteer_cache_take_turns(tmp_path: Path) -> None:
    path = tmp_path / "gazetteer-x.pickle"
    order: list[str] = []

    def first() -> None:
        with gazetteer._build_lock(path):
            order.append("first in")
            time.sleep(0.3)
            order.append("first out")

    thread = threading.Thread(target=first)
    thread.start()
    while not order:
        time.sleep(0.01)
    with gazetteer._build_lock(path):  # waits for the first holder to let go
        order.append("second in")
    thread.join()
    assert order == ["first in", "first out", "second in"]
