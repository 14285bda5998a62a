"""Reading documents: the knowledge folder's files -> paragraphs -> sentences (units), and
adding files to it or removing them. Ingest's first half; :mod:`assistant.storage` stores what
it reads."""
