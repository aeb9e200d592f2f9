"""The claims the test provider vouches for: each person's e-mail, whether it is verified,
their groups (people.json, written by the test that starts the provider)."""

import json

from django.conf import settings
from oauth2_provider.oauth2_validators import OAuth2Validator


def person(username: str) -> dict:
    people = json.loads((settings.DIR / "people.json").read_text())
    return people[username]


class Validator(OAuth2Validator):
    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "groups": "profile"}

    def get_additional_claims(self, request):
        who = person(request.user.username)
        return {
            "email": who["email"],
            "email_verified": who.get("email_verified", True),
            "preferred_username": request.user.username,
            "given_name": who.get("given_name", ""),
            "family_name": who.get("family_name", ""),
            "groups": who.get("groups", []),
        }
