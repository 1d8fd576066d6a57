"""Ingestion hands every new item to the classifier and stores what it says."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.classifier.classify import Classifier
from bot.classify_stage import ClassificationStage
from bot.pipeline import FeedPipeline
from tests.conftest import NOW
from tests.feeds import Entry, rss

TORTURE = Entry(
    "В Таразе задержанного пытали в отделении полиции",
    "https://example.org/1",
    "g1",
    NOW - timedelta(hours=1),
    "<p>По словам адвоката, полицейские избивали мужчину и надевали ему на голову пакет, "
    "выбивая признательные показания. Прокуратура начала проверку по факту пыток.</p>",
)
WEATHER = Entry(
    "В Астане ожидается снег",
    "https://example.org/2",
    "g2",
    NOW - timedelta(hours=2),
    "<p>Синоптики обещают до минус пятнадцати градусов и гололёд на дорогах.</p>",
)


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    return Classifier.load()


async def test_new_items_are_classified_as_they_are_stored(
    feed_server, db, fetcher, settings, clock, add_source, repos, classifier
):
    stage = ClassificationStage(db, classifier, clock=clock)
    pipeline = FeedPipeline(db, fetcher, settings, clock=clock, on_new_items=stage.on_new_items)
    source = await add_source("site", feed_server.add("/f.xml", rss(TORTURE, WEATHER)))

    await pipeline.poll(source)

    by_title = {i.title: i.id for i in await repos.items.list_recent()}
    torture = await repos.items.classification(by_title[TORTURE.title])
    weather = await repos.items.classification(by_title[WEATHER.title])
    assert "torture" in torture.categories
    assert torture.evidence["torture"]
    assert "KZ" in torture.countries
    assert weather.categories == ()
    assert weather.relevance < classifier.thresholds.relevance


async def test_items_left_unclassified_by_a_crash_are_classified_at_the_next_start(
    feed_server, db, fetcher, settings, clock, add_source, repos, classifier
):
    # The first process stored the items and died before classifying them.
    crashed = FeedPipeline(db, fetcher, settings, clock=clock)
    source = await add_source("site", feed_server.add("/f.xml", rss(TORTURE, WEATHER)))
    await crashed.poll(source)
    assert len(await repos.items.unclassified(10)) == 2

    done = await ClassificationStage(db, classifier, clock=clock).classify_pending()

    assert done == 2
    assert await repos.items.unclassified(10) == []


async def test_backlog_is_classified_too_so_that_it_is_searchable(
    feed_server, db, fetcher, settings, clock, add_source, repos, classifier
):
    stage = ClassificationStage(db, classifier, clock=clock)
    pipeline = FeedPipeline(db, fetcher, settings, clock=clock, on_new_items=stage.on_new_items)
    old = Entry(TORTURE.title, TORTURE.link, "old", NOW - timedelta(days=30), TORTURE.html)
    source = await add_source("site", feed_server.add("/f.xml", rss(old)))

    outcome = await pipeline.poll(source)

    assert outcome.backlog == 1
    [item] = await repos.items.list_recent()
    assert "torture" in (await repos.items.classification(item.id)).categories
