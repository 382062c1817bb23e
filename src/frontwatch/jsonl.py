"""JSON Lines reading shared by every JSONL input (documents, snippets to classify, labelled examples)."""

from __future__ import annotations

import json
from collections.abc import Iterator

from .errors import InputError


def jsonl_objects(text: str, where: str) -> Iterator[tuple[int, dict[str, object] | InputError]]:
    """(line number, object) for each non-blank line, or an InputError naming ``where:line`` for a line that is not
    valid JSON or not a JSON object. The caller decides whether a bad line stops the file or is skipped."""
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            # json's messages can end in "at" ("Unterminated string starting at"): the column completes them
            at = "" if exc.msg.endswith(" at") else " at"
            yield lineno, InputError(f"not valid JSON ({exc.msg}{at} column {exc.colno})", where=f"{where}:{lineno}")
            continue
        except RecursionError:  # the C decoder recurses per bracket: "[[[[..." thousands deep exhausts the stack
            yield lineno, InputError("not valid JSON (nested too deeply)", where=f"{where}:{lineno}")
            continue
        if not isinstance(record, dict):
            yield lineno, InputError("a JSONL line must be a JSON object", where=f"{where}:{lineno}")
            continue
        yield lineno, record
