"""Finding the sentences that answer a question: the loaded index, dense search fused with
BM25, and which of a question's words the knowledge never uses."""
