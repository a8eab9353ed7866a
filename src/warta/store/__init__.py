"""Where articles go: JSONL, Parquet, and the archive (SQLite by default, or PostgreSQL)."""
