"""`python -m bot export-corrections`: moderators' corrections as labelled-corpus lines."""

from __future__ import annotations

import json

from bot import moderation
from bot.classifier.corpus import LabeledItem
from bot.clock import utcnow
from tests.telegram_harness import stored_item
from tests.test_cli import _bot, _finish


async def test_corrected_and_rejected_items_are_exported_and_untouched_ones_are_not(
    tmp_path, db, settings
):
    who = moderation.Moderator(1, "Aida")
    corrected = await stored_item(db, title="Пикет", categories=("peaceful_assembly",))
    rejected = await stored_item(db, title="Кража", categories=("law_enforcement_abuse",))
    untouched = await stored_item(db, title="Суд", categories=("fair_trial",))
    await moderation.toggle(db, corrected, "law_enforcement_abuse")
    for item_id, action in ((corrected, "approve"), (rejected, "reject"), (untouched, "approve")):
        await moderation.decide(db, item_id, action, who, utcnow())
    out = tmp_path / "corrections.jsonl"

    code, _, err = await _finish(
        await _bot(
            "export-corrections", str(out), cwd=tmp_path, DATABASE_PATH=str(settings.database_path)
        )
    )

    assert code == 0
    assert "2 corrected items" in err
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    items = [LabeledItem.from_json(line) for line in lines]
    assert [(i.title, i.categories) for i in items] == [
        ("Пикет", ("peaceful_assembly", "law_enforcement_abuse")),
        ("Кража", ()),
    ]
    assert lines[1]["hard_negative"] is True
