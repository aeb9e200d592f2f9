"""A topic: one problem customers write about, told in several subjects.

It carries its tags, how likely each cause is, and text templates filled from
texts.fill_values(). Placeholders: {version} {version_next} {zoom} {row} {n} {layer}
{browser} {seconds} {fmt} {city} {country} {request_id} {weekday} {month} {bug} {docs}.
"""

from __future__ import annotations

from dataclasses import dataclass

from sunrelay.desk.models import Cause

BUG = Cause.PRODUCT_BUG
USER = Cause.USER_DATA_OR_CODE
QUESTION = Cause.QUESTION
FEATURE = Cause.FEATURE_REQUEST


@dataclass(frozen=True)
class Topic:
    key: str
    tags: tuple[str, ...]
    weight: float
    causes: dict[str, int]
    subjects: tuple[str, ...]
    symptom: str  # the customer's first paragraph
    steps: str  # numbered steps, for intermediate users
    detail: str  # logs or code, for advanced users
    ask: str  # what support needs to go on
    provide: str  # the customer sending it
    repro: str  # internal note once reproduced
    fix: str  # the answer when the cause is the customer's data or code
    answer: str  # the answer to a question
    workaround: str  # while a product bug is open
    feature: str  # what they would like and cannot do yet
