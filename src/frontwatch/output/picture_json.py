"""picture.json: the Picture as stable, sorted, byte-identical JSON (schema frontwatch.picture/1)."""

from __future__ import annotations

import json
from typing import Any

from ..model import Picture


def picture_dict(picture: Picture) -> dict[str, Any]:
    data = picture.model_dump(mode="json", by_alias=True)
    for doc in data["documents"]:
        published = doc["published"]
        if published.get("window") is None:
            published.pop("window", None)
    return data


def picture_json(picture: Picture) -> str:
    return json.dumps(picture_dict(picture), ensure_ascii=False, indent=1, sort_keys=False) + "\n"
