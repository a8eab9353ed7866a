"""The one result type: every page, whatever happened to it, becomes an :class:`Article`."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date, datetime
from enum import Enum, StrEnum
from typing import Any


class Status(StrEnum):
    """What became of a page. ``ok`` is the only status whose text is an article body."""

    OK = "ok"
    NOT_ARTICLE = "not_article"
    EMPTY = "empty"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class RelatedLink:
    """A link to another story found inside or beside the article ("Baca juga: ...")."""

    title: str
    url: str
    kind: str  # "inline" (a read-also line in the body) or "block" (a related-articles list)


@dataclass(frozen=True, slots=True)
class Source:
    """An attribution in the text: who or what the article says a claim came from."""

    name: str
    kind: str  # "outlet", "person" or "organisation"
    url: str | None = None
    date: date | None = None
    span: tuple[int, int] = (0, 0)  # character offsets into Article.text
    cue: str = ""  # the words that introduced it ("dilansir dari")
    domain: str | None = None  # the outlet's domain where known


@dataclass(frozen=True, slots=True)
class DateMention:
    """A day/month reference in the body ("(16/5)"), resolved against the publication date."""

    text: str
    date: date
    span: tuple[int, int] = (0, 0)


@dataclass(frozen=True, slots=True)
class Dateline:
    """The place and publisher that open a news story: "JAKARTA, KOMPAS.com -"."""

    text: str
    place: str | None = None
    publisher: str | None = None


Timestamp = datetime | date


@dataclass(frozen=True, slots=True)
class Article:
    """A page turned into an article, or the reason it could not be."""

    status: Status = Status.OK
    reason: str = ""
    text: str = ""
    markdown: str = ""
    title: str | None = None
    lang: str | None = None
    related: tuple[RelatedLink, ...] = ()
    # Metadata
    url: str | None = None  # canonical URL
    source_url: str | None = None  # the URL the page was fetched from
    published: Timestamp | None = None
    modified: Timestamp | None = None
    date_source: str | None = None
    authors: tuple[str, ...] = ()
    site_name: str | None = None
    description: str | None = None
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    image: str | None = None
    dateline: Dateline | None = None
    sources: tuple[Source, ...] = ()
    date_mentions: tuple[DateMention, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def ok(self) -> bool:
        return self.status is Status.OK

    def with_changes(self, **changes: Any) -> Article:
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: dates as ISO strings, tuples as lists, status as its value."""
        return _jsonable(asdict(self))  # type: ignore[no-any-return]

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["status"] = Status(values.get("status", "ok"))
        values["related"] = tuple(RelatedLink(**r) for r in values.get("related") or ())
        values["sources"] = tuple(_source_from_dict(s) for s in values.get("sources") or ())
        values["date_mentions"] = tuple(
            DateMention(text=m["text"], date=date.fromisoformat(m["date"]), span=tuple(m["span"]))
            for m in values.get("date_mentions") or ()
        )
        if values.get("dateline"):
            values["dateline"] = Dateline(**values["dateline"])
        for key in ("published", "modified"):
            values[key] = parse_timestamp(values.get(key))
        for key in ("authors", "categories", "tags"):
            values[key] = tuple(values.get(key) or ())
        values["extra"] = dict(values.get("extra") or {})
        return cls(**values)

    @classmethod
    def from_json(cls, text: str) -> Article:
        return cls.from_dict(json.loads(text))


def failed(status: Status, reason: str, **fields_: Any) -> Article:
    """An Article that carries no body, only why."""
    return Article(status=status, reason=reason, **fields_)


def parse_timestamp(value: str | None) -> Timestamp | None:
    """Read back what :meth:`Article.to_dict` wrote: a date stays a date, a time a datetime."""
    if not value:
        return None
    if len(value) == 10:
        return date.fromisoformat(value)
    return datetime.fromisoformat(value)


def _source_from_dict(data: dict[str, Any]) -> Source:
    values = dict(data)
    values["date"] = date.fromisoformat(values["date"]) if values.get("date") else None
    values["span"] = tuple(values.get("span") or (0, 0))
    return Source(**values)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value
