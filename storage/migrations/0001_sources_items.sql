-- Sources polled by the scheduler, with what conditional GET and backoff need.
CREATE TABLE sources (
    id                   INTEGER PRIMARY KEY,
    key                  TEXT NOT NULL UNIQUE,
    name                 TEXT NOT NULL,
    url                  TEXT NOT NULL,
    seed_url             TEXT NOT NULL,
    origin               TEXT NOT NULL DEFAULT 'file',
    lang                 TEXT,
    country              TEXT,
    interval_seconds     INTEGER,
    etag                 TEXT,
    last_modified        TEXT,
    failure_count        INTEGER NOT NULL DEFAULT 0,
    last_error           TEXT,
    last_polled_at       TEXT,
    last_success_at      TEXT,
    next_poll_at         TEXT,
    disabled_reason      TEXT,
    disabled_at          TEXT,
    created_at           TEXT NOT NULL
);

-- One row per story; the same canonical URL from two sources is one item.
CREATE TABLE items (
    id             INTEGER PRIMARY KEY,
    source_id      INTEGER NOT NULL REFERENCES sources(id),
    guid           TEXT,
    canonical_url  TEXT UNIQUE,
    url            TEXT,
    title          TEXT NOT NULL,
    text           TEXT NOT NULL,
    author         TEXT,
    lang           TEXT,
    published_at   TEXT NOT NULL,
    fetched_at     TEXT NOT NULL,
    content_hash   TEXT NOT NULL,
    status         TEXT NOT NULL
);
CREATE INDEX items_status_published ON items(status, published_at, id);

-- Every (source, entry) that reported an item; entry_key is the GUID, else the URL.
CREATE TABLE item_sources (
    item_id     INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    source_id   INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    entry_key   TEXT NOT NULL,
    url         TEXT,
    seen_at     TEXT NOT NULL,
    PRIMARY KEY (source_id, entry_key)
);
CREATE INDEX item_sources_item ON item_sources(item_id);
