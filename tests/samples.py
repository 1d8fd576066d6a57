"""The seed stories as the pipeline reads them from the offline sample feeds."""

from __future__ import annotations

from pathlib import Path

import feedparser

from bot.normalize import html_to_text

SAMPLES = Path(__file__).resolve().parents[1] / "seeds" / "samples"


def sample_text(feed: str, title_start: str) -> str:
    entry = next(
        entry
        for entry in feedparser.parse(SAMPLES / f"{feed}.xml").entries
        if entry.title.startswith(title_start)
    )
    return html_to_text(entry.content[0].value if "content" in entry else entry.summary)
