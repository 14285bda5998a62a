"""Storing the index: the sentences :mod:`assistant.reading` gives -> vectors and records in
Chroma, updates, start-up checks and snapshots. Ingest's second half."""
