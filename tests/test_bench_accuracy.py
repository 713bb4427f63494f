"""The long-series benchmark's paired bootstrap (bench/accuracy.py)."""
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
from accuracy import paired_differences  # noqa: E402


def scored(errors: dict[str, np.ndarray]) -> pd.DataFrame:
    """Forecasts of 40 series, 3 years each, actual 100, by models whose absolute errors are given."""
    rows = []
    for model, err in errors.items():
        for i, e in enumerate(err):
            rows.append({"model": model, "series": f"s{i // 3}", "actual": 100.0, "mean": 100.0 + e, "scale": 2.0})
    return pd.DataFrame(rows)


def test_paired_differences_give_the_difference_and_a_bootstrap_interval_around_it():
    rng = np.random.default_rng(0)
    base = rng.uniform(1, 9, 120)
    frame = scored({"auto": base, "peer": base + 2.0, "same": base})
    table = paired_differences(frame, "auto", ["peer", "same"])
    assert table.loc["peer", "MASE"] == pytest.approx(-1.0)  # 2 units of error at a scale of 2
    assert table.loc["peer", "MASE 97.5 %"] < 0 < table.loc["same", "MASE 97.5 %"] + 1e-12
    assert table.loc["same", ["sMAPE", "MASE", "sMAPE 2.5 %", "MASE 97.5 %"]].abs().max() < 1e-12
    noisy = scored({"auto": base, "peer": base + rng.normal(0, 3, 120)})
    row = paired_differences(noisy, "auto", ["peer"]).loc["peer"]
    assert row["MASE 2.5 %"] < row["MASE"] < row["MASE 97.5 %"]
