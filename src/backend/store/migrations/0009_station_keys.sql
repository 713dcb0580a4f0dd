-- Station keys: test stations post results over HTTP with a key an admin created for some
-- lines and/or machines. Only the key's SHA-256 is kept (the key is shown once, at creation);
-- a key is 32 random bytes, so a fast hash is enough: there is nothing to guess offline.
CREATE TABLE station_keys (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  key_hash     TEXT NOT NULL UNIQUE,
  -- The first characters of the key, so an admin can tell which station holds which key.
  key_prefix   TEXT NOT NULL,
  -- JSON arrays of line and machine ids the key may post for.
  lines        TEXT NOT NULL DEFAULT '[]',
  machines     TEXT NOT NULL DEFAULT '[]',
  created_ms   INTEGER NOT NULL,
  created_by   TEXT NOT NULL,
  revoked_ms   INTEGER,
  revoked_by   TEXT,
  -- Written at most once a minute per key, with the "used" event.
  last_used_ms INTEGER
) STRICT;

-- Two keys in use under one name would make the event log ambiguous; revoked names may return.
CREATE UNIQUE INDEX station_keys_live_name ON station_keys (name) WHERE revoked_ms IS NULL;
