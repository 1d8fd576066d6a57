"""Moderators' corrections written as labelled-corpus lines (seeds/labeled format), so
the classifier can learn from them: review them, then add them to train.jsonl."""

from __future__ import annotations

import json
from collections.abc import Sequence

from storage.reviews_repo import Correction


def corrections_jsonl(corrections: Sequence[Correction]) -> str:
    lines = []
    for c in corrections:
        record = {
            "id": f"{c.lang or 'xx'}-moderated-{c.item_id}",
            "lang": c.lang or "",
            "title": c.title,
            "text": c.text,
            "categories": list(c.categories),
            "countries": list(c.countries),
            "persons": list(c.persons),
            "source_url": c.url,
            "hard_negative": not c.categories,
            "origin": "moderation",
            "classifier": list(c.proposed),
        }
        lines.append(json.dumps(record, ensure_ascii=False))
    return "".join(line + "\n" for line in lines)
