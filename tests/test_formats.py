"""Numbers, units and names as pages show them (sjzforecast.formats, sjzforecast.i18n)."""
import math

import pytest

from sjzforecast import formats, i18n
from sjzforecast.formats import (NBSP, decimals_of, format_estimate, format_percent, format_probability,
                                 format_value, unit_label)


def test_rates_have_one_decimal_and_probabilities_whole_percent():
    assert format_percent(0.09024) == f"9.0{NBSP}%"
    assert format_percent(-0.0652) == f"-6.5{NBSP}%"
    assert format_probability(0.637) == f"64{NBSP}%"
    assert format_percent(None) == format_probability(float("nan")) == "—"


def test_amounts_keep_the_precision_of_the_data_and_counts_are_integers():
    assert decimals_of([1.83, 2.13, 2.7]) == 2
    assert decimals_of([4000, 1557, None, math.nan]) == 0
    assert decimals_of([0.123456]) == 3  # never more than three decimals
    assert format_value(3.28041, "%", "zh", decimals=2) == f"3.28{NBSP}%"
    assert format_value(2.944, "%", "en") == f"2.944{NBSP}%"  # a published value, as published
    assert format_value(10969.4, "家", "zh") == f"10,969{NBSP}家"
    assert format_value(1557, "个", "en", with_unit=False) == "1,557"
    assert format_value(200, "亿元", "en") == f"200{NBSP}hundred million yuan"  # never "200 100 million yuan"
    assert format_value(None, "亿元", "zh") == "—"


def test_differences_are_signed_and_shares_differ_in_percentage_points():
    assert formats.format_difference(0.0812, "%", "zh", 2) == f"+0.08{NBSP}个百分点"
    assert formats.format_difference(-0.06, "%", "en", 2) == f"-0.06{NBSP}pp"
    assert formats.format_difference(98.4, "家", "en") == f"+98{NBSP}units"  # 家 also counts incubators and institutions
    assert formats.format_difference(0.001, "%", "en", 2) == f"0.00{NBSP}pp"  # rounds to zero: no sign
    assert formats.format_difference(None, "%", "zh") == "—"


def test_estimates_have_three_significant_digits():
    assert format_estimate(0.0396323097708421) == "0.0396"
    assert format_estimate(None) == "—"


def test_every_unit_and_region_of_the_data_has_an_english_name(observations):
    assert set(observations["unit"]) <= set(formats.UNIT_LABELS)
    assert set(observations["region"]) <= set(i18n.REGION_NAMES_EN)
    indicators = {i.removesuffix("_target") for i in observations["indicator"]}
    assert indicators <= set(i18n.INDICATOR_NAMES), indicators - set(i18n.INDICATOR_NAMES)
    assert unit_label("亿元", "en") == "hundred million yuan" and unit_label("亿元", "zh") == "亿元"


def test_quality_notes_are_worded_in_each_language_without_python_lists():
    note = {"code": "category_depends", "methods": ["opensdg", "unsd"]}
    assert i18n.quality_note(note, "en") == ("the category depends on the source: "
                                             "Open SDG progress status (Statistics Canada), "
                                             "UN Statistics Division progress chart")
    zh = i18n.quality_note({"code": "caveat", "years": [2020, 2021]}, "zh")
    assert zh == "2020、2021年的数值附有说明" and "[" not in zh


def test_every_translation_has_both_languages():
    for key, texts in i18n.TRANSLATIONS.items():
        assert set(texts) == set(i18n.LANGUAGES), key


@pytest.mark.parametrize("indicator, language, name", [("tech_sme_new", "en", "New technology-based SMEs"),
                                                       ("hightech_enterprises", "zh", "高新技术企业数量"),
                                                       ("no_such_id", "en", "no_such_id"),
                                                       ("rd_intensity_target", "zh", "研发经费投入强度（目标）")])
def test_indicator_names(indicator, language, name):
    assert i18n.indicator_label(indicator, language) == name


def test_variants_of_a_series_are_named_in_words():
    assert i18n.variant_label("main", "zh") == "采用值"
    assert i18n.variant_label("2023=2.52", "zh") == "2023年取 2.52"
    assert i18n.variant_label("2023=2.52", "en") == "2.52 in 2023"
