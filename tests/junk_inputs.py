"""Malformed inputs of every kind frontwatch reads, generated from a seeded Random so a run is reproducible.

Each maker returns (file name, bytes); none of them holds an article, so every one must be named on stderr.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

SUFFIXES = (".txt", ".html", ".xml", ".jsonl", ".md", ".rss", ".atom", ".htm")  # binary garbage gets any of these
LONG_LINE = 400_000  # characters in one line without a sentence
DEEP = 5_000  # nesting depth of brackets or tags

_RSS = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><guid>g1</guid>'
        "<title>Shelling reported</title><description>Shells fell near the market overnight, residents said."
        "</description></item></channel></rss>")
_ATOM = ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title>'
         "<entry><id>e1</id><title>Convoy hit</title><content>A convoy was hit on the northern road.</content>"
         "</entry></feed>")
_HTML = ("<!doctype html><html><head><title>Frontline update</title></head><body><article><h1>Frontline update"
         "</h1><p>Drones struck a depot on the edge of the city before dawn, officials said.</p></article></body>"
         "</html>")
_JSONL = '{"id": "w1", "text": "Militias clashed with police near the port on Monday, witnesses said."}'
_WORDS = ("zqx", "lorem", "vvv", "0x1f", "qwerty", "asdf", "%%", "NaN", "{}", "[]", "null", "\\u0000", "--")


def _random_bytes(rng: random.Random) -> bytes:
    return rng.randbytes(rng.randint(1, 4000))


def _nul_text(rng: random.Random) -> bytes:
    return "\x00".join(rng.choice(_WORDS) for _ in range(rng.randint(2, 300))).encode()


def _truncated_markup(rng: random.Random) -> bytes:
    """A page or feed cut off before its first sentence (a cut after it leaves a short but real article)."""
    source = rng.choice((_RSS, _ATOM, _HTML))
    return source[: rng.randint(0, source.index("</title>"))].encode()


def _truncated_jsonl(rng: random.Random) -> bytes:
    return _JSONL[: rng.randint(1, len(_JSONL) - 2)].encode()


def _deep_json(rng: random.Random) -> bytes:
    opener, closer = rng.choice((("[", "]"), ('{"a":', "}"), ("[{\"x\":", "}]")))
    depth = rng.randint(DEEP // 2, DEEP)
    return (opener * depth + "1" + closer * rng.choice((depth, 0, depth // 2))).encode()


def _deep_markup(rng: random.Random) -> bytes:
    tag = rng.choice(("div", "span", "item", "b"))
    depth = rng.randint(DEEP // 2, DEEP)
    return (f"<{tag}>" * depth + rng.choice(_WORDS) + f"</{tag}>" * rng.choice((depth, 0))).encode()


def _long_line(rng: random.Random) -> bytes:
    if rng.random() < 0.5:
        alphabet = "abcdefghijklmnopqrstuvwxyz<>&;"
        return "".join(rng.choices(alphabet, k=LONG_LINE)).encode()
    return " ".join(rng.choices(_WORDS, k=LONG_LINE // 5)).encode()[:LONG_LINE]


def _utf16(rng: random.Random) -> bytes:
    text = rng.choice((_HTML, _RSS, "Artillery fire was heard across the river through the night."))
    return text.encode(rng.choice(("utf-16", "utf-16-le", "utf-16-be")))  # "utf-16" writes a BOM


def _lone_angles(rng: random.Random) -> bytes:
    return "".join(rng.choice(("<", "< ", "<<", "<!", "<?", "</", "\n")) for _ in range(rng.randint(1, 500))).encode()


def _empty(rng: random.Random) -> bytes:
    return rng.choice((b"", b" ", b"\n\n\n", b"\t \r\n", b"\xef\xbb\xbf"))


def _binary_header(rng: random.Random) -> bytes:
    header = rng.choice((b"\x89PNG\r\n\x1a\n", b"\x1f\x8b\x08\x00", b"PK\x03\x04", b"%PDF-1.7\n", b"\x7fELF\x02"))
    return header + rng.randbytes(rng.randint(0, 3000))


def _symbol_soup(rng: random.Random) -> bytes:
    alphabet = "!@#$%^&*()_+=-{}[]|:;'\",.<>/?`~0123456789 \n"
    return "".join(rng.choices(alphabet, k=rng.randint(1, 6000))).encode()


def _bad_jsonl_records(rng: random.Random) -> bytes:
    lines = ["[1, 2, 3]", '"just a string"', '{"id": 1}', '{"text": 5}', '{"text": "   "}', "{bad json}",
             '{"text": "ok", "title": 7}', "nul\x00l", "{" * DEEP]
    return "\n".join(rng.sample(lines, k=rng.randint(1, len(lines)))).encode()


MAKERS: tuple[tuple[Callable[[random.Random], bytes], tuple[str, ...]], ...] = (  # maker, the suffixes it is given
    (_random_bytes, SUFFIXES), (_nul_text, SUFFIXES), (_truncated_markup, (".html", ".htm", ".xml", ".rss", ".atom")),
    (_truncated_jsonl, (".jsonl", ".ndjson", ".txt", ".html")), (_deep_json, (".jsonl", ".txt")),
    (_deep_markup, SUFFIXES),
    (_long_line, SUFFIXES), (_utf16, SUFFIXES), (_lone_angles, SUFFIXES), (_empty, SUFFIXES),
    (_binary_header, SUFFIXES), (_symbol_soup, SUFFIXES), (_bad_jsonl_records, (".jsonl", ".txt", ".htm")),
)


def write_junk(directory: Path, count: int, seed: int) -> list[Path]:
    """``count`` malformed files in ``directory``, each kind of maker under several file extensions."""
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        maker, suffixes = MAKERS[i % len(MAKERS)]
        path = directory / f"junk{i:03d}_{maker.__name__.strip('_')}{rng.choice(suffixes)}"
        path.write_bytes(maker(rng))
        paths.append(path)
    return paths
