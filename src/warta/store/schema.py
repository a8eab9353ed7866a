"""The archive's schema as ordered migrations, one list per backend.

A migration is (version, statements). An archive records the version it is at in
``schema_version``; opening it applies every later step, each in its own transaction, so a
failed step leaves the archive at the previous version. Never edit a released step: append one.
"""

from __future__ import annotations

Migration = tuple[int, tuple[str, ...]]

# Article fields kept as JSON, with their defaults (dateline may be NULL): TEXT in SQLite,
# JSONB in PostgreSQL.
_JSON_DEFAULTS = (
    ("authors", "'[]'"),
    ("categories", "'[]'"),
    ("tags", "'[]'"),
    ("related", "'[]'"),
    ("sources", "'[]'"),
    ("date_mentions", "'[]'"),
    ("dateline", None),
    ("extra", "'{}'"),
)


def _json_columns(kind: str) -> str:
    return ",".join(
        f"\n    {name} {kind}" + (f" NOT NULL DEFAULT {default}" if default else "")
        for name, default in _JSON_DEFAULTS
    )


_JSON_COLUMNS_SQLITE = _json_columns("TEXT")
_JSON_COLUMNS_POSTGRES = _json_columns("JSONB")

# Scalar article columns, the same in both backends. ``key`` is the canonical URL (else the
# fetch URL, else the origin); each distinct text under one key is a new ``version``, and
# ``latest`` marks the newest so queries need no max() subquery.
_SCALAR_COLUMNS = """
    key TEXT NOT NULL,
    version INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    origin TEXT NOT NULL,
    crawled_at TEXT,
    site TEXT NOT NULL,
    url TEXT,
    source_url TEXT,
    site_name TEXT,
    title TEXT,
    text TEXT NOT NULL,
    markdown TEXT NOT NULL,
    lang TEXT,
    published TEXT,
    modified TEXT,
    date_source TEXT,
    description TEXT,
    image TEXT,"""

# Every input record's outcome. ``version`` is the article version an ok record produced or
# matched; other statuses keep their reason only.
_PROCESSED = """
CREATE TABLE processed (
    origin TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    key TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    duplicate_of TEXT,
    version INTEGER,
    crawled_at TEXT
)"""


def _cross_run_dedup(blob: str, bigint: str, table_options: str) -> tuple[str, ...]:
    """Step 3's statements: signatures, a hash index, and the band-key table."""
    return (
        f"ALTER TABLE articles ADD COLUMN minhash {blob}",
        "CREATE INDEX articles_content_hash ON articles (content_hash)",
        f"""CREATE TABLE article_bands (
                band INTEGER NOT NULL,
                hash {bigint} NOT NULL,
                article_id {bigint} NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
                PRIMARY KEY (band, hash, article_id)
            ){table_options}""",
    )


_VALIDATORS = """
CREATE TABLE validators (
    url_hash TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT
)"""

SQLITE_MIGRATIONS: tuple[Migration, ...] = (
    (
        1,
        (
            f"""CREATE TABLE articles (
                id INTEGER PRIMARY KEY,
                {_SCALAR_COLUMNS}
                published_at TEXT,
                latest INTEGER NOT NULL DEFAULT 1,
                {_JSON_COLUMNS_SQLITE},
                written_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                UNIQUE (key, content_hash),
                UNIQUE (key, version)
            )""",
            "CREATE INDEX articles_latest_key ON articles (key) WHERE latest = 1",
            "CREATE INDEX articles_source_url ON articles (source_url)",
            "CREATE INDEX articles_site ON articles (site, published_at)",
            _PROCESSED,
            "CREATE INDEX processed_status ON processed (status)",
        ),
    ),
    (
        2,
        (
            # External-content FTS: the text is stored once, in articles; triggers keep the
            # index in the same transaction as the row. Diacritics folded for loose matching.
            """CREATE VIRTUAL TABLE articles_fts USING fts5(
                title, text, content='articles', content_rowid='id',
                tokenize='unicode61 remove_diacritics 2'
            )""",
            """CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
                INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
            END""",
            """CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
                INSERT INTO articles_fts (articles_fts, rowid, title, text)
                VALUES ('delete', old.id, old.title, old.text);
            END""",
            """CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
                INSERT INTO articles_fts (articles_fts, rowid, title, text)
                VALUES ('delete', old.id, old.title, old.text);
                INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
            END""",
            "INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')",
        ),
    ),
    (
        3,
        (
            # Cross-run dedup: a new text is looked up by its content hash and by the LSH
            # band keys of its MinHash signature (warta.store.bands), then the stored
            # signatures are compared. Rows stored before this step have no signature and
            # are found by their hash only.
            *_cross_run_dedup("BLOB", "INTEGER", " WITHOUT ROWID"),
        ),
    ),
    (
        4,
        (
            # A crawl's ETag/Last-Modified per URL, kept with what it archived. Rows are
            # keyed by a hash of the URL (warta.store.sql), so any URL length indexes.
            _VALIDATORS,
        ),
    ),
)


POSTGRES_MIGRATIONS: tuple[Migration, ...] = (
    (
        1,
        (
            f"""CREATE TABLE articles (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                {_SCALAR_COLUMNS}
                published_at TIMESTAMPTZ,
                latest BOOLEAN NOT NULL DEFAULT TRUE,
                {_JSON_COLUMNS_POSTGRES},
                written_at TIMESTAMPTZ NOT NULL DEFAULT now()
            )""",
            # Keys are URLs of any length: index their md5 so a huge URL cannot overflow a
            # btree entry; lookups compare md5(key) and then key itself.
            "CREATE UNIQUE INDEX articles_key_hash ON articles (md5(key), content_hash)",
            "CREATE UNIQUE INDEX articles_key_version ON articles (md5(key), version)",
            "CREATE INDEX articles_latest_key ON articles (md5(key)) WHERE latest",
            "CREATE INDEX articles_source_url ON articles (md5(source_url))",
            "CREATE INDEX articles_site ON articles (site, published_at)",
            _PROCESSED,
            "CREATE INDEX processed_status ON processed (status)",
        ),
    ),
    (
        2,
        (
            # 'simple' config: no stemming or stop words, which suits Indonesian (and any
            # language) better than an English dictionary. Only the first 100k characters of
            # a body are indexed so a pathological page cannot exceed tsvector's size limit.
            """ALTER TABLE articles ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
                setweight(to_tsvector('simple', coalesce(title, '')), 'A')
                || setweight(to_tsvector('simple', left(text, 100000)), 'B')
            ) STORED""",
            "CREATE INDEX articles_tsv ON articles USING GIN (tsv)",
        ),
    ),
    (
        3,
        (
            *_cross_run_dedup("BYTEA", "BIGINT", ""),  # as in SQLite's step 3
        ),
    ),
    (4, (_VALIDATORS,)),  # as in SQLite's step 4
)
