"""Developers: the SDKs and on-premises installs."""

from __future__ import annotations

from sunrelay.demo.topics.base import BUG, FEATURE, QUESTION, USER, Topic

TOPICS = (
    Topic(
        key="js-sdk",
        tags=("sdk",),
        weight=5,
        causes={USER: 50, BUG: 30, QUESTION: 15, FEATURE: 5},
        subjects=(
            "JS SDK v{version} throws 'map is undefined' in React StrictMode",
            "TypeError after upgrading the JavaScript SDK to v{version}",
            "Map component crashes on mount with SDK v{version}",
        ),
        symptom="After upgrading the JavaScript SDK to v{version} our app throws 'map is undefined' when the component mounts.",
        steps="1. Create a React app with StrictMode\n2. Mount the map component\n3. See 'TypeError: map is undefined' in the console",
        detail="TypeError: Cannot read properties of undefined (reading 'addLayer')\n    at MapView.useEffect (MapView.tsx:42)\nSDK v{version}, React 18.2",
        ask="Could you share a minimal code sample (or a sandbox link) that shows the error?",
        provide="Here is a small repository that shows it.",
        repro="Reproduced with the sample: the effect runs twice under StrictMode and the second run uses a destroyed map.",
        fix="StrictMode mounts the component twice in development; the map is created in the effect but not cleaned up. Returning map.remove() from the effect fixes it.",
        answer="Version {version} supports React 17 and 18; the guide at {docs} shows the recommended component, with the clean-up StrictMode needs.",
        workaround="Pinning the SDK to the previous version avoids it until the patch release.",
        feature="an official React component",
    ),
    Topic(
        key="python-sdk",
        tags=("sdk",),
        weight=3,
        causes={BUG: 40, USER: 35, QUESTION: 20, FEATURE: 5},
        subjects=(
            "Python SDK pagination skips the last page",
            "list_datasets() misses our newest datasets",
            "Python SDK returns {row} items instead of all of them",
        ),
        symptom="When we list our datasets with the Python SDK, the last page never comes back: we get {row} of them and the newest are missing.",
        steps="1. Call client.list_datasets() in a loop\n2. Count the results\n3. The newest datasets are missing",
        detail="for page in client.list_datasets(page_size=100): ...\n# 1200 in the dashboard, 1100 from the SDK, sdk {version}",
        ask="Could you send the SDK version and the snippet that does the listing?",
        provide="We use SDK {version}; the snippet is the loop from your docs.",
        repro="Reproduced: the iterator stops when a page is exactly full and the next cursor is empty.",
        fix="The loop passes the page number instead of the cursor the previous page returned, so it stops a page early. Using the SDK's iterator as shown in the docs returns every dataset.",
        answer="Lists are paginated with cursors; the SDK's iterators follow them for you, and {docs} has an example.",
        workaround="Asking for a page size that is not a divisor of the total avoids it until the patch release.",
        feature="filtering datasets by tag on the server",
    ),
    Topic(
        key="on-prem-upgrade",
        tags=("on-prem",),
        weight=3,
        causes={USER: 40, BUG: 35, QUESTION: 20, FEATURE: 5},
        subjects=(
            "On-prem upgrade to v{version} fails on the database migration",
            "Upgrade to v{version}: migration 0143 permission denied",
            "Stuck halfway through the on-prem upgrade",
        ),
        symptom="We're upgrading our on-prem installation to v{version} and the database migration fails halfway.",
        steps="1. Run the upgrade script\n2. Migration 0143 starts\n3. It fails with a permission error",
        detail="migrate: psycopg.errors.InsufficientPrivilege: permission denied for schema public\nversion {version}, PostgreSQL 16 ({request_id})",
        ask="Could you send the full upgrade log and the output of the diagnostics command?",
        provide="Attached are the upgrade log and the diagnostics bundle.",
        repro="From the diagnostics: PostgreSQL 16 no longer grants CREATE on public to every user.",
        fix="PostgreSQL 16 no longer lets every user create tables in the public schema; granting CREATE on it to the application user lets the migration run.",
        answer="On-prem releases follow the cloud two weeks later; the upgrade notes list the supported PostgreSQL versions and the grants the application user needs.",
        workaround="Running the migration as the database owner works until the patch release.",
        feature="an offline licence file for air-gapped installs",
    ),
)
