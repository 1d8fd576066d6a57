"""The model is built deterministically from files in the repository."""

from __future__ import annotations

import numpy as np

from bot.classifier.corpus import DEV_FILE, TRAIN_FILE, load_labeled, split_of
from bot.classifier.model import load_model
from bot.classifier.taxonomy import load_taxonomy
from bot.classifier.train import train_classifier


def test_the_committed_model_is_what_the_training_split_gives(tmp_path):
    rebuilt = train_classifier(load_labeled(TRAIN_FILE), load_taxonomy())
    rebuilt.save(tmp_path / "model.npz")
    again = load_model(tmp_path / "model.npz")
    committed = load_model()

    assert again.labels == committed.labels
    assert again.index == committed.index
    for name in ("idf", "weights", "bias", "stack"):
        assert np.allclose(getattr(again, name), getattr(committed, name), atol=1e-5), name


def test_the_split_is_fixed_by_id_and_dev_is_never_trained_on():
    train = load_labeled(TRAIN_FILE)
    dev = load_labeled(DEV_FILE)
    train_ids = {item.id for item in train}
    assert not train_ids & {item.id for item in dev}
    assert all(split_of(item.id) == "train" for item in train)
    assert all(split_of(item.id, "seed" if "-seed-" in item.id else None) == "dev" for item in dev)


def test_the_corpus_meets_its_size_and_balance_rules():
    items = load_labeled(TRAIN_FILE) + load_labeled(DEV_FILE)
    taxonomy = load_taxonomy()
    negatives = [i for i in items if not i.categories]
    assert len(items) >= 400
    assert len(negatives) >= 0.3 * len(items)
    assert sum(i.hard_negative for i in negatives) >= len(negatives) / 3
    for slug in taxonomy.slugs:
        assert sum(slug in i.categories for i in items) >= 20, slug
    russian = sum(i.lang == "ru" for i in items) / len(items)
    assert 0.5 <= russian <= 0.7
    assert {i.lang for i in items} >= {"ru", "kk", "ky", "uk", "en"}
    assert len({i.id for i in items}) == len(items)
