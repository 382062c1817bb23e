"""A synthetic news corpus for the scale benchmarks: our own sentence templates over real gazetteer places, real
actors from the actor dictionary and calendar dates, deterministic by seed.

    .venv/bin/python bench/synthetic.py N OUT.jsonl [--seed S]

Each *happening* (an attack, a strike, shelling, a clash, a capture) is told by one to four outlets in different
words, so resolution has reports to merge; some later reports give another death toll (a contradiction) and some
happenings draw a denial from the side blamed. Lines are JSON objects with id, title, text, outlet, published, as
``frontwatch analyze`` reads them. The same N and seed give the same bytes.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from frontwatch import gazetteer
from frontwatch.actor_dictionary import actor_table, country_names

START = date(2022, 1, 1)  # happenings fall in START + [0, SPAN_DAYS)
SPAN_DAYS = 730
MIN_POPULATION = 5_000  # towns big enough to carry a name of their own in the gazetteer
MIN_ACTORS = 3  # countries with at least this many named actors host the happenings
REPORTS = (1, 1, 2, 2, 3, 4)  # outlets per happening, drawn uniformly: mean 2.2 reports
CONTRADICTION_SHARE = 0.2  # of reports after the first: another toll
DENIAL_SHARE = 0.15  # of happenings: the side blamed denies it
OUTLETS = ("Northline Wire", "Harbour Daily", "The Meridian", "Plainview Post", "Coastal Herald",
           "Ridge Radio", "Eastgate Times", "Lantern News")  # invented names

# Our own words. {a}: the doer, {b}: the other side, {p}: the place, {c}: its country, {d}: the day, {n}: the toll
LEADS = {
    "attack": ("Gunmen from {a} attacked {p} on {d}, killing {n} civilians.",
               "{a} fighters raided {p}, {c}, on {d} and killed {n} villagers, residents said.",
               "At least {n} people died on {d} when {a} stormed the market in {p}."),
    "air": ("An air strike hit {p} in {c} on {d}, killing {n} people, medics said.",
            "Warplanes bombed {p} on {d}; {n} people were killed, according to local officials."),
    "shelling": ("Artillery shells fell on {p} on {d}, killing {n} residents.",
                 "{a} shelled {p} on {d}, leaving {n} people dead, the regional governor said."),
    "clash": ("{a} and {b} fought near {p} on {d}; {n} fighters were killed.",
              "Clashes between {a} and {b} in {p} on {d} left {n} combatants dead, a monitor said."),
    "capture": ("{a} captured {p} on {d} after a day of fighting.",
                "{a} said on {d} that its forces had taken control of {p}."),
}
DENIALS = ("{a} denied any role in the violence in {p}.", "A spokesman for {a} denied the reports from {p}.")
CONTEXT = ("Aid groups said the roads out of {p} were crowded.", "Schools in {p} stayed closed the next day.",
           "The area around {p} has seen fighting for months.", "Officials asked residents of {p} to stay indoors.")


@dataclass(frozen=True)
class Scene:
    place: str
    country: str
    actors: tuple[str, ...]  # short names of actors active in the country, for {a} and {b}


def _short(name: str) -> str:
    """'SPLM-N: Sudan People's ...' is written 'SPLM-N'; other names as they are."""
    return name.split(":", 1)[0].strip()


def scenes(seed: int) -> list[Scene]:
    """Real towns of countries where the actor dictionary names several armed groups, in a seed-fixed order."""
    table = actor_table()
    by_country: dict[str, list[str]] = {}
    for info in sorted(table.values(), key=lambda i: i.id):
        if info.end is None and info.inter in (1, 2, 3, 4, 8):  # ACLED's armed actor codes, still active
            for code in info.countries:
                by_country.setdefault(code, []).append(_short(info.name))
    names = country_names()
    wanted = {c: tuple(a) for c, a in by_country.items() if len(a) >= MIN_ACTORS and c in names}
    gaz = gazetteer.load()
    out = [Scene(e.name, names[e.country], wanted[e.country]) for e in gaz.entries
           if e.country in wanted and e.kind in ("city", "town") and e.population >= MIN_POPULATION]
    out.sort(key=lambda s: (s.country, s.place))
    random.Random(seed).shuffle(out)
    return out


def _day(d: date) -> str:
    return f"{d.day} {d.strftime('%B %Y')}"


def documents(n: int, seed: int = 1) -> Iterator[dict[str, str]]:
    """N documents, happening after happening (the last happening may be cut short)."""
    rng = random.Random(seed)
    places = scenes(seed)
    made = 0
    happening = 0
    while made < n:
        scene = places[happening % len(places)]
        kind = sorted(LEADS)[rng.randrange(len(LEADS))]
        doer, other = rng.sample(scene.actors, 2)
        day = START + timedelta(days=rng.randrange(SPAN_DAYS))
        toll = rng.randint(2, 40)
        fields = {"a": doer, "b": other, "p": scene.place, "c": scene.country, "d": _day(day)}
        outlets = rng.sample(OUTLETS, min(rng.choice(REPORTS), n - made))
        denied = rng.random() < DENIAL_SHARE
        for k, outlet in enumerate(outlets):
            said = toll if k == 0 or rng.random() >= CONTRADICTION_SHARE else toll + rng.randint(3, 20)
            lead = rng.choice(LEADS[kind]).format(n=said, **fields)
            lines = [lead[0].upper() + lead[1:], rng.choice(CONTEXT).format(**fields)]
            if denied and k == len(outlets) - 1:
                lines.append(rng.choice(DENIALS).format(**fields))
            published = day + timedelta(days=rng.randint(0, 1))
            yield {"id": f"syn-{seed}-{made:06d}", "title": f"{kind.title()} in {scene.place}", "outlet": outlet,
                   "published": published.isoformat(), "text": " ".join(lines)}
            made += 1
        happening += 1


def write(n: int, out: Path, seed: int = 1) -> Path:
    with out.open("w", encoding="utf-8") as handle:
        for doc in documents(n, seed):
            handle.write(json.dumps(doc, ensure_ascii=False, sort_keys=True) + "\n")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    write(args.n, args.out, args.seed)
    print(f"{args.n} documents in {args.out}")


if __name__ == "__main__":
    main()
