"""picture.json streamed record by record (output/picture_json.picture_chunks) is byte for byte the whole-picture
rendering: write_outputs never holds the whole text (issue 20: memory grows with the corpus otherwise)."""

from __future__ import annotations

from pathlib import Path

from frontwatch.model import Picture
from frontwatch.output.picture_json import picture_chunks, picture_json
from frontwatch.output.write import PICTURE, PREVIOUS, write_outputs


def test_the_streamed_picture_is_the_whole_rendering(demo_run: tuple) -> None:
    picture = demo_run[0].picture
    assert picture.documents and picture.control  # the fixture holds every kind of record
    assert "".join(picture_chunks(picture)) == picture_json(picture)
    empty = Picture(documents=(), places=(), actors=(), claims=(), events=(), contradictions=(), timeline=())
    assert "".join(picture_chunks(empty)) == picture_json(empty)


def test_write_outputs_streams_picture_json_and_keeps_the_baseline(demo_run: tuple, tmp_path: Path) -> None:
    picture = demo_run[0].picture
    earlier = picture.model_copy(update={"events": picture.events[1:]})
    write_outputs(earlier, tmp_path, [PICTURE])
    write_outputs(picture, tmp_path, [PICTURE])
    assert (tmp_path / PICTURE).read_text(encoding="utf-8") == picture_json(picture)
    assert (tmp_path / PREVIOUS).read_text(encoding="utf-8") == picture_json(earlier)
    write_outputs(picture, tmp_path, ["events.csv"])  # picture.json not asked for: compared, not left behind
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.csv", PICTURE, PREVIOUS]
