import numpy as np
import pandas as pd
import pytest

import sjzforecast


@pytest.fixture(scope="session")
def observations():
    return sjzforecast.load_observations()


@pytest.fixture(scope="session")
def targets():
    return sjzforecast.load_targets()


@pytest.fixture
def cagr_series():
    """A series growing exactly 10 % a year at uneven years."""
    years = np.array([2015, 2016, 2018, 2021, 2023])
    return pd.Series(2.0 * 1.10 ** (years - 2015), index=years, name="x")
