"""The pipeline stage after storing: classify every item not yet classified, and store
the result beside it. Driven by the database, so a crash or restart loses nothing: the
next run picks up whatever is still unclassified."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.classifier.classify import Classification, Classifier
from bot.clock import Clock, utcnow
from bot.transport import ChatId
from storage import Database, Repos
from storage.records import ClassificationRecord, ItemStatus, StoredItem

log = logging.getLogger(__name__)

BATCH = 200


@dataclass(frozen=True)
class ReviewRouting:
    """Where review cards go, and whom to tell that some are waiting to be sent."""

    targets: Sequence[ChatId]
    on_queued: Callable[[], None] = lambda: None


class ClassificationStage:
    def __init__(
        self,
        db: Database,
        classifier: Classifier,
        *,
        clock: Clock = utcnow,
        review: ReviewRouting | None = None,
    ) -> None:
        self._db = db
        self._repos = Repos.on(db.conn)
        self._classifier = classifier
        self._clock = clock
        self._lock = asyncio.Lock()
        self.review = review

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
                queued = 0
                async with self._db.transaction():
                    for item, result in zip(batch, results, strict=True):
                        await self._repos.items.save_classification(item.id, result, now)
                        queued += await self._to_review(item, result, now)
                done += len(batch)
                if queued and self.review:
                    self.review.on_queued()
        if done:
            log.info("classified %d items", done)
        return done

    async def _to_review(
        self, item: StoredItem, result: ClassificationRecord, now: datetime
    ) -> bool:
        """In the transaction that stores the classification, so a crash cannot lose
        an item between being classified and being put up for review."""
        if self.review is None or not result.categories or item.status is not ItemStatus.NEW:
            return False
        if not await self._repos.reviews.enqueue(item.id, result.categories, now):
            return False
        await self._repos.outbox.enqueue("review", item.id, self.review.targets, now)
        return True

    async def review_leftovers(self, since: datetime) -> int:
        """Put up for review what was classified while no bot was running (fetched since
        `since`); returns how many."""
        if self.review is None:
            return 0
        queued = 0
        now = self._clock()
        async with self._db.transaction():
            for item_id, categories in await self._repos.reviews.unreviewed(since):
                if await self._repos.reviews.enqueue(item_id, categories, now):
                    await self._repos.outbox.enqueue("review", item_id, self.review.targets, now)
                    queued += 1
        if queued:
            self.review.on_queued()
        return queued

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
