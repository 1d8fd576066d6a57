"""The incident taxonomy (seeds/taxonomy.yaml): categories, labels, scope notes and cues."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

TAXONOMY_FILE = Path(__file__).resolve().parents[2] / "seeds" / "taxonomy.yaml"


class CueLists(BaseModel):
    """Cue phrases per language; `*` ends a word stem ("пытк*" matches пытки, пыток)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    strong: dict[str, list[str]] = Field(default_factory=dict)
    weak: dict[str, list[str]] = Field(default_factory=dict)


class CategoryModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    slug: str = Field(pattern=r"^[a-z][a-z_]{1,40}$")
    label: dict[str, str]
    scope: str
    cues: CueLists = Field(default_factory=CueLists)


class TaxonomyModel(BaseModel):
    categories: list[CategoryModel]


@dataclass(frozen=True)
class Taxonomy:
    categories: tuple[CategoryModel, ...]
    by_slug: dict[str, CategoryModel] = field(repr=False)

    @property
    def slugs(self) -> tuple[str, ...]:
        return tuple(c.slug for c in self.categories)

    def label(self, slug: str, lang: str) -> str:
        labels = self.by_slug[slug].label
        return labels.get(lang) or labels["en"]


def load_taxonomy(path: Path = TAXONOMY_FILE) -> Taxonomy:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    model = TaxonomyModel.model_validate(raw)
    slugs = [c.slug for c in model.categories]
    if len(set(slugs)) != len(slugs):
        raise ValueError(f"{path}: a category slug is used twice")
    for category in model.categories:
        if "en" not in category.label:
            raise ValueError(f"{path}: category {category.slug} has no English label")
    categories = tuple(model.categories)
    return Taxonomy(categories, {c.slug: c for c in categories})
