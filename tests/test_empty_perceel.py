"""A perceel with no respondent at all gets the same kind of report as one under the threshold
(issue 9, case 6: it used to crash the sample step at an unguarded ``iloc[0]``)."""

from competentiecheck.core.params import load_params
from competentiecheck.privacy.disclosure import Disclosure
from competentiecheck.survey.publication import protected_sample
from competentiecheck.survey.report_context import exclusion_reasons_fragment
from competentiecheck.survey.report_sample import sample_fragments, sample_values
from competentiecheck.survey.report_statistics import findings_fragments, statistics_fragments, statistics_values
from competentiecheck.survey.statistics import run_statistics


def test_a_perceel_without_respondents_gets_a_report_that_says_so(cleaned, codebook):
    data = cleaned.data[cleaned.data["perceel"] != 3].reset_index(drop=True)
    flow = cleaned.flow[cleaned.flow["run"] != "perceel-3"].copy()
    totaal = flow["run"] == "totaal"
    stages = ["ontvangen", "toestemming", "geschikt", "uniek", "geanalyseerd"]
    flow.loc[totaal, stages] = flow.loc[totaal, stages] - cleaned.flow.set_index("run").loc["perceel-3", stages].values
    exclusions = cleaned.exclusions[cleaned.exclusions["perceel"] != "perceel-3"]
    params = load_params("perceel-3")
    disclosure = Disclosure.from_params(params)
    tables = protected_sample(data, flow, exclusions, codebook, disclosure)["perceel-3"]
    assert tables.tables == {} and tables.counts["n_geanalyseerd"] == 0 and tables.reasons.empty
    fragments = sample_fragments(params, disclosure, tables, "figures/functies.png")
    assert "Te weinig respondenten" in fragments["steekproef"]
    assert sample_values(params, disclosure, tables)["rapporteerbaar"] is False
    assert "geen enkele inzending" in exclusion_reasons_fragment(tables.reasons, disclosure)
    stats = run_statistics(data[data["perceel"] == 3], codebook, params, disclosure)
    assert "alles" in stats.messages
    pieces = statistics_fragments(stats, codebook, params, disclosure, None)
    assert all("Te weinig respondenten" in text or text for text in pieces.values())
    assert statistics_values(stats, codebook, params)["stat_rapporteerbaar"] is False
    assert findings_fragments(stats, params)
