"""Robustness over a corpus of real-world feeds: every file through parse, normalise, classify.

Run: .venv/bin/python bench/corpus.py [PATH]
PATH defaults to feedparser's test feeds in ../shared/corpora/feedparser-tests. Every file
(any extension, recursively; not SOURCE.md or LICENSE) goes through bot.feed_parse and
bot.entries. A FeedParseError is an answer, not a failure; any other exception is, and so is
a warning (the test suite treats warnings as errors too), and so is an item whose title,
text or author still holds markup. Exits 1 when either kind is found, else 0.
"""

from __future__ import annotations

import re
import sys
import time
import traceback
import warnings
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.classifier.classify import Classifier
from bot.entries import EntryContext, normalise_entries
from bot.feed_parse import FeedParseError, parse_feed
from storage.records import NewItem

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared/corpora/feedparser-tests"
SKIPPED = frozenset({"SOURCE.md", "LICENSE"})
TAG = re.compile(r"<\s*/?\s*[a-zA-Z!?][^<>]*>")


@dataclass
class Report:
    files: int = 0
    feeds: int = 0
    not_feeds: int = 0
    items: int = 0
    unhandled: list[str] = field(default_factory=list)  # one line per file, with where
    with_markup: list[str] = field(default_factory=list)  # one line per item

    @property
    def ok(self) -> bool:
        return not self.unhandled and not self.with_markup

    def summary(self) -> str:
        return (
            f"corpus: {self.files} files, {self.feeds} feeds, {self.not_feeds} not feeds, "
            f"{self.items} items, {len(self.unhandled)} unhandled exceptions, "
            f"{len(self.with_markup)} items with markup"
        )


def corpus_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and p.name not in SKIPPED)


def check_corpus(
    root: Path, now: datetime | None = None, classifier: Classifier | None = None
) -> Report:
    """Push every file under `root` through parse and normalise (and the classifier, when
    one is given) and count what happens."""
    ctx = EntryContext(now or datetime.now(UTC), now or datetime.now(UTC), first_poll=False)
    report = Report()
    for path in corpus_files(root):
        report.files += 1
        check_file(path, path.relative_to(root).as_posix(), ctx, report, classifier)
    return report


def check_file(
    path: Path,
    name: str,
    ctx: EntryContext,
    report: Report,
    classifier: Classifier | None = None,
) -> None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            feed = parse_feed(path.read_bytes(), url=f"http://127.0.0.1/{quote(name)}")
            items = normalise_entries(feed, ctx)
            for item in items if classifier else ():
                classifier.classify(item.title, item.text, item.lang)
    except FeedParseError:
        report.not_feeds += 1
        return
    except Exception as exc:  # finding these is the point
        report.unhandled.append(f"{name}: {_where(exc)}")
        return
    report.feeds += 1
    report.items += len(items)
    report.with_markup.extend(f"{name}: {problem}" for problem in map(markup_in, items) if problem)


def markup_in(item: NewItem) -> str | None:
    for label, value in (("title", item.title), ("text", item.text), ("author", item.author)):
        if value and ("<script" in value.lower() or TAG.search(value)):
            return f"{label} {value[:120]!r}"
    return None


def _where(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    last = frames[-1] if frames else None
    ours = [f for f in frames if "/bot/" in f.filename or "/storage/" in f.filename]
    place = " <- ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in ours[::-1][:3])
    at = f" at {Path(last.filename).name}:{last.lineno}" if last else ""
    return f"{type(exc).__name__}: {str(exc)[:200]}{at}" + (f" (via {place})" if place else "")


def main(argv: list[str]) -> int:
    root = Path(argv[0]) if argv else DEFAULT_CORPUS
    if not root.is_dir():
        print(f"corpus not found at {root}, skipped")
        return 0
    started = time.monotonic()
    report = check_corpus(root, classifier=Classifier.load())
    for line in report.unhandled:
        print(f"UNHANDLED {line}")
    for line in report.with_markup:
        print(f"MARKUP {line}")
    print(f"checked {root} in {time.monotonic() - started:.1f} s")
    print(report.summary())
    return 0 if report.ok else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
