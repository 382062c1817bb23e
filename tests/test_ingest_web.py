"""Real-world ingest: HTML pages (trafilatura + htmldate), URLs with guards, RSS/Atom feeds, languages, watch mode.
All network traffic goes to a real HTTP server on 127.0.0.1 started by the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontwatch.analyze import analyze, collect
from frontwatch.errors import InputError
from frontwatch.ingest.fetch import check_address, fetch
from frontwatch.ingest.readers import ReadOptions
from frontwatch.store import Store
from frontwatch.watch import watch

LOCAL = ReadOptions(allow_private=True, timeout=2.0)

PAGE = """<!doctype html><html><head><title>Rebels reach Morek | Orontes Daily</title>
<meta property="og:site_name" content="Orontes Daily">
<meta property="article:published_time" content="2024-11-30T09:15:00+00:00">
<script>var tracking = "DO NOT KEEP";</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> Subscribe Donate</nav>
<div class="cookie-banner">We use cookies to improve your experience. Accept all</div>
<article><h1>Rebels reach Morek as army pulls back</h1>
<p>Opposition fighters entered the town of Morek in northern Hama province on Saturday, according to the Syrian
Observatory for Human Rights, after two days of fighting along the main highway.</p>
<p>The monitor said at least 14 soldiers and 9 rebel fighters were killed. Syrian state media said the army had
repositioned its units to protect civilians and denied that the town had fallen.</p>
<p>Residents reported heavy traffic on the road south towards Hama city as families left the area.</p>
</article><aside>POPULAR: Ten recipes for winter</aside><footer>© 2024 Orontes Daily. All rights reserved.</footer>
</body></html>"""

TEASER_PAGE = PAGE.replace("Morek", "Souran").replace("2024-11-30", "2024-12-01").replace("Orontes Daily",
                                                                                          "Orontes Daily")


def rss(items: list[tuple[str, str, str, str]]) -> str:
    body = "".join(f"<item><guid>{guid}</guid><title>{title}</title><link>{link}</link>"
                   f"<pubDate>Sun, 01 Dec 2024 08:00:00 GMT</pubDate><description>{text}</description></item>"
                   for guid, title, link, text in items)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Hama Watch</title>'
            f"<link>http://example.org/</link>{body}</channel></rss>")


LONG_ENTRY = ("Government aircraft struck the village of Kafr Nabudah in the Hama countryside on Sunday, the Syrian "
              "Observatory for Human Rights said, adding that three civilians were killed. " * 4)


def test_url_of_a_page_gives_article_text_title_outlet_and_metadata_date(local_web) -> None:
    url = local_web.add("/story.html", PAGE)
    docs, errors = collect([url], LOCAL)
    assert errors == []
    [(document, original)] = docs
    assert document.outlet == "Orontes Daily"
    assert document.published.date == "2024-11-30" and document.published.basis == "metadata"
    assert "Morek" in document.text and "cookies" not in document.text and "tracking" not in document.text
    assert "POPULAR" not in document.text and "All rights reserved" not in document.text
    assert document.url == url and document.language == "en"
    assert original == PAGE, "the page as fetched is what the store keeps as the original"


def test_saved_html_file_goes_through_the_same_extractor(tmp_path: Path) -> None:
    page = tmp_path / "saved.html"
    page.write_text(PAGE, encoding="utf-8")
    [(document, _)], errors = collect([str(page)])
    assert errors == [] and document.outlet == "Orontes Daily" and "cookies" not in document.text


def test_private_addresses_are_refused_unless_allowed(local_web) -> None:
    url = local_web.add("/story.html", PAGE)
    docs, errors = collect([url])
    assert docs == [] and len(errors) == 1
    assert "private or local address" in str(errors[0]) and url in str(errors[0])
    assert local_web.hits == [], "nothing was sent to the refused address"


@pytest.mark.parametrize("url", ["http://10.1.2.3/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/",
                                 "http://0.0.0.0/", "http://localhost/", "ftp://example.org/x", "file:///etc/passwd",
                                 "http:///nohost"])
def test_check_address_refuses_internal_targets_and_other_schemes(url: str) -> None:
    with pytest.raises(InputError):
        check_address(url, allow_private=False)


def test_fetch_limits_status_type_size_redirects_timeout(local_web) -> None:
    local_web.add("/big", "x" * 5000, ctype="text/plain")
    local_web.add("/image", b"\x89PNG....", ctype="image/png")
    local_web.add("/gone", "no", status=410)
    local_web.add("/slow", PAGE, delay=1.5)
    local_web.add("/hop0", "", status=302, headers={"Location": "/hop1"})
    for i in range(1, 8):
        local_web.add(f"/hop{i}", "", status=302, headers={"Location": f"/hop{i + 1}"})
    local_web.add("/moved", "", status=301, headers={"Location": "/story"})
    local_web.add("/story", PAGE)
    cases = {"/big": "too large", "/image": "content-type image/png", "/gone": "HTTP 410", "/slow": "timed out",
             "/hop0": "redirects"}
    for path, expected in cases.items():
        with pytest.raises(InputError, match=expected):
            fetch(local_web.base + path, allow_private=True, timeout=0.5, max_bytes=1000 if path == "/big" else 10**6)
    assert fetch(local_web.base + "/moved", allow_private=True).url == local_web.base + "/story"


def test_feed_url_entries_full_text_and_teasers_fetched(local_web) -> None:
    teaser_url = local_web.add("/souran.html", TEASER_PAGE)
    feed_url = local_web.add("/feed.xml", rss([("e1", "Strikes on Kafr Nabudah", "http://example.org/e1", LONG_ENTRY),
                                               ("e2", "Souran", teaser_url, "Short teaser.")]),
                             ctype="application/rss+xml")
    docs, errors = collect([feed_url], LOCAL)
    assert errors == []
    by_source = {d.source_id: d for d, _ in docs}
    assert set(by_source) == {"e1", "e2"}
    assert by_source["e1"].published.date == "2024-12-01" and by_source["e1"].outlet == "Hama Watch"
    assert "Souran" in by_source["e2"].text and "teaser" not in by_source["e2"].text.lower()
    assert by_source["e2"].url == teaser_url


def test_local_feed_file_is_read_without_network(tmp_path: Path, local_web) -> None:
    feed = tmp_path / "hama.rss"
    feed.write_text(rss([("e1", "Strikes", local_web.base + "/nowhere", LONG_ENTRY)]), encoding="utf-8")
    [(document, _)], errors = collect([str(feed)])
    assert errors == [] and "Kafr Nabudah" in document.text
    assert local_web.hits == []


def test_broken_feed_and_empty_page_are_one_line_errors(tmp_path: Path, local_web) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text("<?xml version='1.0'?><rss><channel><item><title>unclosed", encoding="utf-8")
    empty = local_web.add("/empty.html", "<html><body><nav>Home</nav></body></html>")
    docs, errors = collect([str(bad), empty], LOCAL)
    assert docs == [] and len(errors) == 2
    assert all("\n" not in str(e) for e in errors)
    assert str(bad) in str(errors[0]) and empty in str(errors[1])


def test_non_english_documents_are_stored_and_flagged_not_parsed(tmp_path: Path) -> None:
    arabic = tmp_path / "ar.txt"
    arabic.write_text("سيطرت فصائل المعارضة المسلحة على مدينة حلب بعد هجوم واسع بدأ يوم الأربعاء، "
                      "وفق ما أفاد المرصد السوري لحقوق الإنسان.\n", encoding="utf-8")
    english = tmp_path / "en.txt"
    english.write_text("Rebels captured the town of Morek on Saturday, the Syrian Observatory for Human Rights "
                       "said.\n", encoding="utf-8")
    result = analyze([str(arabic), str(english)], tmp_path / "s.db", None)
    languages = {d.source_id: d.language for d in result.picture.documents}
    assert languages == {"ar.txt": "ar", "en.txt": "en"}
    arabic_id = next(d.id for d in result.picture.documents if d.language == "ar")
    assert not any(c.doc == arabic_id for c in result.picture.claims)


def test_watch_analyses_new_entries_only_and_survives_bad_feeds(tmp_path: Path, local_web) -> None:
    entries = [("e1", "Strikes", "http://example.org/e1", LONG_ENTRY)]
    good = local_web.add("/feed.xml", rss(entries), ctype="application/rss+xml")
    down = local_web.add("/down.xml", "oops", status=503)
    broken = local_web.add("/broken.xml", "<html>not a feed</html>")
    slow = local_web.add("/slow.xml", rss(entries), ctype="application/rss+xml", delay=1.5)
    lines: list[str] = []
    db = tmp_path / "w.db"
    options = ReadOptions(allow_private=True, timeout=0.5)
    stored = watch([good, down, broken, slow], db, tmp_path / "out", every=0.05, rounds=2, options=options,
                   log=lines.append)
    assert stored == 1
    errors = [line for line in lines if line.startswith("error:")]
    for url, words in ((down, "HTTP 503"), (broken, "not an RSS or Atom feed"), (slow, "timed out")):
        assert any(url in line and words in line for line in errors), (url, errors)
    assert all("\n" not in line and "Traceback" not in line for line in lines)
    assert (tmp_path / "out" / "picture.json").exists()
    entries.append(("e2", "More strikes", "http://example.org/e2", LONG_ENTRY.replace("three", "five")))
    local_web.add("/feed.xml", rss(entries), ctype="application/rss+xml")
    assert watch([good], db, None, every=0.05, rounds=1, options=options, log=lines.append) == 1
    assert watch([good], db, None, every=0.05, rounds=1, options=options, log=lines.append) == 0
    with Store(db) as store:
        assert store.count() == 2 and store.integrity_ok()
        assert store.seen_entries(good) == {"e1", "e2"}
