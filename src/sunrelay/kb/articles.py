"""Writing and reading articles: every edit is a new version, kept for ever; a skill level's
variant replaces the body for contacts of that level.

Staff who work tickets write; every staff member reads every article; anyone (logged out
too) reads public ones. Errors are ValidationError per field, PermissionDenied for access.
"""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.text import slugify

from sunrelay.accounts.models import SkillLevel
from sunrelay.kb.models import Article, ArticleFeedback, ArticleVersion, Visibility
from sunrelay.search import documents
from sunrelay.team.roles import is_staff_member, works_tickets

ARTICLE = "article"  # its kind of search document
LEVELS = [level.value for level in SkillLevel]
TEXT_FIELDS = ("title", "body", *LEVELS)
MAX_TITLE = 200
MAX_BODY = 100_000


def visible_articles(user, queryset=None):
    queryset = Article.objects.all() if queryset is None else queryset
    if is_staff_member(user):
        return queryset
    return queryset.filter(visibility=Visibility.PUBLIC)


def check_can_write(user) -> None:
    if not works_tickets(user):
        raise PermissionDenied("Only support staff can write articles.")


def _clean(fields: dict) -> dict:
    errors: dict[str, str] = {}
    clean = {name: (fields.get(name) or "").strip() for name in TEXT_FIELDS}
    if not clean["title"]:
        errors["title"] = "An article needs a title."
    elif len(clean["title"]) > MAX_TITLE:
        errors["title"] = f"The title is longer than {MAX_TITLE} characters."
    if not clean["body"]:
        errors["body"] = "An article needs a body: what everyone reads."
    for name in ("body", *LEVELS):
        if len(clean[name]) > MAX_BODY:
            errors[name] = f"This text is longer than {MAX_BODY:,} characters."
    if errors:
        raise ValidationError(errors)
    return clean


def _check_visibility(value: str) -> str:
    if value not in Visibility.values:
        raise ValidationError({"visibility": f"{value!r} is not one of: internal, public."})
    return value


# Addresses the knowledge pages use themselves (/desk/kb/new/).
RESERVED_SLUGS = frozenset({"new"})


def _unique_slug(title: str, wanted: str = "") -> str:
    base = slugify(wanted or title)[:100] or "article"
    base = f"{base}-article" if base in RESERVED_SLUGS else base
    slug, n = base, 2
    while Article.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def create_article(
    actor,
    *,
    visibility: str = Visibility.INTERNAL,
    product_area=None,
    slug: str = "",
    note="",
    **text,
) -> Article:
    check_can_write(actor)
    clean = _clean(text)
    now = timezone.now()
    try:
        with transaction.atomic():
            article = Article.objects.create(
                slug=_unique_slug(clean["title"], slug),
                title=clean["title"],
                visibility=_check_visibility(visibility),
                product_area=product_area,
                version=1,
                created_at=now,
                updated_at=now,
            )
    except IntegrityError:  # the same slug taken meanwhile
        raise ValidationError({"slug": "An article with this address exists."}) from None
    ArticleVersion.objects.create(
        article=article,
        number=1,
        author=actor,
        created_at=now,
        note=note or "First version",
        **clean,
    )
    documents.refresh_documents(ARTICLE, [article.pk])
    return article


@transaction.atomic
def edit_article(article: Article, actor, *, note: str = "", **changes) -> ArticleVersion | None:
    """A new version when the text changed; visibility and product area change in place.
    Returns the new version, or None when the text stayed the same."""
    check_can_write(actor)
    article = Article.objects.select_for_update().get(pk=article.pk)
    current = article.versions.get(number=article.version)
    now = timezone.now()
    if "visibility" in changes:
        article.visibility = _check_visibility(changes.pop("visibility"))
    if "product_area" in changes:
        article.product_area = changes.pop("product_area")
    text = {name: getattr(current, name) for name in TEXT_FIELDS}
    text.update({k: v for k, v in changes.items() if k in TEXT_FIELDS})
    unknown = set(changes) - set(TEXT_FIELDS)
    if unknown:
        raise ValidationError({name: "This field cannot be changed." for name in sorted(unknown)})
    clean = _clean(text)
    version = None
    if any(clean[name] != getattr(current, name) for name in TEXT_FIELDS):
        version = ArticleVersion.objects.create(
            article=article,
            number=article.version + 1,
            author=actor,
            created_at=now,
            note=(note or "").strip()[:200],
            **clean,
        )
        article.version, article.title = version.number, version.title
    article.updated_at = now
    article.save()
    documents.refresh_documents(ARTICLE, [article.pk])
    return version


def current_version(article: Article) -> ArticleVersion:
    return article.versions.get(number=article.version)


@dataclass(frozen=True)
class Variant:
    level: str  # a SkillLevel value, or "" for the body everyone reads
    label: str
    text: str


def variants(version: ArticleVersion, first: str = "") -> list[Variant]:
    """The written texts of a version, the one for skill level `first` (or the body, if that
    level has none) at the top."""
    written = [Variant("", "Everyone", version.body)] + [
        Variant(level, SkillLevel(level).label, getattr(version, level))
        for level in LEVELS
        if getattr(version, level)
    ]
    chosen = next((v for v in written if v.level == first), written[0])
    return [chosen, *(v for v in written if v is not chosen)]


def text_for(version: ArticleVersion, level: str) -> str:
    """What a reader of `level` reads: their variant, else the body."""
    return variants(version, level)[0].text


@dataclass(frozen=True)
class FieldDiff:
    field: str
    lines: list[tuple[str, str]]  # ("+" | "-" | " ", line)


def diff(old: ArticleVersion, new: ArticleVersion) -> list[FieldDiff]:
    """What changed from `old` to `new`, field by field, as added and removed lines."""
    result = []
    for name in TEXT_FIELDS:
        before, after = getattr(old, name).splitlines(), getattr(new, name).splitlines()
        if before == after:
            continue
        lines = [
            (line[0], line[2:])
            for line in difflib.ndiff(before, after)
            if line[:1] in "+- " and not line.startswith("? ")
        ]
        result.append(FieldDiff(name, lines))
    return result


def reader_key(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def record_feedback(article: Article, *, helpful: bool, reader: str) -> bool:
    """ "This helped" / "it didn't" from one reader (a hash: reader_key); the first answer per
    reader and article counts, later ones change nothing. True when counted."""
    try:
        with transaction.atomic():
            ArticleFeedback.objects.create(
                article=article,
                version=article.version,
                helpful=helpful,
                reader=reader,
                created_at=timezone.now(),
            )
    except IntegrityError:
        return False
    return True


def feedback_counts(articles) -> dict[int, tuple[int, int]]:
    """(helped, did not help) per article id."""
    rows = (
        ArticleFeedback.objects.filter(article__in=articles)
        .values("article")
        .annotate(yes=Count("pk", filter=Q(helpful=True)), no=Count("pk", filter=Q(helpful=False)))
    )
    return {row["article"]: (row["yes"], row["no"]) for row in rows}


def article_texts(ids) -> dict[int, str]:
    """Search documents of articles: the current version's title, body and variants."""
    rows = ArticleVersion.objects.filter(
        article_id__in=ids, number=F("article__version")
    ).values_list("article_id", *TEXT_FIELDS)
    return {row[0]: "\n".join(part for part in row[1:] if part) for row in rows}
