"""A run's settings: the same keys from command-line options or a TOML file."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from warta.errors import ConfigError

DEFAULT_TARGET = "warta.db"


@dataclass(frozen=True, slots=True)
class RunConfig:
    """Everything that decides what a run reads, keeps and writes.

    ``jobs`` is the number of extraction worker processes (0: extract in the calling process,
    with no time limit). ``timeout`` is the most one page's extraction may take. ``langs``
    empty keeps every language. ``extractor`` is ``module:function`` with the signature of
    :func:`warta.extract`; it exists so tests and users can plug their own. ``metadata``
    False extracts the text, title and language only (``warta.extract(..., metadata=False)``).
    """

    sources: tuple[str, ...] = ()
    target: str = DEFAULT_TARGET
    jobs: int = 0  # 0 is replaced by the number of CPUs when the run starts
    langs: tuple[str, ...] = ()
    dedup: bool = True
    metadata: bool = True
    near_dup_threshold: float = 0.8
    num_perm: int = 128
    shingle_size: int = 5
    timeout: float = 30.0
    allow_private: bool = False
    quiet: bool = False
    batch_size: int = 200
    part_size: int = 1000  # files or URLs per shard when a source is not a WARC/ARC file
    work_dir: str | None = None
    extractor: str = "warta.extract:extract"
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if not 0.0 < self.near_dup_threshold <= 1.0:
            raise ConfigError("near-dup-threshold must be above 0 and at most 1.")
        if self.timeout <= 0:
            raise ConfigError("timeout must be a positive number of seconds.")
        if self.jobs < 0:
            raise ConfigError("jobs must be 0 (one per CPU) or more.")
        if self.num_perm < 16 or self.shingle_size < 1:
            raise ConfigError("num_perm must be at least 16 and shingle_size at least 1.")
        if self.batch_size < 1 or self.part_size < 1:
            raise ConfigError("batch_size and part_size must be at least 1.")
        if ":" not in self.extractor:
            raise ConfigError("extractor must be written module:function.")

    def with_options(self, **options: Any) -> RunConfig:
        """A copy with the given options set; None means "not given" and changes nothing."""
        given = {k: v for k, v in options.items() if v is not None}
        return replace(self, **_coerce(given))

    def fingerprint(self) -> dict[str, Any]:
        """The settings that decide a run's output; a run's resumable state is keyed on them."""
        keep = ("sources", "target", "langs", "dedup", "near_dup_threshold", "num_perm",
                "shingle_size", "part_size", "extractor")  # fmt: skip
        found = {name: getattr(self, name) for name in keep}
        if not self.metadata:  # only when off: a run from before the option keeps its key
            found["metadata"] = False
        return found


_LIST_KEYS = {"sources", "langs"}
_KEYS = {f.name for f in fields(RunConfig)} - {"extra"}
_ALIASES = {"lang": "langs", "to": "target", "near-dup-threshold": "near_dup_threshold"}
_NEGATED = {"no_dedup": "dedup", "no_metadata": "metadata"}


def _coerce(values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for raw_key, value in values.items():
        key = _ALIASES.get(raw_key, raw_key).replace("-", "_")
        if key in _NEGATED:
            key, value = _NEGATED[key], not value
        if key not in _KEYS:
            raise ConfigError(f"unknown run setting {raw_key!r}.")
        if key in _LIST_KEYS:
            value = split_list(value)
        out[key] = value
    return out


def split_list(value: Any) -> tuple[str, ...]:
    """ "id,ms" or ["id", "ms"] as ("id", "ms")."""
    items = value.split(",") if isinstance(value, str) else list(value)
    return tuple(str(item).strip() for item in items if str(item).strip())


def load_toml(path: str | Path) -> dict[str, Any]:
    """The settings in a run file: top-level keys, or those of a ``[run]`` table."""
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"cannot read the run file {path}: {exc.strerror or exc}.") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"the run file {path} is not valid TOML: {exc}.") from exc
    table = data.get("run", data)
    if not isinstance(table, dict):
        raise ConfigError(f"the [run] table of {path} is not a table.")
    return table


def build_config(toml_path: str | Path | None, **options: Any) -> RunConfig:
    """Settings from the TOML file (if any), overridden by the options that were given."""
    base = RunConfig()
    try:
        if toml_path is not None:
            base = base.with_options(**load_toml(toml_path))
        return base.with_options(**options)
    except TypeError as exc:
        raise ConfigError(f"a run setting has the wrong type: {exc}.") from exc
