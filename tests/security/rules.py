"""The words of the role matrix (matrix.py): what a role gets, the usual rules, and a case.

A case names the objects it is tried on (world.py): "ticket:own" is a ticket of the account
sales look after, "ticket:other" one of another account; "value:open" is the text itself,
"secret:ack" a link token, "user:support" that role's person.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from tests.security.world import ROLES

# What a role gets.
OK = "yes"  # served: 2xx, a redirect elsewhere, or its input refused (400/422), not its person
LOGIN = "log-in"  # web: sent to the log-in page; API: 401
DENIED = "403"
MISSING = "404"  # the object is not confirmed to exist (the admin's "does not exist" counts)
OWN = "own"  # served, with the rows of accounts they do not look after left out
EMPTY = "none"  # served, with nothing in it (API lists for a log-in without a role)
OWN_OR_NONE = "own/none"  # the admin for sales: own accounts only, or no admin at all
KINDS = (OK, LOGIN, DENIED, MISSING, OWN, EMPTY, OWN_OR_NONE)


def rule(
    anonymous: str = LOGIN,
    contact: str = LOGIN,
    no_role: str = DENIED,
    sales: str = OK,
    support: str = OK,
    engineering: str = OK,
    lead: str = OK,
    admin: str = OK,
) -> dict[str, str]:
    kinds = (anonymous, contact, no_role, sales, support, engineering, lead, admin)
    return dict(zip(ROLES, kinds, strict=True))


def but(base: dict[str, str], **changes: str) -> dict[str, str]:
    return base | {role.replace("_", " "): kind for role, kind in changes.items()}


EVERYONE = rule(OK, OK, OK)
STAFF = rule()  # anyone with a role (sales read their accounts' part)
WORKERS = rule(sales=DENIED)  # the roles that work tickets
LEADS = rule(sales=DENIED, support=DENIED, engineering=DENIED)
# The API answers 401 without credentials, and empty lists or 404 to a log-in without a role.
API_LIST = rule(no_role=EMPTY, sales=OWN)
API_OBJECT = rule(no_role=MISSING)
API_STAFF = rule(no_role=DENIED)
API_WORK = rule(no_role=MISSING, sales=DENIED)


@dataclass(frozen=True)
class Case:
    """One request, and what each role gets for it."""

    kind: str  # "web", "api" or "admin"
    name: str  # URL name, "METHOD /api/path", or admin URL name
    method: str
    args: dict[str, str] = field(default_factory=dict)  # URL argument -> world object key
    rules: dict[str, str] = field(default_factory=dict)
    # role -> why the answer today differs from the rule ("issue 13 fault N"): xfail(strict)
    faults: dict[str, str] = field(default_factory=dict)
    data: dict | None = None  # the form or JSON body of a write
    query: dict[str, str] = field(default_factory=dict)  # GET parameters (world references)
    # Shows which account its rows are of: "own" rules are checked against it (OWN always).
    shows_accounts: bool = False

    @property
    def id(self) -> str:
        objects = ",".join(
            v.rstrip(":") for v in self.args.values() if not v.startswith(("value:", "secret:"))
        )
        name = self.name if self.kind == "api" else f"{self.method} {self.name}"
        return name + (f" [{objects}]" if objects else "")


def web(name, method="GET", args=None, rules=STAFF, faults=None, data=None, query=None) -> Case:
    return Case("web", name, method, args or {}, rules, faults or {}, data, query or {})


def api(name, args=None, rules=API_OBJECT, faults=None, data=None, query=None) -> Case:
    method, _, _path = name.partition(" ")
    return Case("api", name, method, args or {}, rules, faults or {}, data, query or {})


def fault(n: int, *roles: str) -> dict[str, str]:
    return {role: f"issue 13 fault {n}" for role in roles}


def days(n: int) -> str:
    return (timezone.now().date() + timedelta(days=n)).isoformat()


def at(hours: int) -> str:
    return (timezone.now() + timedelta(hours=hours)).replace(microsecond=0).isoformat()


# -- the admin ---------------------------------------------------------------------------
# Its door is Django's is_staff (the demo sets it for the whole team); past it, each model's
# admin follows Sunrelay's roles (web/admin_access.py). Without is_staff: its log-in page.


def adm(sales=DENIED, support=DENIED, engineering=DENIED, lead=DENIED, admin=OK) -> dict:
    return rule(LOGIN, LOGIN, LOGIN, sales, support, engineering, lead, admin)


SUPERUSER = adm()
LEADS_ADMIN = adm(lead=OK)
WORKERS_ADMIN = adm(support=OK, engineering=OK, lead=OK)
STAFF_ADMIN = adm(OWN_OR_NONE, OK, OK, OK)  # sales: their accounts' rows, or no admin
REDIRECTS = adm(OK, OK, OK, OK)
NOBODY = adm(admin=DENIED)


@dataclass(frozen=True)
class AdminModel:
    """Who may look at (list, change page, history), add and delete one model's rows."""

    model: str  # "app_model"
    obj: str  # the world object the object pages are tried on
    view: dict[str, str]
    add: dict[str, str]
    delete: dict[str, str]
    faults: dict[str, str] = field(default_factory=dict)  # for the pages that show rows
    shows_accounts: bool = False  # its list and change page show which account a row is of


def admin_model_cases(spec: AdminModel) -> list[Case]:
    name = f"admin:{spec.model}"
    obj = {"object_id": spec.obj}
    faults = spec.faults
    app, _, model = spec.model.partition("_")
    rows = spec.shows_accounts
    return [
        Case("admin", f"{name}_changelist", "GET", {}, spec.view, faults, shows_accounts=rows),
        Case("admin", f"{name}_change", "GET", obj, spec.view, faults, shows_accounts=rows),
        Case("admin", f"{name}_history", "GET", obj, spec.view, faults),
        # The bare object URL only redirects to its change page, whoever asks.
        Case("admin", f"admin/{app}/{model}/<path:object_id>/", "GET", obj, REDIRECTS),
        Case("admin", f"{name}_add", "GET", {}, spec.add),
        Case("admin", f"{name}_delete", "GET", obj, spec.delete),
    ]


def admin(name, args=None, rules=STAFF_ADMIN, method="GET", query=None) -> Case:
    return Case("admin", name, method, args or {}, rules, query=query or {})
