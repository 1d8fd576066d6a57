"""bot.sources_file and SourceRepo.sync_from_file: the sources file into the database."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.sources_file import SourcesFileError, load_sources_file
from storage.records import SourceSeed
from storage.sources_repo import RETIRED_REASON

SEEDS = Path(__file__).resolve().parents[1] / "seeds" / "sources.yaml"

GOOD_ENTRY = """\
  - key: vlast-kz
    name: Власть
    url: https://vlast.kz/rss.xml
    lang: ru
    country: KZ
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# --- the repository's own file ------------------------------------------------------------


def test_the_real_sources_file_loads_at_least_20_sources():
    assert len(load_sources_file(SEEDS)) >= 20


def test_the_real_sources_file_has_unique_keys():
    keys = [entry.key for entry in load_sources_file(SEEDS)]
    assert len(keys) == len(set(keys))


def test_the_real_sources_file_has_only_http_urls_and_known_languages():
    for entry in load_sources_file(SEEDS):
        assert re.match(r"^https?://[^/\s]+", entry.url), entry.key
        assert entry.lang in (None, "ru", "kk", "ky", "uk", "en", "uz", "tg"), entry.key


def test_a_valid_entry_becomes_a_seed(tmp_path):
    (entry,) = load_sources_file(_write(tmp_path, "sources:\n" + GOOD_ENTRY))
    assert entry.seed() == SourceSeed("vlast-kz", "Власть", "https://vlast.kz/rss.xml", "ru", "KZ")


# --- errors -------------------------------------------------------------------------------


def test_a_missing_file_is_a_sources_file_error(tmp_path):
    path = tmp_path / "nowhere.yaml"
    with pytest.raises(SourcesFileError) as caught:
        load_sources_file(path)
    message = str(caught.value)
    assert str(path) in message
    assert "not found" in message
    assert "SOURCES_FILE" in message


@pytest.mark.parametrize(
    "text",
    [
        "sources:\n  - key: a\n    name: [unclosed\n",
        "sources:\n\t- key: a\n",
        "sources:\n  - key: a\n   name: misaligned\n",
    ],
)
def test_invalid_yaml_is_a_sources_file_error(tmp_path, text):
    path = _write(tmp_path, text)
    with pytest.raises(SourcesFileError) as caught:
        load_sources_file(path)
    message = str(caught.value)
    assert str(path) in message
    assert "unreadable" in message
    assert "line" in message


def test_duplicate_keys_are_a_sources_file_error_naming_the_key(tmp_path):
    twice = GOOD_ENTRY.replace("Власть", "Власть (копия)")
    path = _write(tmp_path, "sources:\n" + GOOD_ENTRY + twice)
    with pytest.raises(SourcesFileError, match=r"keys used more than once: vlast-kz"):
        load_sources_file(path)


@pytest.mark.parametrize(
    "url",
    [
        "ftp://vlast.kz/rss.xml",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "vlast.kz/rss.xml",
        "feed://vlast.kz/rss.xml",
    ],
)
def test_a_bad_url_scheme_is_a_sources_file_error(tmp_path, url):
    path = _write(tmp_path, "sources:\n" + GOOD_ENTRY.replace("https://vlast.kz/rss.xml", url))
    with pytest.raises(SourcesFileError) as caught:
        load_sources_file(path)
    message = str(caught.value)
    assert "sources.0.url" in message
    assert "http:// or https://" in message


@pytest.mark.parametrize("lang", ["russian", "RU", "ru-RU", "de", "kz"])
def test_a_bad_lang_is_a_sources_file_error(tmp_path, lang):
    path = _write(tmp_path, "sources:\n" + GOOD_ENTRY.replace("lang: ru", f"lang: {lang}"))
    with pytest.raises(SourcesFileError) as caught:
        load_sources_file(path)
    message = str(caught.value)
    assert "sources.0.lang" in message
    assert "must be one of ru, kk, ky, uk, en, uz, tg" in message


@pytest.mark.parametrize(
    "key",
    ["Vlast-KZ", "vlast kz", "vlast_kz", "-vlast", "'власть'", "''", "a" * 65],
)
def test_a_bad_key_is_a_sources_file_error(tmp_path, key):
    path = _write(tmp_path, "sources:\n" + GOOD_ENTRY.replace("key: vlast-kz", f"key: {key}"))
    with pytest.raises(SourcesFileError) as caught:
        load_sources_file(path)
    message = str(caught.value)
    assert "sources.0.key" in message
    assert "lowercase letters, digits and dashes" in message


NO_KEY = "  - name: Без ключа\n    url: https://x.kz/\n"


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("sources:\n" + GOOD_ENTRY + NO_KEY, "sources.1.key"),
        ("feeds: []\n", "sources"),
        ("sources:\n  - just-a-string\n", "sources.0"),
    ],
)
def test_a_malformed_structure_is_a_sources_file_error_saying_where(tmp_path, text, where):
    with pytest.raises(SourcesFileError, match=rf": {re.escape(where)}: "):
        load_sources_file(_write(tmp_path, text))


def test_a_file_that_is_not_utf8_is_a_sources_file_error(tmp_path):
    path = tmp_path / "sources.yaml"
    path.write_bytes(("sources:\n" + GOOD_ENTRY).encode("cp1251"))
    with pytest.raises(SourcesFileError, match="unreadable"):
        load_sources_file(path)


# --- SourceRepo.sync_from_file ------------------------------------------------------------


VLAST = SourceSeed("vlast-kz", "Власть", "https://vlast.kz/rss.xml", "ru", "KZ")
KLOOP = SourceSeed("kloop-kg", "Kloop", "https://kloop.kg/feed/", "ru", "KG")
ORDA = SourceSeed("orda-kz", "Орда", "https://orda.kz/feed/", "ru", "KZ", 600)


async def _sync(db, repos, clock, *seeds: SourceSeed):
    async with db.transaction():
        return await repos.sources.sync_from_file(list(seeds), clock())


async def test_sync_adds_new_sources(db, repos, clock):
    summary = await _sync(db, repos, clock, VLAST, KLOOP, ORDA)
    assert summary.added == ("vlast-kz", "kloop-kg", "orda-kz")
    stored = {source.key: source for source in await repos.sources.list_all()}
    assert set(stored) == {"vlast-kz", "kloop-kg", "orda-kz"}
    orda = stored["orda-kz"]
    assert (orda.name, orda.url, orda.seed_url, orda.origin) == (
        "Орда",
        "https://orda.kz/feed/",
        "https://orda.kz/feed/",
        "file",
    )
    assert (orda.lang, orda.country, orda.interval_seconds) == ("ru", "KZ", 600)
    assert all(source.active for source in stored.values())


async def test_sync_adds_the_real_sources_file(db, repos, clock):
    seeds = [entry.seed() for entry in load_sources_file(SEEDS)]
    summary = await _sync(db, repos, clock, *seeds)
    assert len(summary.added) == len(seeds)
    assert len(await repos.sources.list_active()) == len(seeds)


async def test_sync_twice_changes_nothing(db, repos, clock):
    await _sync(db, repos, clock, VLAST, KLOOP, ORDA)
    before = await repos.sources.list_all()
    clock.advance(hours=1)

    summary = await _sync(db, repos, clock, VLAST, KLOOP, ORDA)

    assert (summary.added, summary.updated, summary.retired) == ((), (), ())
    assert await repos.sources.list_all() == before


@pytest.mark.parametrize(
    "changed",
    [
        SourceSeed("vlast-kz", "Vlast.kz", "https://vlast.kz/rss.xml", "ru", "KZ"),
        SourceSeed("vlast-kz", "Власть", "https://vlast.kz/rss.xml", "kk", "KZ"),
        SourceSeed("vlast-kz", "Власть", "https://vlast.kz/rss.xml", "ru", None),
        SourceSeed("vlast-kz", "Власть", "https://vlast.kz/rss.xml", "ru", "KZ", 900),
    ],
)
async def test_sync_updates_a_renamed_or_edited_source(db, repos, clock, changed):
    await _sync(db, repos, clock, VLAST)
    (before,) = await repos.sources.list_all()

    summary = await _sync(db, repos, clock, changed)

    assert summary.updated == ("vlast-kz",)
    after = await repos.sources.get(before.id)
    assert after is not None
    assert (after.name, after.lang, after.country, after.interval_seconds) == (
        changed.name,
        changed.lang,
        changed.country,
        changed.interval_seconds,
    )
    assert after.url == before.url


async def _redirect(db, repos, clock, source_id: int, new_url: str) -> None:
    async with db.transaction():
        await repos.sources.record_success(
            source_id,
            now=clock(),
            next_poll_at=clock(),
            etag='"v1"',
            last_modified="Fri, 20 Nov 2026 11:00:00 GMT",
            new_url=new_url,
        )


async def test_sync_keeps_a_permanent_redirect_when_the_file_is_unchanged(db, repos, clock):
    await _sync(db, repos, clock, VLAST)
    (source,) = await repos.sources.list_all()
    await _redirect(db, repos, clock, source.id, "https://vlast.kz/feed/rss.xml")

    summary = await _sync(db, repos, clock, VLAST)

    assert summary.updated == ()
    after = await repos.sources.get(source.id)
    assert after is not None
    assert after.url == "https://vlast.kz/feed/rss.xml"
    assert after.seed_url == VLAST.url
    assert after.etag == '"v1"'


async def test_sync_keeps_a_permanent_redirect_when_the_source_is_renamed(db, repos, clock):
    await _sync(db, repos, clock, VLAST)
    (source,) = await repos.sources.list_all()
    await _redirect(db, repos, clock, source.id, "https://vlast.kz/feed/rss.xml")

    await _sync(db, repos, clock, SourceSeed("vlast-kz", "Vlast.kz", VLAST.url, "ru", "KZ"))

    after = await repos.sources.get(source.id)
    assert after is not None
    assert (after.name, after.url) == ("Vlast.kz", "https://vlast.kz/feed/rss.xml")


async def test_sync_replaces_the_url_changed_in_the_file_and_starts_over(db, repos, clock):
    await _sync(db, repos, clock, VLAST)
    (source,) = await repos.sources.list_all()
    await _redirect(db, repos, clock, source.id, "https://vlast.kz/feed/rss.xml")
    async with db.transaction():
        await repos.sources.record_failure(
            source.id, now=clock(), error="HTTP 503", next_poll_at=clock()
        )
        await repos.sources.record_failure(
            source.id, now=clock(), error="HTTP 503", next_poll_at=clock()
        )
    failing = await repos.sources.get(source.id)
    assert failing is not None
    assert (failing.failure_count, failing.etag) == (2, '"v1"')

    moved = SourceSeed("vlast-kz", "Власть", "https://vlast.kz/new/rss.xml", "ru", "KZ")
    summary = await _sync(db, repos, clock, moved)

    assert summary.updated == ("vlast-kz",)
    after = await repos.sources.get(source.id)
    assert after is not None
    assert (after.url, after.seed_url) == (moved.url, moved.url)
    assert (after.etag, after.last_modified) == (None, None)
    assert (after.failure_count, after.last_error, after.next_poll_at) == (0, None, None)


async def test_sync_disables_a_source_removed_from_the_file(db, repos, clock):
    await _sync(db, repos, clock, VLAST, KLOOP)
    clock.advance(hours=2)

    summary = await _sync(db, repos, clock, KLOOP)

    assert summary.retired == ("vlast-kz",)
    vlast = await repos.sources.get_by_key("vlast-kz")
    assert vlast is not None
    assert vlast.disabled_reason == RETIRED_REASON == "removed from the sources file"
    assert vlast.disabled_at == clock()
    assert [source.key for source in await repos.sources.list_active()] == ["kloop-kg"]


async def test_sync_does_not_retire_a_removed_source_twice(db, repos, clock):
    await _sync(db, repos, clock, VLAST, KLOOP)
    await _sync(db, repos, clock, KLOOP)

    summary = await _sync(db, repos, clock, KLOOP)

    assert (summary.added, summary.updated, summary.retired) == ((), (), ())


async def test_sync_leaves_sources_added_from_chat_alone(db, repos, clock):
    async with db.transaction():
        await repos.sources.add(
            SourceSeed("chat-feed", "Из чата", "https://example.kz/rss"), clock(), origin="chat"
        )

    summary = await _sync(db, repos, clock, VLAST)

    assert summary.retired == ()
    chat = await repos.sources.get_by_key("chat-feed")
    assert chat is not None
    assert chat.active


async def test_sync_revives_a_source_that_comes_back_to_the_file(db, repos, clock):
    await _sync(db, repos, clock, VLAST, KLOOP)
    await _sync(db, repos, clock, KLOOP)
    (vlast_id,) = [s.id for s in await repos.sources.list_all() if s.key == "vlast-kz"]

    summary = await _sync(db, repos, clock, VLAST, KLOOP)

    assert summary.added == ()
    assert summary.updated == ("vlast-kz",)
    vlast = await repos.sources.get(vlast_id)
    assert vlast is not None
    assert vlast.active
    assert (vlast.disabled_reason, vlast.disabled_at) == (None, None)
    assert {source.key for source in await repos.sources.list_active()} == {
        "vlast-kz",
        "kloop-kg",
    }
