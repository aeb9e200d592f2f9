"""What customers of a geospatial / developer platform write about, by product area."""

from __future__ import annotations

from sunrelay.demo.topics import accounts, data, developers, maps
from sunrelay.demo.topics.base import Topic

TOPICS: tuple[Topic, ...] = maps.TOPICS + data.TOPICS + accounts.TOPICS + developers.TOPICS
