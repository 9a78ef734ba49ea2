"""Run parameters: ``params/default.yml`` with ``params/<run>.yml`` on top, validated on load.

Every key is declared in ``SCHEMA``. An unknown key, a value of the wrong kind or a value out of
range raises :class:`ParamsError` naming the file and the dotted key.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any, Callable

import yaml

from .errors import ParamsError
from .paths import PARAMS, RUNS

__all__ = ["load_params", "SCHEMA"]

Check = Callable[[Any], str | None]


def _positive_int(v: Any) -> str | None:
    return None if isinstance(v, int) and not isinstance(v, bool) and v >= 1 else "moet een geheel getal >= 1 zijn"


def _share(v: Any) -> str | None:
    ok = isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 1
    return None if ok else "moet een getal tussen 0 en 1 zijn"


def _min_items(v: Any) -> str | None:
    if v == "all" or (isinstance(v, int) and not isinstance(v, bool) and v >= 1):
        return None
    return "moet 'all' of een geheel getal >= 1 zijn"


def _perceel(v: Any) -> str | None:
    if v is None or (isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 5):
        return None
    return "moet leeg (totaal) of een perceelnummer 1-5 zijn"


def _run(v: Any) -> str | None:
    return None if v in RUNS else f"moet een van {', '.join(RUNS)} zijn"


def _str(v: Any) -> str | None:
    return None if isinstance(v, str) and v.strip() else "moet een niet-lege tekst zijn"


def _str_list(v: Any) -> str | None:
    ok = isinstance(v, list) and all(isinstance(x, str) for x in v)
    return None if ok else "moet een lijst van teksten zijn"


def _optional_number(v: Any) -> str | None:
    ok = v is None or (isinstance(v, (int, float)) and not isinstance(v, bool) and v >= 0)
    return None if ok else "moet leeg of een getal >= 0 zijn"


def _bool(v: Any) -> str | None:
    return None if isinstance(v, bool) else "moet true of false zijn"


def _optional_str(v: Any) -> str | None:
    return None if v is None or (isinstance(v, str) and v.strip()) else "moet leeg of een niet-lege tekst zijn"


def _contribution(v: Any) -> str | None:
    ok = isinstance(v, (int, float)) and not isinstance(v, bool) and 1 <= v <= 4
    return None if ok else "moet een getal van 1 tot 4 zijn (de schaal van de netwerkcirkel)"


def _newlines(v: Any) -> str | None:
    return None if v in ("as-stored", "crlf-as-one") else "moet 'as-stored' of 'crlf-as-one' zijn"


def _str_map(v: Any) -> str | None:
    ok = isinstance(v, dict) and all(isinstance(k, str) and isinstance(x, str) for k, x in v.items())
    return None if ok else "moet een mapping van tekst naar tekst zijn"


def _list_of_str(v: Any) -> str | None:
    return None if isinstance(v, list) and all(isinstance(x, str) for x in v) else "moet een lijst van teksten zijn"


def _int(v: Any) -> str | None:
    return None if isinstance(v, int) and not isinstance(v, bool) else "moet een geheel getal zijn"


def _adjust(v: Any) -> str | None:
    return None if v in ("none", "fdr_bh") else "moet 'none' of 'fdr_bh' zijn"


def _configurations(v: Any) -> str | None:
    """name -> {label: text, blocks: [{name: text, variables: [text, ...]}, ...]}"""
    if not isinstance(v, dict) or not v:
        return "moet een niet-lege mapping van configuratienamen zijn"
    for name, config in v.items():
        if not isinstance(config, dict) or set(config) != {"label", "blocks"}:
            return f"configuratie {name!r} heeft precies de sleutels 'label' en 'blocks'"
        if not isinstance(config["blocks"], list) or not config["blocks"]:
            return f"configuratie {name!r}: 'blocks' moet een niet-lege lijst zijn"
        for block in config["blocks"]:
            if not isinstance(block, dict) or set(block) != {"name", "variables"} or _str_list(block["variables"]) \
                    or not block["variables"]:
                return f"configuratie {name!r}: elk blok heeft 'name' en een niet-lege lijst 'variables'"
    return None


# key -> nested schema (dict) or (check, description)
SCHEMA: dict[str, Any] = {
    "run": (_run, "naam van de run: totaal of perceel-1 … perceel-5"),
    "label": (_str, "titel van de run in het rapport"),
    "perceel": (_perceel, "perceelnummer, leeg voor het hele programma"),
    "seed": (_int, "zaad voor alle toevalsgetallen"),
    "disclosure": {
        "min_group_size": (_positive_int, "geen aggregaat over minder respondenten"),
        "min_model_n": (_positive_int, "geen correlatie of model over minder respondenten"),
        "rounding_base": (_positive_int, "elk ander gepubliceerd aantal wordt afgerond op een veelvoud hiervan"),
        "min_cases": (_positive_int, "geen telling, code of citaat voor een groep van minder organisaties"),
    },
    "input": {
        "recode_by_label": (_bool, "SPSS-kolommen met andere waardelabels op label hercoderen in plaats van te stoppen"),
        "xlsx_sheet": (_optional_str, "naam van het blad met de antwoorden in XLSX-exports (leeg: automatisch)"),
    },
    "interviews": {
        "scheme": (_str, "codeerschema van de interviews (YAML of REFI-QDA .qdc)"),
        "cases": (_str, "casustabel van de interviews"),
        "newlines": (_newlines, "hoe de QDA-tool regeleinden telde"),
        "quote_max_chars": (_positive_int, "maximale lengte van een citaat"),
        "quotes_per_theme": (_positive_int, "citaten per SWOT-thema"),
        "deny_list": (_list_of_str, "woorden die nooit in een citaat mogen staan"),
        "redactions": (_str_map, "vervangingen in citaten vóór de controle"),
    },
    "partnerships": {
        "folder": (_str, "map met deelnemers, netwerkcirkels en gecodeerde gesprekken"),
        "scheme": (_str, "codeerschema van de gesprekken met sectorconsulenten (Bijlage 8)"),
        "newlines": (_newlines, "hoe de QDA-tool regeleinden telde"),
        "high_contribution": (_contribution, "gemiddelde bijdrage vanaf welke een perceel sterk onderling afhankelijk heet"),
        "quote_max_chars": (_positive_int, "maximale lengte van een citaat"),
        "quotes_per_theme": (_positive_int, "citaten per laag van betekenisvolle samenwerking"),
        "deny_list": (_list_of_str, "woorden die nooit in een citaat mogen staan"),
        "redactions": (_str_map, "vervangingen in citaten vóór de controle"),
    },
    "documents": {
        "folder": (_str, "map met plannen.csv, de gecodeerde plannen en profielen.yml"),
        "codebook": (_str, "themacodeboek van de plannen van aanpak"),
        "template_threshold": (_share, "vanaf deze gelijkenis zijn twee plannen bijna identiek"),
    },
    "eligibility": {
        "min_age": (_positive_int, "minimumleeftijd van een respondent"),
    },
    "analysable": {
        "min_items_share": (_share, "minimaal aandeel beantwoorde schaalitems om geanalyseerd te worden"),
    },
    "scoring": {
        "min_items_answered": (_min_items, "'all' of minimum aantal beantwoorde items per schaalscore"),
    },
    "duplicates": {
        "key": (_str_list, "kolommen die gelijk moeten zijn voor een dubbele inzending"),
        "min_item_agreement": (_share, "minimaal aandeel gelijke itemantwoorden voor een dubbele inzending"),
    },
    "pseudonymisation": {
        "salt_file": (_str, "bestand met het geheime zout voor organisatiepseudoniemen"),
    },
    "statistics": {
        "correlation_adjust": (_adjust, "p-waarden van de correlatiematrix: none of fdr_bh (Benjamini-Hochberg)"),
        "min_cases_per_predictor": (_positive_int, "minder gevallen per predictor: geen model"),
        "caution_cases_per_predictor": (_positive_int, "minder gevallen per predictor: model met waarschuwing"),
        "dependents": (_str_list, "afhankelijke variabelen van de regressies"),
        "main_configuration": (_str, "configuratie die in de hoofdtekst komt"),
        "configurations": (_configurations, "blokken per regressieconfiguratie"),
    },
    "context": {
        "sectors": (_str, "sectoren van het perceel"),
        "paritaire_comites": (_str_list, "paritaire comités van het perceel"),
        "budget_eur": (_optional_number, "maximumbudget (incl. btw) volgens het bestek"),
        "min_bereik": (_optional_number, "vooropgesteld minimum aantal begeleide organisaties"),
        "plannen_van_aanpak": (_optional_number, "aantal geanalyseerde plannen van aanpak (§5.1.1)"),
    },
}


def _read_yaml(path: Path) -> dict:
    if not path.exists():
        raise ParamsError(path, "-", "bestand bestaat niet")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ParamsError(path, "-", f"geen geldige YAML: {exc}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ParamsError(path, "-", "moet een mapping van sleutels naar waarden zijn")
    return data


def _validate(data: dict, schema: dict, path: Path, prefix: str = "", complete: bool = False) -> None:
    for key, value in data.items():
        dotted = f"{prefix}{key}"
        if key not in schema:
            known = ", ".join(sorted(schema))
            raise ParamsError(path, dotted, f"onbekende sleutel (bekend: {known})")
        spec = schema[key]
        if isinstance(spec, dict):
            if not isinstance(value, dict):
                raise ParamsError(path, dotted, "moet een mapping zijn")
            _validate(value, spec, path, dotted + ".", complete)
        else:
            problem = spec[0](value)
            if problem:
                raise ParamsError(path, dotted, f"{problem} (gekregen: {value!r})")
    if complete:
        for key, spec in schema.items():
            if key not in data:
                raise ParamsError(path, f"{prefix}{key}", "ontbreekt")


def _merge(base: dict, top: dict) -> dict:
    out = copy.deepcopy(base)
    for key, value in top.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def load_params(run: str | None = None, *, params_dir: Path = PARAMS, files: list[Path] | None = None) -> dict:
    """Load and validate the parameters of a run.

    Parameters
    ----------
    run : str, optional
        ``totaal`` or ``perceel-1`` … ``perceel-5``; reads ``default.yml`` then ``<run>.yml``.
    params_dir : Path
        Folder of the parameter files.
    files : list of Path, optional
        Explicit files to merge in order instead of ``run`` (first one is the default file).

    Returns
    -------
    dict
        The merged parameters; ``_files`` lists the files read.
    """
    if files is None:
        if run is None:
            raise ValueError("geef een run of een lijst van bestanden")
        files = [params_dir / "default.yml", params_dir / f"{run}.yml"]
    merged: dict = {}
    for path in files:
        data = _read_yaml(Path(path))
        _validate(data, SCHEMA, Path(path))
        merged = _merge(merged, data)
    _validate(merged, SCHEMA, Path(files[-1]), complete=True)
    if run is not None and merged["run"] != run:
        raise ParamsError(files[-1], "run", f"is {merged['run']!r}, maar het bestand hoort bij run {run!r}")
    expected = None if merged["run"] == "totaal" else int(re.sub(r"\D", "", merged["run"]))
    if merged["perceel"] != expected:
        raise ParamsError(files[-1], "perceel", f"past niet bij run {merged['run']!r} (verwacht {expected!r})")
    stats_params = merged["statistics"]
    if stats_params["main_configuration"] not in stats_params["configurations"]:
        raise ParamsError(files[-1], "statistics.main_configuration",
                          f"{stats_params['main_configuration']!r} staat niet onder statistics.configurations")
    merged["_files"] = [str(p) for p in files]
    return merged
