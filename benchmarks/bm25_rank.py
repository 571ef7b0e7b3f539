"""The `rank` job done with bm25s, as the speed reference for `python -m recommenders rank`.

Same input and output contract; jieba (same private instance settings and user dictionary
as the recommender: HMM off, chain lexicons) over title + description + keywords,
punctuation dropped, bm25s defaults, top-k per challenge as JSON lines.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys

import numpy as np

from recommenders.baselines import top_k
from recommenders.cli import make_tokenizer
from recommenders.io import read_documents

_CONTENT = re.compile(r"[0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff]")


def main(argv: list[str] | None = None) -> int:
    import bm25s

    logging.getLogger("jieba").setLevel(logging.WARNING)
    p = argparse.ArgumentParser()
    p.add_argument("--challenges", required=True)
    p.add_argument("--capabilities", required=True)
    p.add_argument("--top", type=int, default=10)
    p.add_argument("--lexicon")
    args = p.parse_args(argv)
    seg = make_tokenizer(args.lexicon)._segmenter()

    def toks(d: object) -> list[str]:
        text = "\n".join([d.title, d.description, " ".join(d.keywords)])  # type: ignore[attr-defined]
        return [w for w in seg.lcut(text, HMM=False) if _CONTENT.search(w)]

    challenges = read_documents(args.challenges)
    capabilities = read_documents(args.capabilities)
    retriever = bm25s.BM25()
    retriever.index([toks(d) for d in capabilities], show_progress=False)
    out = sys.stdout
    for c in challenges:
        ids = retriever.get_tokens_ids(toks(c))
        scores = retriever.get_scores_from_ids(ids) if ids else np.zeros(len(capabilities))
        ranked = [
            {"id": capabilities[i].id, "score": round(float(scores[i]), 6)}
            for i in top_k(np.asarray(scores, dtype=np.float64), args.top)
        ]
        out.write(json.dumps({"id": c.id, "ranked": ranked}, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
