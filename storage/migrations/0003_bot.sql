-- The Telegram side: chats and what they follow, moderation, and the outbox that every
-- message leaves through, so that a crash or restart loses nothing.

-- Private users, groups and channels that talk to the bot.
CREATE TABLE chats (
    id               INTEGER PRIMARY KEY,           -- Telegram's chat id
    kind             TEXT NOT NULL,                 -- private, group, supergroup, channel
    lang             TEXT,                          -- chosen interface language, else NULL
    active           INTEGER NOT NULL DEFAULT 1,    -- 0 once Telegram refuses delivery (403)
    inactive_reason  TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);

CREATE TABLE subscriptions (
    chat_id   INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
    category  TEXT NOT NULL,
    PRIMARY KEY (chat_id, category)
);
CREATE INDEX subscriptions_category ON subscriptions(category, chat_id);

-- A chat with countries here gets only alerts about them; none means every country.
CREATE TABLE chat_countries (
    chat_id  INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
    country  TEXT NOT NULL,
    PRIMARY KEY (chat_id, country)
);

-- Items sent for review, and what the moderators decided.
CREATE TABLE reviews (
    item_id          INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
    status           TEXT NOT NULL,                 -- pending, approved, rejected
    proposed         TEXT NOT NULL,                 -- the classifier's categories (JSON)
    draft            TEXT,                          -- categories being edited (JSON)
    categories       TEXT,                          -- the decided categories (JSON)
    queued_at        TEXT NOT NULL,
    decided_by       INTEGER,
    decided_by_name  TEXT,
    decided_at       TEXT
);
CREATE INDEX reviews_status ON reviews(status, queued_at, item_id);

-- Every decision, kept for accountability and as labelled data for the classifier.
CREATE TABLE decisions (
    id               INTEGER PRIMARY KEY,
    item_id          INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    moderator_id     INTEGER NOT NULL,
    moderator_name   TEXT NOT NULL,
    action           TEXT NOT NULL,                 -- approve, reject
    old_categories   TEXT NOT NULL,                 -- JSON
    new_categories   TEXT NOT NULL,                 -- JSON
    decided_at       TEXT NOT NULL
);

-- Where each review card was posted, to mark it decided everywhere.
CREATE TABLE review_cards (
    item_id     INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    chat_id     INTEGER NOT NULL,
    message_id  INTEGER NOT NULL,
    PRIMARY KEY (item_id, chat_id)
);

-- Every message the bot owes someone. Alerts and cards are rendered when sent (in the
-- chat's language of the moment); notices carry their text.
CREATE TABLE outbox (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,                     -- alert, review, notice
    item_id      INTEGER REFERENCES items(id) ON DELETE CASCADE,
    chat_id      INTEGER NOT NULL,
    body         TEXT,
    status       TEXT NOT NULL DEFAULT 'pending',   -- pending, sent, failed, dropped
    attempts     INTEGER NOT NULL DEFAULT 0,
    not_before   TEXT NOT NULL,
    last_error   TEXT,
    message_id   INTEGER,
    created_at   TEXT NOT NULL,
    sent_at      TEXT,
    UNIQUE (kind, item_id, chat_id)
);
CREATE INDEX outbox_due ON outbox(status, not_before, id);

-- A source problem moderators were told about, so they are told once.
CREATE TABLE source_notices (
    source_id    INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    reason       TEXT NOT NULL,
    notified_at  TEXT NOT NULL,
    PRIMARY KEY (source_id, reason)
);
