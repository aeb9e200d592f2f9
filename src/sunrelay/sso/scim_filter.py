"""SCIM filters (RFC 7644 §3.4.2.2), the part provisioning clients send: one comparison
`ATTRIBUTE eq "VALUE"` (Okta, Entra and OneLogin look people and groups up that way). Other
filters are refused with invalidFilter, never guessed at."""

from __future__ import annotations

import json
import re

from sunrelay.sso.scim_errors import ScimError

COMPARISON = re.compile(r'^\s*([A-Za-z][\w.:$-]*)\s+(eq)\s+("(?:[^"\\]|\\.)*")\s*$', re.I)


def parse(text: str | None, attributes: set[str]) -> tuple[str, str] | None:
    """(attribute in lower case, value) of `attr eq "value"`; None without a filter.

    `attributes` are the lower-case names this resource may be filtered on.
    """
    if not text or not text.strip():
        return None
    match = COMPARISON.match(text)
    if not match:
        raise ScimError(
            400,
            'Only filters of the form attribute eq "value" are supported here.',
            "invalidFilter",
        )
    attribute = match.group(1).lower()
    if attribute not in attributes:
        raise ScimError(
            400,
            f"Filtering on {match.group(1)} is not supported; use one of: "
            f"{', '.join(sorted(attributes))}.",
            "invalidFilter",
        )
    return attribute, json.loads(match.group(3))  # a JSON string: its escapes are JSON's
