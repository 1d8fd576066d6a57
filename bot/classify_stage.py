"""The pipeline stage after storing: classify every item not yet classified, and store
the result beside it. Driven by the database, so a crash or restart loses nothing: the
next run picks up whatever is still unclassified."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

from bot.classifier.classify import Classification, Classifier
from bot.clock import Clock, utcnow
from storage import Database, Repos
from storage.records import ClassificationRecord, StoredItem

log = logging.getLogger(__name__)

BATCH = 200


class ClassificationStage:
    def __init__(self, db: Database, classifier: Classifier, *, clock: Clock = utcnow) -> None:
        self._db = db
        self._repos = Repos.on(db.conn)
        self._classifier = classifier
        self._clock = clock
        self._lock = asyncio.Lock()

    async def on_new_items(self, item_ids: Sequence[int]) -> None:
        """Hook for FeedPipeline: new items were stored."""
        del item_ids  # the database says what is left to do, including older leftovers
        await self.classify_pending()

    async def classify_pending(self) -> int:
        """Classify everything still unclassified, oldest first; returns how many."""
        done = 0
        async with self._lock:  # one drain at a time; a second caller finds nothing left
            while batch := await self._repos.items.unclassified(BATCH):
                results = await asyncio.to_thread(self._classify, batch)
                now = self._clock()
                async with self._db.transaction():
                    for item, result in zip(batch, results, strict=True):
                        await self._repos.items.save_classification(item.id, result, now)
                done += len(batch)
        if done:
            log.info("classified %d items", done)
        return done

    def _classify(self, items: list[StoredItem]) -> list[ClassificationRecord]:
        # A worker thread: the classifier is CPU-bound and must not stall the event loop.
        return [_record(self._classifier.classify(i.title, i.text, i.lang)) for i in items]


def _record(result: Classification) -> ClassificationRecord:
    return ClassificationRecord(
        categories=result.categories,
        scores=result.scores,
        relevance=result.relevance,
        countries=result.countries,
        persons=result.persons,
        articles=result.articles,
        evidence=result.evidence,
        lang=result.lang,
    )
