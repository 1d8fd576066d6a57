"""The classifier: cue lexicon and linear model combined, plus what the item names.

For each category the model's logit is raised by the cues found (strong ones more than
weak), with weights fitted on the training split; a category is given when its score
reaches its threshold. Relevance is the highest category score: an item that reports
no incident has none above the relevance threshold and goes to nobody's review.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from bot.classifier.features import features
from bot.classifier.lexicon import CueHits, Lexicon
from bot.classifier.model import MODEL_FILE, LinearModel, Vector, load_model
from bot.classifier.taxonomy import TAXONOMY_FILE, Taxonomy, load_taxonomy
from bot.extract import find_articles, find_countries, find_persons
from bot.langid import pick_language

MAX_EVIDENCE = 5
DEFAULT_THRESHOLD = 0.4


@dataclass(frozen=True)
class Thresholds:
    """Settings' thresholds; unset ones fall back to the model's tuned ones."""

    default: float | None = None  # one threshold for every category
    relevance: float = 0.35
    per_category: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Classification:
    categories: tuple[str, ...]  # best first
    scores: dict[str, float]
    relevance: float
    countries: tuple[str, ...]
    persons: tuple[str, ...]
    articles: tuple[str, ...]
    lang: str
    evidence: dict[str, tuple[str, ...]]

    def as_json(self) -> dict[str, object]:
        return {
            "categories": list(self.categories),
            "scores": {slug: round(score, 4) for slug, score in self.scores.items()},
            "relevance": round(self.relevance, 4),
            "countries": list(self.countries),
            "persons": list(self.persons),
            "articles": list(self.articles),
            "lang": self.lang,
            "evidence": {slug: list(phrases) for slug, phrases in self.evidence.items()},
        }


class Classifier:
    def __init__(
        self, taxonomy: Taxonomy, model: LinearModel, thresholds: Thresholds | None = None
    ) -> None:
        self.taxonomy = taxonomy
        self.model = model
        self.lexicon = Lexicon(taxonomy)
        self.thresholds = thresholds or Thresholds()

    @classmethod
    def load(
        cls,
        thresholds: Thresholds | None = None,
        *,
        taxonomy_file: Path = TAXONOMY_FILE,
        model_file: Path = MODEL_FILE,
    ) -> Classifier:
        return cls(load_taxonomy(taxonomy_file), load_model(model_file), thresholds)

    def scores(
        self, title: str, text: str, lang: str
    ) -> tuple[dict[str, float], dict[str, CueHits], Vector]:
        """Every category's score in [0, 1], the cues found per category, the features."""
        hits = self.lexicon.hits(f"{title}\n{text}")
        vector = self.model.vector(features(title, text, lang, hits))
        logits = self.model.logits(vector)
        scores = {}
        for slug in self.taxonomy.slugs:
            cue = hits.get(slug)
            strong, weak = (len(cue.strong), len(cue.weak)) if cue else (0, 0)
            scores[slug] = self.model.combine(logits[slug], strong, weak)
        return scores, hits, vector

    def classify(
        self, title: str, text: str, lang: str | None = None, source: str | None = None
    ) -> Classification:
        del source  # reserved: a source's own bias could shift scores one day
        lang = lang or pick_language(f"{title}\n{text}")
        scores, hits, vector = self.scores(title, text, lang)
        ranked = sorted(scores, key=scores.__getitem__, reverse=True)
        chosen = [slug for slug in ranked if scores[slug] >= self.threshold(slug)]
        relevance = scores[ranked[0]] if ranked else 0.0
        if not chosen and relevance >= self.thresholds.relevance:
            # Relevant enough to review: the moderator sees the best guess and can re-label.
            chosen = ranked[:1]
        full = f"{title}\n{text}"
        top = self.model.top_features(vector, chosen, MAX_EVIDENCE)
        return Classification(
            categories=tuple(chosen),
            scores=scores,
            relevance=relevance,
            countries=tuple(dict.fromkeys(hit.code for hit in find_countries(full))),
            persons=tuple(find_persons(full, lang)),
            articles=tuple(find_articles(full)),
            lang=lang,
            evidence={slug: _evidence(hits.get(slug), top[slug], full) for slug in chosen},
        )

    def threshold(self, slug: str) -> float:
        configured = self.thresholds.per_category.get(slug, self.thresholds.default)
        if configured is not None:
            return configured
        tuned = self.model.threshold(slug)
        return tuned if tuned is not None else DEFAULT_THRESHOLD


def _evidence(cues: CueHits | None, model_features: list[str], full: str) -> tuple[str, ...]:
    """The cue phrases found, then the words behind the model's strongest features."""
    phrases = list(cues.strong + cues.weak) if cues else []
    folded = full.replace("ё", "е").replace("Ё", "Е")  # as the features were made
    for feature in model_features:
        if len(phrases) >= MAX_EVIDENCE:
            break
        match = _surface_pattern(feature).search(folded)
        if match:
            phrases.append(full[match.start() : match.end()])
    # "Блогера" in the title and "блогера" in the text are one piece of evidence.
    unique: dict[str, str] = {}
    for phrase in phrases:
        unique.setdefault(phrase.casefold(), phrase)
    return tuple(unique.values())[:MAX_EVIDENCE]


@lru_cache(maxsize=8192)
def _surface_pattern(feature: str) -> re.Pattern[str]:
    """What a model feature (a stem, a stem pair, a title stem) looks like in the text:
    its words as written there."""
    stems = feature.removeprefix("t:").split(" ")
    pattern = r"(?<!\w)" + r"\W+".join(re.escape(s) + r"\w*" for s in stems)
    return re.compile(pattern, re.IGNORECASE)


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))
