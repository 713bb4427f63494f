"""Grid expansion of params files: names, order and errors."""
import pytest

from sjzforecast.grid import expand_doc, expand_files, safe_name_part
from sjzforecast.params import SAFE_NAME


@pytest.mark.parametrize("value", ["../etc/passwd", "a/b", "..", "石家庄", " x ", "-0.05", "a..b", ".hidden"])
def test_every_value_becomes_a_safe_unique_file_name(value):
    name = f"run__k-{safe_name_part(value)}"
    assert SAFE_NAME.match(name) and ".." not in name and "/" not in name
    assert safe_name_part(value) != safe_name_part(value + "x")


def test_safe_values_are_kept_as_they_are():
    assert [safe_name_part(v) for v in ("drift", 0.12, 2030, "high-2")] == ["drift", "0.12", "2030", "high-2"]


def test_grid_expands_in_file_order_with_deterministic_names():
    runs = expand_doc({"indicator": "x", "grid": {"model": ["drift", "damped"], "target_year": [2025, 2030]}}, "f")
    assert [name for name, _ in runs] == ["f__model-drift__target_year-2025", "f__model-drift__target_year-2030",
                                          "f__model-damped__target_year-2025", "f__model-damped__target_year-2030"]
    assert runs[1][1] == {"indicator": "x", "model": "drift", "target_year": 2030,
                          "name": "f__model-drift__target_year-2030"}
    assert expand_doc({"indicator": "x"}, "f") == [("f", {"indicator": "x"})]


@pytest.mark.parametrize("grid, message", [
    ([1, 2], "must map parameter names to lists"),
    ({"seed": []}, "'grid.seed' must be a non-empty list"),
    ({"indicator": ["a"]}, "'indicator' is set both in the file and in its grid"),
    ({"name": ["a"]}, "'grid.name' cannot vary"),
])
def test_bad_grids_are_refused(grid, message):
    with pytest.raises(ValueError, match=message):
        expand_doc({"indicator": "x", "grid": grid}, "f", "f.yaml")


def test_a_bad_file_is_one_failed_run_and_duplicate_names_fail(tmp_path):
    docs = {"a.yaml": {"name": "same"}, "b.yaml": {"name": "same"}, "c.yaml": {"grid": {"seed": 1}}}
    specs = expand_files([tmp_path / n for n in docs], lambda path: docs[path.name])
    assert [(s.name, s.error is None) for s in specs] == [("same", True), ("same", False), ("c", False)]
    assert "already used by" in specs[1].error and "grid.seed" in specs[2].error
