"""What analyze stores but does not analyse, and what cleaning cut heavily, is said on stderr, one line each."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from frontwatch.analyze import collect, notices
from frontwatch.cli import app
from frontwatch.model import Document

# Our own words, in French: clashes near a town in the east of the DRC.
FRENCH = ("Des combats ont repris mardi soir autour de la ville de Goma, dans l'est du pays, selon des habitants "
          "joints par téléphone. Les rebelles affirment avoir pris deux collines qui dominent la route principale, "
          "ce que l'armée dément. Des milliers de familles ont fui vers le sud au cours de la nuit.\n\n"
          "Les organisations humanitaires disent manquer de tout pour accueillir les personnes déplacées.\n")
FURNITURE = ["Home", "Menu", "Follow us on Telegram", "Subscribe to our newsletter", "Share this article",
             "Donate to support independent reporting", "Read more: Fighting spreads to the eastern districts"]


def test_a_french_article_is_named_with_its_language_and_gets_a_real_title(tmp_path: Path) -> None:
    article = tmp_path / "articles" / "goma.txt"
    article.parent.mkdir()
    article.write_text(FRENCH, encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(article.parent), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert f"notice: {article}: French (fr) text stored but not analysed (English only)" in result.stderr.splitlines()
    picture = json.loads((tmp_path / "out" / "picture.json").read_text(encoding="utf-8"))
    (document,) = picture["documents"]
    assert document["language"] == "fr"
    assert document["title"] == ("Des combats ont repris mardi soir autour de la ville de Goma, dans l'est du pays, "
                                 "selon des habitants joints par…")  # its first sentence, cut at a word
    report = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "Les rebelles affirment" not in report, "the report lists the document by its title, not its text"


def test_a_page_cut_heavily_by_cleaning_is_named_with_the_rules(tmp_path: Path) -> None:
    page = tmp_path / "heavy.txt"
    page.write_text("\n".join([*FURNITURE, "Clashes near the river", "Gunfire was heard near the river today."]),
                    encoding="utf-8")
    light = tmp_path / "light.txt"
    light.write_text("Clashes near the river\n\nGunfire was heard near the river on Tuesday, residents said.\n"
                     "Follow us on Telegram\n", encoding="utf-8")
    docs, errors = collect([str(page), str(light)])
    assert not errors
    said = [str(n) for n in notices(d for d, _ in docs)]
    assert said == [f"{page}: cleaning removed 71% of the text (subscribe 66 chars, read_more 52 chars, nav 26 chars)"]


def test_documents_stored_before_cleaning_was_recorded_still_load() -> None:
    old = {"id": "doc-1", "source_id": "a.txt", "outlet": "x", "title": "t", "text": "t",
           "published": {"date": None, "precision": "unknown", "basis": "unknown", "evidence": ""}}
    assert Document.model_validate_json(json.dumps(old)).cleaning is None


def test_the_api_says_a_posted_french_article_is_not_analysed(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from frontwatch.api.app import create_app

    client = TestClient(create_app(tmp_path / "api.db"))
    response = client.post("/api/documents", json={"text": FRENCH})
    assert response.status_code == 201, response.text
    answer = response.json()
    assert answer["language"] == "fr"
    assert answer["notices"] == ["French (fr) text stored but not analysed (English only)"]
    assert answer["title"].startswith("Des combats ont repris") and len(answer["title"]) <= 120
