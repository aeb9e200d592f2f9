"""The demo's product feedback: customers' words, each with the theme a person would give it.

The demo links two of every three to their theme and leaves the rest for the clustering to
suggest; the same sample, labelled, measures the suggestions' precision
(sunrelay.feedback.clustering.evaluate, tests/feedback/test_clustering.py, `make bench`)."""

from __future__ import annotations

# theme -> (product area slug, quotes)
THEMES: dict[str, tuple[str, list[str]]] = {
    "Single sign-on with SAML": (
        "accounts",
        [
            "We need SAML single sign-on so staff log in with our identity provider.",
            "Our security team requires SSO through Okta before we roll out to 400 users.",
            "Can you support SAML SSO with Azure AD? Separate passwords are a blocker.",
            "Single sign-on via SAML is mandatory for our procurement review.",
            "Please add SSO login with our identity provider, we cannot manage passwords.",
            "Okta SSO integration would let IT provision users automatically.",
            "Without SAML single sign-on our compliance team will not approve renewal.",
            "We would like users to sign in with Google Workspace SSO instead of passwords.",
            "SSO with SAML and automatic user provisioning, please.",
        ],
    ),
    "Export to GeoPackage and shapefile": (
        "data",
        [
            "Let us export a layer to GeoPackage so analysts can open it in QGIS.",
            "We need shapefile export of filtered datasets for our field contractors.",
            "Exporting map layers as shapefile or GeoPackage would save hours every week.",
            "Please support GeoPackage export; CSV loses the geometry.",
            "Our GIS team asks for shapefile export of query results.",
            "Export the dataset to GeoPackage with its styles.",
            "Downloading a layer as a shapefile is the most requested feature here.",
            "Could the export include GeoPackage format for large polygon layers?",
            "A shapefile export button on each dataset would help our engineers.",
        ],
    ),
    "Offline maps on mobile": (
        "maps",
        [
            "Field crews lose signal; we need offline maps on the mobile app.",
            "Please let tablets cache map tiles offline for inspections in remote areas.",
            "Offline mode for the mobile map viewer is critical for our rangers.",
            "Our surveyors work without connectivity, offline tiles on mobile would fix it.",
            "Download map areas to the phone for offline use.",
            "The mobile app is useless offline; caching the basemap tiles would help.",
            "We need offline maps in the iOS app for pipeline inspections.",
            "Offline map tiles on Android devices for our field teams.",
            "Allow offline editing on mobile and sync when the connection is back.",
        ],
    ),
    "Dark basemap style": (
        "maps",
        [
            "A dark basemap style would suit our control room screens at night.",
            "Please add a dark mode map style for dashboards.",
            "Our operators want a dark basemap to reduce glare.",
            "Dark theme basemap for the public dashboard, like other providers offer.",
            "Could you ship a night style basemap with muted labels?",
            "A dark map style for presentations and wall displays.",
            "We built our own dark basemap style; an official one would be better.",
            "Dark mode for the map and the basemap labels, please.",
            "Night-time dark basemap style for dispatch screens.",
        ],
    ),
    "Higher API rate limits": (
        "developers",
        [
            "Our batch geocoding hits the API rate limit every night.",
            "Please raise the API rate limits for enterprise plans.",
            "We get HTTP 429 from the API during peak hours; higher limits needed.",
            "The SQL API rate limit stops our ETL jobs halfway.",
            "Rate limits on the tiles API are too low for our traffic.",
            "Can we buy higher API request limits per minute?",
            "Batch jobs are throttled by the API rate limit; a bulk endpoint or higher limits.",
            "API throttling (429 responses) breaks our nightly sync.",
            "Increase the rate limit of the geocoding API for our account.",
        ],
    ),
    "Audit log for admins": (
        "accounts",
        [
            "Admins need an audit log of who changed which dataset and when.",
            "We must show auditors a log of user actions: an audit trail export.",
            "Please add an audit log of permission changes for our admins.",
            "An audit trail of logins and sharing changes is required by our security policy.",
            "Who deleted this map? We need an audit log.",
            "Audit log with user, action and time for every change to a dataset.",
            "Our compliance officer asks for an exportable audit log of admin actions.",
            "Keep an audit history of sharing and permission changes.",
            "Audit logging of API key creation and user role changes, please.",
        ],
    ),
}


def labelled() -> list[tuple[str, str]]:
    """Every quote with its theme, interleaved across themes (the order the demo adds them)."""
    rows = []
    longest = max(len(quotes) for _, quotes in THEMES.values())
    for i in range(longest):
        for theme, (_, quotes) in THEMES.items():
            if i < len(quotes):
                rows.append((quotes[i], theme))
    return rows
