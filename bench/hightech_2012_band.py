"""石家庄 high-tech enterprises: the 2030 fan with and without the 2012 rows flagged ``d``.

The 2012 counts (205 = 102 + 103) are firms entered into statistics, not the certified stock
the plan counts; data/raw/observations.csv flags them ``d``, so no trend uses them.  This prints
the briefing's 2030 mean and 95 % band (auto model, 10 000 paths, seed 0) both ways.
Run:  .venv/bin/python bench/hightech_2012_band.py
"""
import sjzforecast as sf
from sjzforecast.question import load_data

obs, targets = load_data()
unflagged = obs.copy()
unflagged.loc[(obs["region"] == "石家庄") & (obs["indicator"] == "hightech_enterprises") & (obs["year"] == 2012), "flag"] = ""
question = sf.Question(indicator="hightech_enterprises", target_year=2030, end_year=2030)
for name, frame in [("2012 in the trend (before)", unflagged), ("2012 flagged d (after)", obs)]:
    result = sf.answer(question, observations=frame, targets=targets)
    f = result.forecast.loc[2030]
    print(f"{name:28s} first year {result.series.index[0]}: 2030 mean {f['mean']:.0f}, "
          f"95 % band {f['lo-95']:.0f}-{f['hi-95']:.0f}")
