"""Grouping similar feedback: TF-IDF over the customers' words, then agglomerative clustering
with cosine distance (scikit-learn). Pure: texts in, cluster numbers and names out.

Two items land in one cluster when the average cosine distance between the groups they are in
stays under DISTANCE (0 = same words, 1 = no word in common). A cluster's suggested theme is the
theme most of its already linked items carry; `evaluate` measures how often that is right on a
labelled sample (tests/feedback/test_clustering.py, `make bench`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

# Chosen on the labelled demo sample: 0.9 leaves a third of the items without a suggestion,
# 0.95 suggests for all of them at the same precision (tests/feedback/test_clustering.py).
DISTANCE = 0.95
# A word: a letter, then two or more letters or digits (drops "a", "7", "v2" noise).
WORD = r"(?u)\b[a-zA-Z][a-zA-Z0-9]{2,}\b"
# Words that say nothing about which part of the product a customer means.
NOISE = {"please", "would", "like", "need", "want", "able", "could", "really", "thanks", "hi"}


@dataclass(frozen=True)
class Clusters:
    labels: list[int]  # per text, its cluster's number
    vectors: np.ndarray  # per text, its TF-IDF row (L2-normalised)
    terms: list[str]  # the vocabulary, by column

    def members(self, label: int) -> list[int]:
        return [i for i, own in enumerate(self.labels) if own == label]

    def name(self, label: int, words: int = 3) -> str:
        """The cluster's heaviest terms, for a proposed theme name."""
        rows = self.vectors[self.members(label)]
        weights = np.asarray(rows.sum(axis=0)).ravel()
        best = [self.terms[i] for i in weights.argsort()[::-1][: words * 2] if weights[i] > 0]
        chosen: list[str] = []
        for term in best:  # a bigram's words need not be listed again on their own
            if not any(term in other or other in term for other in chosen):
                chosen.append(term)
        return " / ".join(chosen[:words]).capitalize() or "Unnamed"

    def similarity(self, index: int, others: Sequence[int]) -> float:
        if not others:
            return 0.0
        centre = self.vectors[list(others)].mean(axis=0, keepdims=True)
        return float(cosine_similarity(self.vectors[[index]], centre)[0, 0])


def cluster(texts: Sequence[str], distance: float = DISTANCE) -> Clusters:
    """Cluster `texts`; each text alone when there are fewer than two or no usable words."""
    if len(texts) < 2:
        return Clusters(list(range(len(texts))), np.zeros((len(texts), 0)), [])
    vectorizer = TfidfVectorizer(
        stop_words=sorted(NOISE | _english()),
        ngram_range=(1, 2),
        sublinear_tf=True,
        min_df=1,
        token_pattern=WORD,
    )
    try:
        matrix = vectorizer.fit_transform(texts).toarray()
    except ValueError:  # only stop words: nothing to compare
        return Clusters(list(range(len(texts))), np.zeros((len(texts), 0)), [])
    empty = ~matrix.any(axis=1)
    matrix[empty, 0] = 1e-9  # cosine distance needs a non-zero row; such texts stay alone
    model = AgglomerativeClustering(
        n_clusters=None, distance_threshold=distance, metric="cosine", linkage="average"
    )
    labels = [int(label) for label in model.fit_predict(matrix)]
    next_label = max(labels) + 1
    for i in np.flatnonzero(empty):
        labels[i], next_label = next_label, next_label + 1
    return Clusters(labels, matrix, list(vectorizer.get_feature_names_out()))


def _english() -> set[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return set(ENGLISH_STOP_WORDS)


@dataclass(frozen=True)
class Proposal:
    index: int  # the unlinked text
    label: str  # the theme proposed for it
    similarity: float


def propose(clusters: Clusters, known: Sequence[str | None]) -> list[Proposal]:
    """For every text without a theme (None in `known`), the theme most linked texts of its
    cluster carry; nothing when none of its cluster is linked."""
    proposals = []
    for label in set(clusters.labels):
        members = clusters.members(label)
        linked = Counter(known[i] for i in members if known[i] is not None)
        if not linked:
            continue
        theme, _ = linked.most_common(1)[0]
        peers = [i for i in members if known[i] == theme]
        for i in members:
            if known[i] is None:
                proposals.append(Proposal(i, theme, clusters.similarity(i, peers)))
    return sorted(proposals, key=lambda p: p.index)


@dataclass(frozen=True)
class Quality:
    suggested: int
    correct: int
    unlinked: int

    @property
    def precision(self) -> float:
        return self.correct / self.suggested if self.suggested else 0.0

    @property
    def coverage(self) -> float:
        return self.suggested / self.unlinked if self.unlinked else 0.0

    def __str__(self) -> str:
        return (
            f"precision {self.precision:.0%} ({self.correct} right of {self.suggested} "
            f"suggested), coverage {self.coverage:.0%} ({self.suggested} of {self.unlinked} "
            "unlinked items got a suggestion)"
        )


def evaluate(sample: Sequence[tuple[str, str]], hide_every: int = 3) -> Quality:
    """Hide the theme of every `hide_every`-th text of each theme, cluster all, and count how
    many suggestions name the hidden theme."""
    texts = [text for text, _ in sample]
    seen: Counter[str] = Counter()
    known: list[str | None] = []
    for _, label in sample:
        known.append(None if seen[label] % hide_every == 0 else label)
        seen[label] += 1
    proposals = propose(cluster(texts), known)
    correct = sum(1 for p in proposals if sample[p.index][1] == p.label)
    return Quality(len(proposals), correct, sum(1 for k in known if k is None))
