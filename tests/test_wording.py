"""Messages read as English: counted nouns agree with their number, and no word is said twice."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from frontwatch.jsonl import jsonl_objects
from frontwatch.wording import count

SRC = Path(__file__).resolve().parents[1] / "src" / "frontwatch"
# What a user reads: the command line, watch's log, the API's messages, the report and exports, input errors.
USER_FACING = ["cli.py", "watch.py", "jsonl.py", "api", "output", "ingest"]


@pytest.mark.parametrize(("n", "noun", "plural", "said"), [
    (0, "new document", None, "0 new documents"), (1, "outlet", None, "1 outlet"), (2, "feed", None, "2 feeds"),
    (1, "entry", "entries", "1 entry"), (3, "entry", "entries", "3 entries"),
])
def test_count_agrees_with_its_number(n: int, noun: str, plural: str | None, said: str) -> None:
    assert count(n, noun, plural) == said


@pytest.mark.parametrize(("line", "said"), [
    ('{"text": "shelling near the bridge', "not valid JSON (Unterminated string starting at column 10)"),
    ('{"text" "no colon"}', "not valid JSON (Expecting ':' delimiter at column 9)"),
])
def test_a_bad_json_line_names_its_column_once(line: str, said: str) -> None:
    [(lineno, error)] = list(jsonl_objects(line, "notes.jsonl"))
    assert lineno == 1 and str(error) == f"notes.jsonl:1: {said}"


def _strings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)]


def test_no_message_hedges_its_plural() -> None:
    files = [p for name in USER_FACING for p in ([SRC / name] if name.endswith(".py") else (SRC / name).rglob("*.py"))]
    hedged = [(p.relative_to(SRC).as_posix(), s) for p in files for s in _strings(p)
              if re.search(r"(?<!http)\(s\)", s)]
    assert hedged == [], "say '1 document' / '2 documents' with frontwatch.wording.count, not 'document(s)'"
