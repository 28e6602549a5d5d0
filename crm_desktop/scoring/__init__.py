"""The scoring engine: pure pandas/numpy, no Qt, no database, no I/O.

``score(ScoringInput(...), ScoringConfig.from_mapping(toml_dict))`` grades every client and scores every
investment manager; ``render_reasons`` turns the stored reasons into text in the UI language.
"""

from crm_desktop.scoring.config import ConfigError, ScoringConfig
from crm_desktop.scoring.engine import CLIENT_COLUMNS, ENGINE_VERSION, ScoringResult, score
from crm_desktop.scoring.inputs import COLUMNS, ScoringInput
from crm_desktop.scoring.reasons import label, reason_code, reason_params, render_reasons

__all__ = [
    "CLIENT_COLUMNS",
    "COLUMNS",
    "ENGINE_VERSION",
    "ConfigError",
    "ScoringConfig",
    "ScoringInput",
    "ScoringResult",
    "label",
    "reason_code",
    "reason_params",
    "render_reasons",
    "score",
]
