import numpy as np
import pandas as pd
import pytest

from sjzforecast.scenarios import (compound_path, first_passage, probability_of_meeting, required_growth,
                                   target_path)


def test_required_growth_recovers_a_known_rate():
    series = compound_path(2020, 2.13, 0.07, 2025)
    assert required_growth(2020, 2.13, series[2025], 2025) == pytest.approx(0.07)


def test_target_path_reaches_the_target_at_constant_growth():
    path = target_path(2023, 2.76, 3.0, 2025, end_year=2027)
    assert list(path.index) == [2023, 2024, 2025, 2026, 2027]
    assert path[2023] == pytest.approx(2.76) and path[2025] == pytest.approx(3.0)
    ratios = path.to_numpy()[1:] / path.to_numpy()[:-1]
    np.testing.assert_allclose(ratios, (3.0 / 2.76) ** 0.5)


@pytest.mark.parametrize("args, message", [
    ((2025, 2.0, 3.0, 2025), "not after the latest observation"),
    ((2020, 0.0, 3.0, 2025), "cannot start from a zero value"),
    ((2020, -1.0, 3.0, 2025), "values of one sign"),
])
def test_required_growth_bad_input(args, message):
    with pytest.raises(ValueError, match=message):
        required_growth(*args)


def test_growth_below_minus_100_percent_is_refused():
    with pytest.raises(ValueError, match="below -100 %"):
        compound_path(2020, 1.0, -1.5, 2025)


def test_probability_and_first_passage_count_paths():
    paths = pd.DataFrame([[1, 2, 3], [1, 1, 1], [3, 0, 0], [0, 0, 5]], columns=[2024, 2025, 2026])
    assert probability_of_meeting(paths, 2, 2025) == 0.25
    assert probability_of_meeting(paths, 1, 2025, direction="decrease") == 0.75
    assert list(first_passage(paths, 2.5)) == [0.25, 0.25, 0.75]
