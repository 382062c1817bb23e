"""Ingest: read inputs (files, directories, JSONL), clean them, name their outlet and stated date, dedup."""
