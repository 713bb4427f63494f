import pytest

import sjzforecast
from sjzforecast.analysis import resolve_target, target_level_in_year


def test_rd_intensity_against_the_3_percent_target(observations, targets):
    result = sjzforecast.analyse_indicator(indicator="rd_intensity", target_year=2025, n_paths=2000,
                                           observations=observations, targets=targets)
    assert result.target.level == 3.0 and result.target.year == 2025
    assert 0.0 < result.probability < 1.0
    assert result.target_path[2025] == pytest.approx(3.0)
    assert result.required_growth == pytest.approx((3.0 / 2.76) ** 0.5 - 1)
    assert list(result.forecast.index) == list(range(2024, 2031))
    frame = result.scenario_frame()
    assert {"bau", "target_path", "high", "low", "drivers"} <= set(frame["scenario"])


def test_cumulative_and_growth_rate_targets_become_levels(observations, targets):
    hte = sjzforecast.select_series(observations, "石家庄", "hightech_enterprises").series
    row = sjzforecast.data.find_target(targets, "hightech_enterprises")
    assert resolve_target(row, hte, 2025).level == 2499 + 1501
    rd = sjzforecast.select_series(observations, "石家庄", "rd_expenditure").series
    row = sjzforecast.data.find_target(targets, "rd_expenditure_growth")
    assert resolve_target(row, rd, 2025).level == pytest.approx(rd[2020] * 1.12**5)


def test_target_year_before_the_data_is_refused(observations, targets):
    with pytest.raises(ValueError, match=r"target_year 2019 is before the last observation .* \(2023\)"):
        sjzforecast.analyse_indicator(indicator="rd_intensity", target_year=2019,
                                      observations=observations, targets=targets)


def test_every_scenario_in_one_tidy_frame(observations, targets):
    result = sjzforecast.analyse_indicator(indicator="rd_intensity", target_year=2025, n_paths=2000,
                                           observations=observations, targets=targets, rd_growth=12.0,
                                           gdp_growth=6.0, growth={"2024-2030": 5.0})
    frame = result.scenario_frame()
    assert set(frame["scenario"]) == {"bau", "target_path", "growth", "high", "low", "drivers"}
    wide = frame.pivot_table(index="year", columns="scenario", values="value")
    assert (wide["low"].dropna() < wide["bau"].dropna()).all() and (wide["bau"].dropna() < wide["high"].dropna()).all()
    assert wide.loc[2025, "drivers"] == pytest.approx(2.76 * (1.12 / 1.06) ** 2)
    assert wide.loc[2030, "growth"] == pytest.approx(2.76 * 1.05**7)
    summary = result.scenario_summary()
    assert list(summary.columns) == ["2025", "2030", "meets_target"]
    assert summary.loc["target_path", "meets_target"] and not summary.loc["low", "meets_target"]


def test_drivers_gdp_growth_defaults_to_the_data(observations, targets):
    result = sjzforecast.analyse_indicator(indicator="rd_intensity", n_paths=500, observations=observations,
                                           targets=targets, rd_growth=12.0, gdp_growth=None)
    frame = result.scenario_frame().query("scenario == 'drivers'").set_index("year")["value"]
    gdp = sjzforecast.select_series(observations, "石家庄", "gdp").series
    g = (gdp[2025] / gdp[2022]) ** (1 / 3) - 1
    assert frame[2025] == pytest.approx(2.76 * (1.12 / (1 + g)) ** 2)


@pytest.mark.parametrize("kwargs, message", [
    (dict(scenario="x"), r"No scenario named 'x'; known:"),
    (dict(indicator="hightech_enterprises", scenario="drivers"), "does not apply"),
    (dict(growth=-150.0), "at or below -100 %"),
    (dict(high_quantile=0.2, low_quantile=0.3), "low_quantile < high_quantile"),
])
def test_bad_scenario_input(observations, targets, kwargs, message):
    with pytest.raises(ValueError, match=message):
        sjzforecast.analyse_indicator(**{"n_paths": 200, **kwargs}, observations=observations, targets=targets)


# --- target semantics in any year --------------------------------------------------------------


def test_level_target_holds_or_continues_its_pace():
    assert target_level_in_year("level", 3.0, 2020, 2.13, 2025, 2030) == 3.0
    assert target_level_in_year("level", 3.0, 2020, 2.13, 2025, 2030, mode="pace") == pytest.approx(
        2.13 * (3.0 / 2.13) ** 2)
    assert target_level_in_year("level", 3.0, 2020, 2.13, 2025, 2025, mode="pace") == pytest.approx(3.0)


def test_cumulative_increase_in_2030_and_2035():
    assert target_level_in_year("cumulative_increase", 1501, 2020, 2499, 2025, 2035) == 4000
    assert target_level_in_year("cumulative_increase", 1501, 2020, 2499, 2025, 2030, mode="pace") == 2499 + 3002
    assert target_level_in_year("cumulative_increase", 1501, 2020, 2499, 2025, 2035, mode="pace") == 2499 + 4503


def test_growth_rate_target_is_judged_on_growth_from_the_observed_base():
    for year in (2025, 2030, 2035):
        level = target_level_in_year("growth_rate", 12, 2020, 3.4, 2025, year, base_observation=117.38)
        assert level == pytest.approx(117.38 * 1.12 ** (year - 2020))


@pytest.mark.parametrize("args, kwargs, message", [
    (("growth_rate", 12, 2020, 3.4, 2025, 2025), {}, "there is none"),
    (("growth_rate", 12, 2020, 3.4, 2025, 2025), {"base_observation": 0.0}, "positive base value"),
    (("growth_rate", -120, 2020, 3.4, 2025, 2025), {"base_observation": 5.0}, "at or below -100 %"),
    (("level", 3.0, 2020, 2.13, 2025, 2019), {}, "not after the target's base year"),
    (("level", 3.0, 2020, -1.0, 2025, 2030), {"mode": "pace"}, "positive values"),
    (("level", 3.0, 2020, 2.13, 2025, 2030), {"mode": "hold"}, "valid: \\['plan', 'pace'\\]"),
])
def test_target_semantics_bad_input(args, kwargs, message):
    with pytest.raises(ValueError, match=message):
        target_level_in_year(*args, **kwargs)


def test_a_2030_outlook_reads_the_plan_target_in_2030(observations, targets):
    result = sjzforecast.analyse_indicator(indicator="rd_expenditure", target_year=2030, n_paths=500,
                                           observations=observations, targets=targets)
    rd = sjzforecast.select_series(observations, "石家庄", "rd_expenditure").series
    assert result.target.level == pytest.approx(rd[2020] * 1.12**10)
    assert result.scenario_frame()["year"].max() == 2030


def test_peer_prior_is_used_where_a_provincial_panel_exists(observations, targets):
    kwargs = dict(indicator="rd_intensity", n_paths=2000, observations=observations, targets=targets)
    with_peers = sjzforecast.analyse_indicator(**kwargs)
    without = sjzforecast.analyse_indicator(peers=False, **kwargs)
    assert with_peers.params["peers"] and not without.params["peers"]
    assert "drift:peer_weight" in set(with_peers.model.tidy()["term"])
    assert "drift:peer_weight" not in set(without.model.tidy()["term"])
    width = lambda r: r.forecast.loc[2025, "hi-95"] - r.forecast.loc[2025, "lo-95"]  # noqa: E731
    assert width(with_peers) < width(without)


def test_no_peer_prior_for_a_city_only_indicator(observations, targets):
    result = sjzforecast.analyse_indicator(indicator="hightech_enterprises", n_paths=500,
                                           observations=observations, targets=targets)
    assert not result.params["peers"]


def test_the_growth_scenario_appears_only_when_asked_for(observations, targets):
    kwargs = dict(indicator="tech_sme", n_paths=300, observations=observations, targets=targets)
    assert "growth" not in set(sjzforecast.analyse_indicator(**kwargs).scenario_frame()["scenario"])
    frame = sjzforecast.analyse_indicator(growth=5.0, **kwargs).scenario_frame()
    path = frame[frame["scenario"] == "growth"].set_index("year")["value"]
    assert path[2025] == pytest.approx(19228 * 1.05)


def test_required_growth_is_set_against_what_provinces_achieved(observations, targets):
    from sjzforecast import effort

    result = sjzforecast.analyse_indicator(indicator="rd_intensity", n_paths=300,
                                           observations=observations, targets=targets)
    panel = effort.panel_frame(observations, "rd_intensity")
    expected = effort.feasibility_against_peers(result.required_growth, 2025 - 2023, panel)
    assert result.peer_feasibility == expected and 0 < expected.share < 1
    assert sjzforecast.analyse_indicator(indicator="tech_sme", n_paths=300, observations=observations,
                                         targets=targets).peer_feasibility is None


def test_another_region_is_not_judged_against_this_plan(observations, targets):
    with pytest.raises(ValueError, match="no plan target for 'rd_intensity' in this region: give target_value"):
        sjzforecast.analyse_indicator(region="河北", indicator="rd_intensity", n_paths=200,
                                      observations=observations, targets=targets)
    hebei = sjzforecast.analyse_indicator(region="河北", indicator="rd_intensity", target_value=2.5, n_paths=200,
                                          observations=observations, targets=targets)
    assert hebei.target.level == 2.5 and hebei.target.target_id == "user"
