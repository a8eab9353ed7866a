"""Known news outlets (name -> domain) and the small domain helpers that go with them.

The built-in list lives in ``warta/data/outlets.toml``. Users extend it with a file of the same
shape, named by the ``WARTA_OUTLETS`` environment variable or passed in as a path; their entries
win over the built-in ones.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from urllib.parse import urlsplit

from warta.errors import ConfigError

ENV_VAR = "WARTA_OUTLETS"

_NON_ALNUM = re.compile(r"[\W_]+")
_LEADING_THE = re.compile(r"^(?:the|le|la|el|il|der|die|das|de|o)\s+", re.IGNORECASE)
# A bare host name as written in text: "Kompas.com", "IHRAM.CO.ID", "tekno.kompas.com".
_DOMAIN = re.compile(
    r"^(?:www\.)?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+"
    r"(?:com|net|org|id|my|sg|co|io|tv|news|info|biz|me|uk|au|de|fr|es|it|nl|pl|pt|br|in|jp|"
    r"cn|kr|tw|ph|th|vn|ch|at|be|ca|us|eu|ru|ua|tr|ar|mx|cl|uy|pe|nz|za|hk|bn|ie|se|no|dk|fi|cz|"
    r"sk|hu|ro|gr|ae|sa|qa|pk|bd|lk|mm|kh|la|ng|ke|eg|ma|xyz|online|site|media|press|asia|"
    r"global|tech|app|dev|ai|gg|fm|am|to|ly|cc|ws))$",
    re.IGNORECASE,
)
_ARCHIVED = re.compile(r"^https?://(?:web\.)?archive\.org/web/[^/]+/(.+)$", re.IGNORECASE)
# Second-level labels under which a country's registrations sit ("co.id", "com.my", "co.uk").
_SECOND_LEVEL = frozenset(
    {"co", "com", "net", "org", "ac", "go", "or", "gov", "edu", "ne", "web", "sch", "mil", "my"}
)


@dataclass(frozen=True, slots=True)
class Outlets:
    """Outlet names by their lookup key, and every known outlet domain."""

    by_key: Mapping[str, tuple[str, str]]  # key -> (name as listed, domain)
    domains: frozenset[str]

    def domain_of(self, name: str) -> str | None:
        """The domain of a known outlet name or of a known outlet domain written as a name.
        A leading article may be left out of the text ("the Guardian" for "Guardian") but not
        out of the list ("Information" is not "The Information")."""
        found = self.by_key.get(outlet_key(name))
        if found is None and _LEADING_THE.match(name.strip()):
            found = self.by_key.get(outlet_key(_LEADING_THE.sub("", name.strip())))
        if found:
            return found[1]
        host = as_domain(name)
        if host and host in self.domains:
            return host
        return None

    def is_outlet_domain(self, domain: str | None) -> bool:
        return bool(domain) and registered_domain(domain or "") in self.registered

    @property
    def registered(self) -> frozenset[str]:
        return _registered_set(self.domains)


def load_outlets(path: str | Path | None = None) -> Outlets:
    """The built-in outlets, plus ``$WARTA_OUTLETS`` and ``path`` when given (they win)."""
    extra = tuple(str(p) for p in (os.environ.get(ENV_VAR), path) if p)
    return _load(extra)


@cache
def _load(extra: tuple[str, ...]) -> Outlets:
    text = resources.files("warta.data").joinpath("outlets.toml").read_text("utf-8")
    entries = dict(_entries(tomllib.loads(text), "outlets.toml"))
    for name in extra:
        entries.update(_entries(_read_user_file(Path(name)), name))
    by_key: dict[str, tuple[str, str]] = {}
    for outlet, domain in entries.items():
        key = outlet_key(outlet)
        if key:
            by_key[key] = (outlet, domain)
    return Outlets(MappingProxyType(by_key), frozenset(d for _, d in by_key.values()))


def _read_user_file(path: Path) -> dict[str, object]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"The outlets file {path} could not be read: {error}.") from error


def _entries(data: Mapping[str, object], origin: str) -> list[tuple[str, str]]:
    table = data.get("outlets", {})
    if not isinstance(table, Mapping):
        raise ConfigError(f"{origin}: [outlets] must be a table of name = domain.")
    pairs: list[tuple[str, str]] = []
    for outlet, domain in table.items():
        if not isinstance(domain, str) or not domain.strip():
            raise ConfigError(f"{origin}: the domain of outlet {outlet!r} must be a string.")
        pairs.append((str(outlet), domain.strip().lower().removeprefix("www.")))
    return pairs


@cache
def _registered_set(domains: frozenset[str]) -> frozenset[str]:
    return frozenset(filter(None, (registered_domain(d) for d in domains)))


@lru_cache(maxsize=4096)
def outlet_key(text: str) -> str:
    """How outlet names are looked up: case, spacing and punctuation ignored. (Cached: the
    same few names are looked up again and again.)"""
    return _NON_ALNUM.sub("", text.strip().casefold())


@lru_cache(maxsize=4096)
def name_key(text: str) -> str:
    """How names are compared: case, spacing, punctuation and a leading article ignored.
    (Cached: a page compares the same few titles and names many times.)"""
    text = text.strip()
    article = _LEADING_THE.match(text)  # anchored: the one place ``sub`` could replace
    if article is not None:
        text = text[article.end() :]
    return _NON_ALNUM.sub("", text.casefold())


def as_domain(text: str) -> str | None:
    """``text`` as a lowercase host name if it is written like one ("Kompas.com"), else None."""
    if "." not in text:
        return None  # most words: no need to run the pattern
    match = _DOMAIN.match(text.strip())
    return match.group(1).lower() if match else None


def host_of(url: str | None) -> str | None:
    """The lowercase host of a URL, without a leading "www."."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


def unwrap_archive(url: str) -> str:
    """The original URL of a web-archive capture ("https://web.archive.org/web/2014.../http://x/")."""
    match = _ARCHIVED.match(url)
    return match.group(1) if match else url


def registered_domain(host: str) -> str | None:
    """The registrable part of a host: "inet.detik.com" -> "detik.com", "x.co.id" -> "x.co.id"."""
    parts = [p for p in host.lower().strip(".").split(".") if p]
    if len(parts) < 2:
        return None
    if len(parts) >= 3 and len(parts[-1]) == 2 and parts[-2] in _SECOND_LEVEL:
        return ".".join(parts[-3:])
    return ".".join(parts[-2:])


def domain_label(host: str) -> str | None:
    """The name part of a registrable domain: "inet.detik.com" -> "detik"."""
    registered = registered_domain(host)
    return registered.split(".", 1)[0] if registered else None
