"""Axis labels of the 360° view's asset chart."""

from __future__ import annotations

import pytest

from crm_desktop.gui.clients.charts import WanFormatter


@pytest.mark.parametrize(
    "ticks, labels",
    [
        ([0, 2_000, 4_000, 6_000, 8_000, 10_000], ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]),
        ([0, 250, 500, 750], ["0.000", "0.025", "0.050", "0.075"]),
        ([0, 2_000_000, 4_000_000], ["0", "200", "400"]),
        ([0, 50_000, 100_000, 150_000], ["0", "5", "10", "15"]),
        ([0, 5_000, 10_000, 15_000], ["0.0", "0.5", "1.0", "1.5"]),
        ([30_000_000], ["3,000"]),
    ],
)
def test_labels_in_wan_keep_ticks_apart(ticks: list[float], labels: list[str]) -> None:
    shown = WanFormatter().format_ticks(ticks)
    assert shown == labels
    assert len(set(shown)) == len(shown)
