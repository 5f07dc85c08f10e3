"""One validated settings object; defaults live in ``data/settings.toml``.

Every index and report stores the digest of the settings it was made with, so a
figure can always be traced back to the thresholds that produced it.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import asdict, dataclass, fields, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from unspun.errors import SettingsError


@dataclass(frozen=True, slots=True)
class RetrieveSettings:
    max_terms: int
    anchor_terms: int
    anchor_df_share: float
    max_df_share: float
    tie_df_share: float
    candidates: int
    min_weight_share: float


@dataclass(frozen=True, slots=True)
class AlignSettings:
    min_words: int
    short_words: int
    short_coverage: float
    min_coverage: float
    min_names_kept: float
    copied: float
    spun: float
    paraphrased: float
    paraphrase_run: int
    context_window: int
    context_coverage: float
    context_run: int
    merge_run: int
    merge_below: float


@dataclass(frozen=True, slots=True)
class TraceSettings:
    stale_days: int


@dataclass(frozen=True, slots=True)
class ScanSettings:
    """Thresholds of a corpus scan; each is explained in data/settings.toml and docs/scan.md."""

    boilerplate_outlets: int
    boilerplate_words: int
    boilerplate_share: float
    boilerplate_min_docs: int
    min_sentences: int
    w_spin: float
    w_stitch: float
    w_cues: float
    stitch_full: float
    cue_full: float
    max_sources: int


@dataclass(frozen=True, slots=True)
class Settings:
    retrieve: RetrieveSettings
    align: AlignSettings
    trace: TraceSettings
    scan: ScanSettings

    @property
    def digest(self) -> str:
        return _digest(self)


@lru_cache(maxsize=16)
def _digest(settings: Settings) -> str:
    """Computed once per settings value: every report records it, and a scan makes thousands."""
    blob = json.dumps(asdict(settings), sort_keys=True).encode()
    return hashlib.sha256(blob).hexdigest()[:16]


_SECTIONS = {
    "retrieve": RetrieveSettings,
    "align": AlignSettings,
    "trace": TraceSettings,
    "scan": ScanSettings,
}


def _section(name: str, raw: dict[str, Any], base: Any = None) -> Any:
    cls = _SECTIONS[name]
    known = {f.name: f.type for f in fields(cls)}
    unknown = set(raw) - set(known)
    if unknown:
        raise SettingsError(
            f"unknown setting(s) {sorted(unknown)} in [{name}]",
            f"known settings in [{name}] are {sorted(known)}",
        )
    values: dict[str, Any] = {}
    for key, kind in known.items():
        if key not in raw:
            continue
        value = raw[key]
        want = int if kind == "int" else float
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or (want is int and isinstance(value, float))
        ):
            raise SettingsError(f"setting {name}.{key} must be a number, got {value!r}")
        if value < 0:
            raise SettingsError(f"setting {name}.{key} must not be negative, got {value!r}")
        values[key] = want(value)
    return replace(base, **values) if base is not None else cls(**values)


def _from_mapping(raw: dict[str, Any], base: Settings | None = None) -> Settings:
    unknown = set(raw) - set(_SECTIONS)
    if unknown:
        raise SettingsError(f"unknown settings section(s) {sorted(unknown)}", f"use {sorted(_SECTIONS)}")
    parts = {
        name: _section(name, raw.get(name, {}), getattr(base, name) if base else None) for name in _SECTIONS
    }
    return Settings(**parts)


def default_settings() -> Settings:
    text = resources.files("unspun").joinpath("data/settings.toml").read_text(encoding="utf-8")
    return _from_mapping(tomllib.loads(text))


def load_settings(path: Path | None = None) -> Settings:
    """Defaults, overridden by the TOML file at ``path`` when one is given."""
    settings = default_settings()
    if path is None:
        return settings
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise SettingsError(f"cannot read settings file {path}: {err.strerror}") from err
    except tomllib.TOMLDecodeError as err:
        raise SettingsError(f"settings file {path} is not valid TOML: {err}") from err
    return _from_mapping(raw, settings)
