"""Building the index: knowledge files -> sentences -> vectors and records in Chroma."""
