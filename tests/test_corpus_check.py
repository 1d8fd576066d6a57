"""bench/corpus.py's logic on a folder of three files, without the shared corpus."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from bot.classifier.classify import Classifier
from storage.records import ItemStatus, NewItem
from tests.conftest import NOW
from tests.feeds import Entry, rss

BENCH = Path(__file__).resolve().parents[1] / "bench" / "corpus.py"


def load_corpus_module() -> ModuleType:
    # bench/ holds scripts, not a package: load the file itself.
    spec = importlib.util.spec_from_file_location("corpus_check", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # Its dataclasses look their module up by name while the file runs.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus() -> ModuleType:
    return load_corpus_module()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "nested").mkdir(parents=True)
    feed = rss(
        Entry("Суд оштрафовал активиста", "https://example.org/1", "g1", NOW),
        Entry("Задержан журналист", "https://example.org/2", "g2", NOW, html="<script>x</script>"),
    )
    (root / "good.xml").write_text(feed, encoding="utf-8")
    (root / "nested" / "page.html").write_text(
        "<!DOCTYPE html><html><body><h1>Сайт</h1></body></html>", encoding="utf-8"
    )
    (root / "nested" / "garbage.bin").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (root / "SOURCE.md").write_text("# not a feed, not counted\n", encoding="utf-8")
    (root / "LICENSE").write_text("not counted either\n", encoding="utf-8")
    return root


def test_the_check_counts_files_feeds_non_feeds_and_items(corpus, folder):
    report = corpus.check_corpus(folder, now=NOW)

    assert (report.files, report.feeds, report.not_feeds, report.items) == (3, 1, 2, 2)
    assert (report.unhandled, report.with_markup) == ([], [])
    assert report.summary() == (
        "corpus: 3 files, 1 feeds, 2 not feeds, 2 items, 0 unhandled exceptions, "
        "0 items with markup"
    )


def test_an_unhandled_exception_is_named_and_fails_the_run(corpus, folder, monkeypatch, capsys):
    def broken(feed, ctx):
        raise KeyError("boom")

    monkeypatch.setattr(corpus, "normalise_entries", broken)

    exit_code = corpus.main([str(folder)])

    lines = capsys.readouterr().out.splitlines()
    assert exit_code == 1
    assert lines[0].startswith("UNHANDLED good.xml: KeyError: 'boom' at test_corpus_check.py:")
    assert lines[-1].endswith("1 unhandled exceptions, 0 items with markup")


def test_a_missing_corpus_is_skipped_with_exit_zero(corpus, tmp_path, capsys):
    exit_code = corpus.main([str(tmp_path / "absent")])

    assert exit_code == 0
    assert capsys.readouterr().out == f"corpus not found at {tmp_path / 'absent'}, skipped\n"


def test_an_item_left_with_markup_is_named_and_fails_the_run(corpus, folder, monkeypatch, capsys):
    leaky = NewItem(
        entry_key="g:1",
        guid="1",
        canonical_url=None,
        url=None,
        title="Заголовок",
        text='Текст <img src=x onerror="alert(1)">',
        author=None,
        lang="ru",
        published_at=NOW,
        content_hash="0" * 32,
        status=ItemStatus.NEW,
    )
    monkeypatch.setattr(corpus, "normalise_entries", lambda feed, ctx: [leaky])

    exit_code = corpus.main([str(folder)])

    lines = capsys.readouterr().out.splitlines()
    assert exit_code == 1
    assert lines[0] == "MARKUP good.xml: text 'Текст <img src=x onerror=\"alert(1)\">'"
    assert lines[-1].endswith("0 unhandled exceptions, 1 items with markup")


def test_the_check_runs_every_item_through_the_classifier_too(corpus, folder):
    class Counting:
        def __init__(self) -> None:
            self.real = Classifier.load()
            self.seen: list[str] = []

        def classify(self, title, text, lang=None):
            self.seen.append(title)
            return self.real.classify(title, text, lang)

    counting = Counting()
    report = corpus.check_corpus(folder, now=NOW, classifier=counting)

    assert report.ok
    assert sorted(counting.seen) == ["Задержан журналист", "Суд оштрафовал активиста"]
