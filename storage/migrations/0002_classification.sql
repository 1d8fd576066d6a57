-- What the classifier decided about an item, kept beside it for review and search.
ALTER TABLE items ADD COLUMN categories   TEXT NOT NULL DEFAULT '[]';
ALTER TABLE items ADD COLUMN scores       TEXT NOT NULL DEFAULT '{}';
ALTER TABLE items ADD COLUMN relevance    REAL;
ALTER TABLE items ADD COLUMN countries    TEXT NOT NULL DEFAULT '[]';
ALTER TABLE items ADD COLUMN persons      TEXT NOT NULL DEFAULT '[]';
ALTER TABLE items ADD COLUMN articles     TEXT NOT NULL DEFAULT '[]';
ALTER TABLE items ADD COLUMN evidence     TEXT NOT NULL DEFAULT '{}';
ALTER TABLE items ADD COLUMN classified_at TEXT;
