"""Focused unit tests: cleaning, gazetteer keys, numbers, times, store."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from frontwatch.extract.quantities import parse_number_phrase, words_to_int
from frontwatch.extract.times import parse_times
from frontwatch.gazetteer import loose_key, normalize
from frontwatch.ingest.clean import clean
from frontwatch.ingest.dedup import near_duplicates
from frontwatch.model import DocAnalysis, Document, Published, TimeExpr
from frontwatch.resolve.dates import resolve_expr
from frontwatch.store import Store
from frontwatch.store.sqlite import MIGRATIONS


def test_clean_removes_boilerplate_and_finds_outlet_and_date() -> None:
    page = ("Orontes Daily | World\nShelling hits villages south of Idlib city\nMarch 3, 2025\n\n"
            "Artillery struck three villages on Sunday, residents said.\n\nSubscribe to our newsletter\n"
            "Follow Orontes Daily on Google News\nBy Cedar Wire\n")
    result = clean(page)
    assert result.title == "Shelling hits villages south of Idlib city"
    assert result.stated_date == "2025-03-03"
    assert result.outlet == "Orontes Daily" and result.syndicated_from == "Cedar Wire"
    assert "Subscribe" not in result.text and "Follow" not in result.text


def test_gazetteer_keys_tolerate_transliteration() -> None:
    assert normalize("Ma'ardis") == normalize("Maardis")
    assert loose_key("Khanaser") == loose_key("Khanasser")
    assert loose_key("Soran") == loose_key("Suran")
    assert loose_key("Al-Jalmeh") == loose_key("Jalmeh")


def test_numbers_and_hedges() -> None:
    assert words_to_int("three hundred and twenty-seven") == 327
    assert words_to_int("1,200") == 1200
    about = parse_number_phrase("300", "about")
    assert about.best == 300 and about.low is None and about.approx
    dozens = parse_number_phrase("dozens")
    assert dozens.low == 12 and dozens.best is None  # ACLED convention, never an invented best figure


def test_a_hedged_figure_is_a_bound_never_a_best_figure() -> None:
    """"over 400" does not mean 401 and "nearly 3,000" does not mean 3,000: the hedge sets a bound, best stays empty."""
    for hedge in ("over", "more than", "upwards of", "at least"):
        parsed = parse_number_phrase("400", hedge)
        assert (parsed.low, parsed.best, parsed.high) == (400, None, None), hedge
    for hedge in ("nearly", "almost", "up to"):
        parsed = parse_number_phrase("3,000", hedge)
        assert (parsed.low, parsed.best, parsed.high) == (None, None, 3000), hedge


def test_vague_scales_keep_their_size() -> None:
    """"tens of thousands" is read whole (not as "thousands"); a plural of a scale means at least two of it."""
    [fled] = _quantities("Tens of thousands of families fled the valley after the dam was shelled.")
    assert (fled.low, fled.best, fled.high, fled.unit) == (20000, None, 99999, "displaced")
    [camp] = _quantities("Thousands of families now shelter in the camp.")
    assert (camp.low, camp.high) == (2000, 9999)
    [total] = [q for q in _quantities("The monitor said at least 30 soldiers and 12 rebels were killed.")
               if q.text.startswith("at least 30 soldiers and")]
    assert (total.low, total.best) == (42, None), "a sum with a hedged part is itself only a lower bound"


def test_a_second_party_keeps_its_own_figure() -> None:
    """Two parties' figures in one sentence: each is its own speaker's claim, not the first speaker's."""
    from frontwatch.extract.document import analyse_documents
    from frontwatch.ingest.documents import make_document
    from frontwatch.model import RawDocument

    text = ("Siege of the port\n\nThe interior ministry said nearly 1,200 people had died in the port since spring, "
            "while Red Cross teams said they had recovered 450 bodies.\n")
    document = make_document(RawDocument(source_id="t.txt", text=text, outlet="Harbour Wire", cleaned=True))
    [analysis] = analyse_documents([document])
    said = {(c.speaker, q.low, q.best, q.high) for c in analysis.claims for q in c.quantities if q.unit == "killed"}
    assert said == {("interior ministry", None, None, 1200), ("Red Cross teams", 450, 450, 450)}


@given(st.integers(min_value=0, max_value=999_999))
def test_digits_round_trip(n: int) -> None:
    assert words_to_int(f"{n:,}") == n
    parsed = parse_number_phrase(str(n))
    assert parsed is not None and parsed.low == parsed.best == parsed.high == n


def _expr(kind: str, value: str, direction: str = "past", relative_to: str = "document") -> TimeExpr:
    from frontwatch.model import Mention

    return TimeExpr(mention=Mention(doc="d", start=0, end=1, text="x"), kind=kind, value=value,  # type: ignore[arg-type]
                    direction=direction, relative_to=relative_to)  # type: ignore[arg-type]


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 1, 1)), st.integers(0, 6),
       st.sampled_from(["past", "future"]))
def test_weekday_resolves_within_a_week_in_the_right_direction(anchor: date, weekday: int, direction: str) -> None:
    interval = resolve_expr(_expr("weekday", str(weekday), direction), anchor)
    assert interval is not None and interval.start.weekday() == weekday
    delta = (interval.start - anchor).days
    assert (-6 <= delta <= 0) if direction == "past" else (1 <= delta <= 7)


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 1, 1)), st.integers(0, 6))
def test_last_weekday_is_strictly_before_the_anchor(anchor: date, weekday: int) -> None:
    interval = resolve_expr(_expr("weekday", f"{weekday}!"), anchor)
    assert interval is not None and interval.start.weekday() == weekday
    assert 1 <= (anchor - interval.start).days <= 7


def test_time_expressions() -> None:
    text = "The offensive began on Nov. 27. Rebels took the town a day earlier, and in the last 24 hours more."
    kinds = [(t.kind, t.value) for t in parse_times(text, "d")]
    assert ("month_day", "11-27") in kinds and ("offset_days", "-1") in kinds and ("recent", "1") in kinds
    anchor = date(2024, 12, 4)
    assert resolve_expr(_expr("month_day", "11-27"), anchor).start == date(2024, 11, 27)
    assert resolve_expr(_expr("offset_days", "-1", relative_to="previous"), anchor,
                        date(2024, 11, 30)).start == date(2024, 11, 29)
    assert resolve_expr(_expr("month_day", "12-30"), date(2025, 1, 2)).start == date(2024, 12, 30)
    assert resolve_expr(_expr("recent", "1"), anchor).start == anchor - timedelta(days=1)


def test_time_expression_families() -> None:
    text = ("Jets struck overnight. On Saturday the town fell; two days later the army left. Last Wednesday talks "
            "failed, and last week the road was cut. In recent days the shelling eased. Talks will resume on Friday.")
    found = {(t.mention.text.lower(), t.kind, t.value, t.direction) for t in parse_times(text, "d")}
    assert ("overnight", "recent", "1", "past") in found
    assert ("saturday", "weekday", "5", "past") in found
    assert ("two days later", "offset_days", "2", "future") in found
    assert ("last wednesday", "weekday", "2!", "past") in found
    assert ("last week", "relative_week", "-1", "past") in found
    assert ("in recent days", "recent", "7", "past") in found
    assert ("friday", "weekday", "4", "future") in found


def test_near_duplicates_point_to_the_first_copy() -> None:
    story = " ".join(f"word{i}" for i in range(200))
    dups = near_duplicates([("a", story), ("b", "something else entirely " * 20), ("c", story + " extra line")])
    assert dups == {"c": "a"}


def test_store_migrations_and_idempotent_put(tmp_path: Path) -> None:
    doc = Document(id="doc-1", source_id="x.txt", outlet="Levant Ledger", title="t", text="Some text.",
                   published=Published())
    analysis = DocAnalysis(doc="doc-1", stated_date=Published())
    with Store(tmp_path / "s.db") as store:
        assert store.schema_version() == len(MIGRATIONS)
        generation = store.generation()
        store.put(doc, analysis, "1", raw="Some text.")
        assert store.generation() > generation
        store.put(doc, analysis, "1", raw="Some text.")
        assert store.count() == 1 and store.integrity_ok()
        assert store.has_analysis("doc-1", "1") and not store.has_analysis("doc-1", "2")
    with Store(tmp_path / "s.db") as again:
        assert again.documents() == [doc]


def test_dateparser_phrases_resolve_against_the_anchor() -> None:
    anchor = date(2024, 12, 4)
    cases = {"three days ago": (date(2024, 12, 1), date(2024, 12, 1), "day"),
             "two weeks ago": (date(2024, 11, 18), date(2024, 11, 24), "week"),
             "last month": (date(2024, 11, 1), date(2024, 11, 30), "month"),
             "the 27th of November": (date(2024, 11, 27), date(2024, 11, 27), "day")}
    for text, (start, end, precision) in cases.items():
        interval = resolve_expr(_expr("phrase", text), anchor)
        assert interval is not None and (interval.start, interval.end, interval.precision) == (start, end, precision)
    assert resolve_expr(_expr("phrase", "2016"), anchor) is None, "a bare year is too vague for an event date"
    assert resolve_expr(_expr("phrase", "in the 1990s"), anchor) is None


def test_units_follow_the_nearest_governing_word_and_single_victims_count_one() -> None:
    from frontwatch.extract.quantities import extract_quantities, implicit_victims
    from frontwatch.nlp.pipeline import get_nlp

    nlp = get_nlp()

    def units(text: str) -> list[tuple[int | None, str]]:
        sent = next(nlp(text).sents)
        found = extract_quantities(sent)
        return [(q.best if q.best is not None else q.low, q.unit) for q in found + implicit_victims(sent, found)]

    assert units("The war has killed 500 people and displaced 20000 others.") == [(500, "killed"), (20000, "displaced")]
    assert units("One dead, four injured after the bus depot blast.") == [(1, "killed"), (4, "wounded")]
    assert units("A driver was shot and killed beside the petrol station.") == [(1, "killed")]
    assert units("The gunman killed a shopkeeper.") == [(1, "killed")]
    assert units("Nobody was killed in the ambush on the convoy.") == []
    assert units("The blaze began in the 1400 block of Orchard Lane.") == []
    assert units("Gunfire at a wedding hall kills one, injures five") == [(1, "killed"), (5, "wounded")]
    assert units("Three teens were detained after the gunfight that killed 1, wounded 7") == \
        [(3, "other"), (1, "killed"), (7, "wounded")]
    assert units("The explosion left one person dead and seven others injured.") == [(1, "killed"), (7, "wounded")]
    assert units("One of the passengers was flown to a trauma centre.") == []
    assert units("A boy, 7, was killed when his brother, 10, fired the shotgun.") == [(1, "killed")]
    assert units("Three people died, Channel 4 reported.") == [(3, "killed")]
    assert units("She was rushed to a clinic but later died of her injuries.") == [(1, "killed")]
    assert units("Officers named the dead man as Okafor, who was pronounced dead in the ambulance.") == [(1, "killed")]
    assert units("She shot a man who survived.") == [(1, "wounded")]  # shot and lived: wounded, never killed
    assert units("Police identified an elderly man shot and killed on Sunday night.") == [(1, "killed")]


def _quantities(text: str, year: int | None = None) -> list:
    """The quantities of the first sentence of ``text``, as the claims stage sees them."""
    from frontwatch.extract.quantities import sentence_quantities
    from frontwatch.nlp.pipeline import get_nlp

    return sentence_quantities(next(get_nlp()(text).sents), year)


def tolls(text: str, year: int | None = None) -> list[int | None]:
    """The killed figures of a text's first sentence that count as the happening's toll."""
    return [q.best for q in _quantities(text, year) if q.is_toll]


def test_a_wars_cumulative_toll_is_not_a_rival_count() -> None:
    from frontwatch.model import Claim
    from frontwatch.resolve.contradictions import number_contradictions

    def claim(i: int, speaker: str, text: str) -> Claim:
        quantities = tuple(_quantities(text))
        return Claim(id=f"c{i}", doc=f"d{i}", start=0, end=len(text), text=text, speaker=speaker, speaker_actor=None,
                     via=(), kind="casualties", stance="assert", quantities=quantities, places=(), event="evt-1")

    tolls = [claim(1, "monitor", "At least 300 people were killed in the valley this week, the monitor said."),
             claim(2, "outlet", "The civil war, which has killed 500000 people, goes on.")]
    assert [q.background for q in tolls[1].quantities] == [True]
    assert number_contradictions(tolls, {}) == []
    tolls.append(claim(3, "ministry", "The ministry said 400 people were killed in the valley this week."))
    [found] = number_contradictions(tolls, {})
    assert set(found.claims) == {"c1", "c3"}


def test_background_counts_and_victim_lists() -> None:
    """Running tolls and older incidents are background; victims named in a list are counted; ages, house
    numbers and family sizes are not counts; 'shot and killed', 'is dead', 'stabbed to death' say killed."""
    assert tolls("Over 250 residents have been killed in the province so far this year.") == []
    assert tolls("In 2009 a gunman killed 13 people at the base.", year=2016) == []
    assert tolls("On May 3, 2016 a gunman killed 3 people at the base.", year=2016) == [3]
    assert tolls("Two guards were shot and killed outside the warehouse.") == [2]
    assert tolls("Three people were stabbed to death in the flat.") == [3]
    assert tolls("One person is dead after the collapse of the footbridge.") == [1]
    assert tolls("Five of the eight people shot died at the scene.") == [5]
    assert tolls("Two drivers were killed and three others were treated for burns at a clinic.") == [2]
    assert tolls("Police believe he was aiming to kill three of the seven people in the room.") == []
    assert tolls("A grandmother, grandson, and nephew were found dead in the cabin on Thursday.") == [3]
    assert tolls("The gunman killed a shopkeeper and his brother before killing himself.") == [3]
    assert tolls("Dunmore and Achebe were shot and killed when a man burst into the flat.") == [2]
    assert tolls("Medics pronounced the rider dead on the roadside.") == [1]
    assert tolls("A mother of four was fatally shot outside the bakery.") == [1]
    assert tolls("Four people died after the shooting near 743 Locust Avenue on Friday.") == [4]
    assert tolls("Pryce, 45, shot and killed his nephew, aged 9, and then fled.") == [1]
    assert tolls("3 shot dead in Millbrook; gunman arrested") == [3]
    assert tolls("12 shot, 1 fatally, at a block party") == [1]
    assert tolls("Prosecutors say she shot two men, one of whom died on the stairs.") == [1]
    assert tolls("The feud ended in the fatal shooting of a 19-year-old student on Tuesday.") == [1]
    assert tolls("The cadet turned the pistol on herself and died in the barracks.") == [1]
    assert tolls("She faces a murder charge and two counts of robbery.") == []
    assert tolls("The county has now recorded 94 homicides this year.") == []
    assert tolls("Two men were indicted in the double murder at the car wash.") == [2]
    assert tolls("A couple and their three young sons were found shot to death on Sunday.") == [5]
    assert tolls("Five villagers were killed and eight villagers were injured in the raid.") == [5]
    assert tolls("Police found the victim's body near 4601 SE 79th Street.") == []
    assert tolls("A student was gunned down near her dormitory on Saturday.") == [1]
    assert tolls("Officers identified the 17-year-old killed in the crossfire as Dario Venn.") == [1]
    assert tolls("Officials could not say if the driver had died.") == []
    assert tolls("Crime statistics show 71 residents were murdered in the county.") == []
    assert tolls("The attack left one cashier dead and two other people injured in the mall.") == [1]
    assert tolls("Moreno was shot to death in her car around 9 p.m. on Sunday.") == [1]


def test_headlines_pronouns_reflexives_and_site_names() -> None:
    """A headline's bare participle has its victim as subject; object pronouns in a list count; a reflexive
    already counted as its verb's subject does not count twice; "self" after a count adds one; a news site's
    name, a rank or an age in an apposition is not a second victim; a period's total is background."""
    assert tolls("Delivery driver fatally shot near the river path") == [1]
    assert tolls("Teen killed in crossfire outside corner store") == [1]
    assert tolls("The gunman shot at police before fleeing.") == []
    assert tolls("Smith fatally shot and robbed a clerk at the store.") == [1]
    assert tolls("Deputies said Larkin shot and killed her and his cousin, 52-year-old Owen Larkin.") == [2]
    assert tolls("Jury hears case of a teenager who killed himself with his uncle's rifle") == [1]
    assert tolls("Farmer kills 2 neighbours, self after dispute over fence") == [3]
    assert tolls("A judge heard the case over the murder of Lena Orr on Friday.") == [1]
    assert tolls("He faces a charge of attempted murder of a clerk.") == []
    assert tolls("Deputies are investigating the death of Owen Hale, 44, Sgt.") == [1]
    assert tolls("Man charged in death of 3-year-old daughter - WXYR 5 Dayton | Local News and Weather") == [1]
    assert tolls("The attacker opened fire in the lobby, killing her cousin and two others.") == [3]
    assert tolls("The woman was found shot dead in a flat at 4100 South 300 West on Sunday.") == [1]
    assert tolls("Forty people have been shot in the first 20 days of 2017, 9 of them fatally.") == []
    assert tolls("In the past six months, nine children have died in accidental shootings.") == []
    assert tolls("When the brothers reached the porch, both were fatally shot.") == [2]
    assert tolls("The film follows two young women who were killed in the flood of rumours.") == [2]
    assert tolls("The gunman killed one and injured three before he fled.") == [1]
    assert tolls("The family of the 15 y/o girl spoke on Tuesday.") == []
    assert tolls("Rapper held over 2 shootings that killed others") == []
    assert tolls("One man died and three others, including a girl, were injured at the party.") == [1]
    assert tolls("A woman was killed, while five others were hit, none fatally, officers said.") == [1]
    assert tolls("Police said Marcus Dunn, 41 of Elmwood, was killed outside the bar.") == [1]
    assert tolls("Officers said two of the five shooting victims had died.") == [2]
    assert tolls("Investigators say he fatally shot his wife and two sons, then turned the rifle on himself.") == [4]
    assert tolls("She shot and killed her sons, ages 5 and 8, before turning the gun on herself in an attempted "
                 "suicide.") == [2]
    assert tolls("Police said Gray shot and killed his sons, 4, 6 and 9, on Monday.") == [3]
    assert tolls("The sophomore turned the rifle on herself and died on the porch.") == [1]
    assert tolls("Deputies said a farmer, his wife and their three sons died in the fire at the ranch.") == [5]
    assert tolls("A Benton County, MO teen has died in hospital after a hunting trip.") == [1]
    assert tolls("Troopers said the farmer shot his brother and then himself in a murder-suicide.") == [2]
    assert tolls("Two people died and five were hurt in four separate shootings on Saturday.") == []
    assert tolls("He said another shooting on the same corner last month left three dead.") == []
    assert tolls("In another attack on Tuesday, an air strike killed 12 people in the town.") == [12]
    assert tolls("Police arrested a man over the death of a clerk and the wounding of two others.") == [1]
    assert tolls("The guard could have been gunned down if the alarm had failed.") == []
    assert tolls("Contrary to early reports, the officer did not pass away.") == []


def test_survivors_count_as_wounded_once() -> None:
    """People shot in a limb, injured, or in stable condition count as wounded; a person who later dies is not."""
    from frontwatch.extract.quantities import document_quantities
    from frontwatch.nlp.pipeline import get_nlp

    def wounded(text: str) -> list[int | None]:
        return [q.best for q in _quantities(text) if q.unit == "wounded"]

    assert wounded("A 13-year-old girl was injured in the accidental discharge.") == [1]
    assert wounded("The hunter shot himself in the foot on Saturday.") == [1]
    assert wounded("A nurse and a teacher are in stable condition at the county hospital.") == [2]
    assert wounded("A guard was shot in the neck and died on the way to hospital.") == []
    assert wounded("No one was injured in the blast.") == []
    assert wounded("She died from two gunshot wounds to the chest.") == []
    text = "Halvorsen was shot in the stomach on Monday. Halvorsen died at the clinic on Wednesday."
    sentences = list(get_nlp()(text).sents)
    assert [[q.unit for q in found] for found in document_quantities(sentences)] == [[], ["killed"]]


def test_attribution_fixtures_speakers_stances_and_chains() -> None:
    """Our own tricky attribution stories (eval/attribution_fixtures.tsv): nested agencies, a quote split across
    sentences, 'denied reports that', numbers in headlines, inverted 'reports X', sackings that are not denials."""
    from frontwatch.evaluation import REPO, attribution_rows, score_attribution

    scores = score_attribution(attribution_rows(REPO / "eval" / "attribution_fixtures.tsv"))
    assert scores.rows >= 30
    assert scores.failures == []
