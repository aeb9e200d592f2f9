"""Clustering quality on the labelled demo sample: the figure the issue asks for."""

from __future__ import annotations

from sunrelay.demo.feedback_sample import THEMES, labelled
from sunrelay.feedback import clustering


def test_suggestions_are_precise_on_the_labelled_demo_sample():
    quality = clustering.evaluate(labelled())
    print("feedback clustering:", quality)  # `pytest -s` shows the figure
    assert quality.unlinked == 18  # a third of 54 quotes, 3 per theme
    assert quality.precision >= 0.9
    assert quality.coverage >= 0.8


def test_each_demo_theme_is_mostly_one_cluster():
    sample = labelled()
    found = clustering.cluster([text for text, _ in sample])
    for theme in THEMES:
        labels = [found.labels[i] for i, (_, label) in enumerate(sample) if label == theme]
        assert max(labels.count(label) for label in labels) >= len(labels) // 2, theme


def test_a_cluster_is_named_after_its_words():
    found = clustering.cluster(["offline maps on mobile", "mobile offline maps please", "dark"])
    assert found.labels[0] == found.labels[1] != found.labels[2]
    assert "offline" in found.name(found.labels[0]).lower()


def test_texts_without_words_stay_alone():
    found = clustering.cluster(["the", "and", "offline maps"])
    assert len(set(found.labels)) == 3
    assert clustering.cluster(["one"]).labels == [0]
    assert clustering.propose(clustering.cluster([]), []) == []
