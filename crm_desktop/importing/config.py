"""Reading ``resources/config/suitability.toml``: the importer needs the default validity of an
assessment, the services need everything; both read it here (the rule itself does no I/O)."""

from __future__ import annotations

from pathlib import Path

from crm_desktop.domain.suitability import SuitabilityConfig, SuitabilityConfigError
from crm_desktop.paths import resource

CONFIG_FILE = ("config", "suitability.toml")


def config_path() -> Path:
    return resource(*CONFIG_FILE)


def read_config(path: Path | None = None) -> SuitabilityConfig:
    """The settings, the defaults when the file is missing; SuitabilityConfigError when it is wrong."""
    path = path or config_path()
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        return SuitabilityConfig()
    except (OSError, UnicodeDecodeError) as exc:
        raise SuitabilityConfigError(str(exc)) from exc
    return SuitabilityConfig.from_toml(text)
