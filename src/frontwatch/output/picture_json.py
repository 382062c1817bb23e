"""picture.json: the Picture as stable, sorted, byte-identical JSON (schema frontwatch.picture/1)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from ..model import Picture

NESTED = "\n  "  # a record inside a top-level list: two levels in, at picture_json's indent of 1


def picture_dict(picture: Picture) -> dict[str, Any]:
    data = picture.model_dump(mode="json", by_alias=True)
    for doc in data["documents"]:
        _drop_empty_window(doc)
    return data


def _drop_empty_window(doc: dict[str, Any]) -> None:
    published = doc["published"]
    if published.get("window") is None:
        published.pop("window", None)


def picture_json(picture: Picture) -> str:
    return json.dumps(picture_dict(picture), ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def picture_chunks(picture: Picture) -> Iterator[str]:
    """picture_json's text in pieces, one record at a time: the same bytes, without the whole picture as one dict and
    one string in memory (a 10,000-document picture.json is 30 MB of text, several times that as Python objects)."""
    yield "{"
    for at, (name, field) in enumerate(Picture.model_fields.items()):
        yield ("," if at else "") + "\n " + json.dumps(field.alias or name) + ": "
        value = getattr(picture, name)
        if not isinstance(value, tuple):
            yield json.dumps(value, ensure_ascii=False, indent=1)
            continue
        if not value:
            yield "[]"
            continue
        yield "["
        for i, record in enumerate(value):
            yield ("," if i else "") + NESTED + _record_json(record, name == "documents").replace("\n", NESTED)
        yield "\n ]"
    yield "\n}\n"


def _record_json(record: BaseModel, document: bool) -> str:
    data = record.model_dump(mode="json", by_alias=True)
    if document:
        _drop_empty_window(data)
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False)
