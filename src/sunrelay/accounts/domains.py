"""Which domains may belong to an account.

An account's domains file strangers' mail under it (mail.senders matches a sender's domain
and its parent domains), with the account's tier, SLA and salesperson's visibility. So a
domain must be one organisation's own, and these rules say so once, for accounts.services
(every write of an account's domains: the API's and placing contacts) and for the model field
(validate_account_domain: the admin's forms):

- a host name, lower case, without a leading @ or a trailing dot (normalize_domains);
- not a public suffix (com, co.uk, github.io), under which anyone may register a name: the
  Public Suffix List, both sections, as bundled with the `publicsuffixlist` package. It is read
  from the package, never downloaded: upgrading the package brings a newer list;
- not a public mail service (gmail.com and the others below) nor a subdomain of one: their
  people are put in accounts one by one.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from django.core.exceptions import ValidationError
from django.core.validators import DomainNameValidator
from publicsuffixlist import PublicSuffixList

# Addresses at these belong to people, not companies: their domain never joins an account.
PUBLIC_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "msn.com",
        "yahoo.com",
        "icloud.com",
        "me.com",
        "aol.com",
        "proton.me",
        "protonmail.com",
        "gmx.com",
        "gmx.de",
        "gmx.net",
        "web.de",
        "mail.com",
        "yandex.ru",
        "mail.ru",
        "qq.com",
        "163.com",
        "zoho.com",
        "fastmail.com",
    }
)


def normalize_domains(names: Iterable[str]) -> list[str]:
    """Lower case, no leading @ or trailing dot, no duplicates; invalid names refused."""
    result: list[str] = []
    validate = DomainNameValidator(accept_idna=False)
    for raw in names:
        domain = str(raw).strip().lower().lstrip("@").rstrip(".")
        if not domain:
            continue
        try:
            validate(domain)
        except ValidationError:
            raise ValidationError({"domains": f"{raw!r} is not a domain name."}) from None
        if domain not in result:
            result.append(domain)
    return sorted(result)


def is_public_mail_domain(domain: str) -> bool:
    """A public mail service's domain (gmail.com), or one of its subdomains."""
    domain = domain.lower()
    return any(domain == d or domain.endswith("." + d) for d in PUBLIC_MAIL_DOMAINS)


@cache
def suffix_list() -> PublicSuffixList:
    """The Public Suffix List bundled with the package (read once per process)."""
    return PublicSuffixList()


def refusal(domain: str) -> str | None:
    """Why `domain` (normalized) cannot belong to an account, in words; None when it can."""
    if is_public_mail_domain(domain):
        return (
            f"{domain} is a public mail service: its people are put in accounts one by one, "
            "never by their domain."
        )
    if suffix_list().is_public(domain):
        return (
            f"{domain} is a public suffix: anyone may register a name under it, so it cannot "
            "belong to one account (use the organisation's own domain, such as "
            f"example.{domain})."
        )
    return None


def validate_account_domain(value: str) -> None:
    """A model field validator (AccountDomain.domain), so the admin applies the rule too."""
    reason = refusal((value or "").strip().lower().rstrip("."))
    if reason:
        raise ValidationError(reason, code="public_domain")


def check_account_domains(domains: Iterable[str], field: str = "domains") -> None:
    """Refuse normalized `domains` that cannot belong to an account, all reasons at once."""
    reasons = [r for r in (refusal(d) for d in domains) if r]
    if reasons:
        raise ValidationError({field: reasons})
