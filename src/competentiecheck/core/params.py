"""Run parameters: ``params/default.yml`` with ``params/<run>.yml`` on top, validated on load.

Every key is declared in ``SCHEMA``. An unknown key, a value of the wrong kind or a value out of
range raises :class:`ParamsError` naming the file and the dotted key.

The ``disclosure`` keys are one joint protection of all reports: each has a floor below which it
protects nothing, a run file may raise them above ``default.yml`` but never lower them (and keeps its
``rounding_base``), and every run gets, per key, the highest value of ``default.yml`` and all run
files. A threshold raised for one perceel only would otherwise be undone by subtracting the other
reports from the totaal report.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from competentiecheck.core.errors import ParamsError
from competentiecheck.core.paths import PARAMS, RUNS
from competentiecheck.core.yaml_text import safe_load

__all__ = ["load_params", "SCHEMA"]

Check = Callable[[Any], str | None]


def _positive_int(v: Any) -> str | None:
    return None if isinstance(v, int) and not isinstance(v, bool) and v >= 1 else "moet een geheel getal >= 1 zijn"


def _int_at_least(floor: int, why: str) -> Check:
    """A check for a whole number of at least ``floor``; ``why`` says what a lower value would expose."""

    def check(v: Any) -> str | None:
        ok = isinstance(v, int) and not isinstance(v, bool) and v >= floor
        return None if ok else f"moet een geheel getal >= {floor} zijn: {why}"

    return check


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


def _optional_count(v: Any) -> str | None:
    ok = v is None or (isinstance(v, int) and not isinstance(v, bool) and v >= 0)
    return None if ok else "moet leeg of een geheel getal >= 0 zijn (een aantal plannen of organisaties)"


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


def _count(v: Any) -> str | None:
    ok = isinstance(v, int) and not isinstance(v, bool) and v >= 0
    return None if ok else "moet een geheel getal >= 0 zijn"


def _wave_labels(v: Any) -> str | None:
    ok = isinstance(v, list) and bool(v) and all(isinstance(x, str) and x.strip() for x in v) and len(set(v)) == len(v)
    return (
        None if ok else "moet een niet-lege lijst van verschillende niet-lege teksten zijn (bv. [voormeting, nameting])"
    )


def _typos(v: Any) -> str | None:
    return None if v in (0, 1) and not isinstance(v, bool) else "moet 0 of 1 zijn (aantal verschillende tekens)"


def _names(v: Any) -> str | None:
    ok = isinstance(v, list) and bool(v) and all(isinstance(x, str) and x.strip() for x in v)
    return None if ok else "moet een niet-lege lijst van niet-lege teksten zijn (of ['niet vermeld'])"


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
            if (
                not isinstance(block, dict)
                or set(block) != {"name", "variables"}
                or _str_list(block["variables"])
                or not block["variables"]
            ):
                return f"configuratie {name!r}: elk blok heeft 'name' en een niet-lege lijst 'variables'"
    return None


# key -> nested schema (dict) or (check, description)
SCHEMA: dict[str, Any] = {
    "run": (_run, "naam van de run: totaal of perceel-1 … perceel-5"),
    "label": (_str, "titel van de run in het rapport"),
    "perceel": (_perceel, "perceelnummer, leeg voor het hele programma"),
    "seed": (_int, "zaad voor alle toevalsgetallen"),
    "disclosure": {
        "min_group_size": (
            _int_at_least(3, "een gemiddelde of spreiding over 1 of 2 respondenten geeft hun antwoorden prijs"),
            "geen aggregaat over minder respondenten",
        ),
        "min_model_n": (
            _int_at_least(3, "een correlatie of model over 1 of 2 respondenten geeft hun antwoorden prijs"),
            "geen correlatie of model over minder respondenten (minstens min_group_size)",
        ),
        "rounding_base": (
            _int_at_least(
                2,
                "met 1 wordt niets afgerond en volgt een verborgen aantal uit het verschil "
                "tussen het totaalrapport en de perceelrapporten",
            ),
            "elk ander gepubliceerd aantal wordt afgerond op een veelvoud hiervan",
        ),
        "min_cases": (
            _int_at_least(3, "bij 1 of 2 organisaties wijst een telling, code of citaat naar één organisatie"),
            "geen telling, code of citaat voor een groep van minder organisaties",
        ),
    },
    "input": {
        "recode_by_label": (
            _bool,
            "SPSS-kolommen met andere waardelabels op label hercoderen in plaats van te stoppen",
        ),
        "xlsx_sheet": (_optional_str, "naam van het blad met de antwoorden in XLSX-exports (leeg: automatisch)"),
    },
    "interviews": {
        "scheme": (_str, "codeerschema van de interviews (YAML of REFI-QDA .qdc)"),
        "newlines": (_newlines, "hoe de QDA-tool regeleinden telde"),
        "quote_max_chars": (_positive_int, "maximale lengte van een citaat"),
        "quotes_per_theme": (_positive_int, "citaten per SWOT-thema"),
        "deny_list": (_list_of_str, "woorden die nooit in een citaat mogen staan"),
        "redactions": (_str_map, "vervangingen in citaten vóór de controle"),
        "quote_allow": (
            _list_of_str,
            "woorden die in een citaat midden in een zin een hoofdletter mogen hebben, "
            "en gewone woorden die een naam bevatten",
        ),
    },
    "partnerships": {
        "scheme": (_str, "codeerschema van de gesprekken met sectorconsulenten (Bijlage 8)"),
        "newlines": (_newlines, "hoe de QDA-tool regeleinden telde"),
        "high_contribution": (
            _contribution,
            "gemiddelde bijdrage vanaf welke een perceel sterk onderling afhankelijk heet",
        ),
        "quote_max_chars": (_positive_int, "maximale lengte van een citaat"),
        "quotes_per_theme": (_positive_int, "citaten per laag van betekenisvolle samenwerking"),
        "deny_list": (_list_of_str, "woorden die nooit in een citaat mogen staan"),
        "redactions": (_str_map, "vervangingen in citaten vóór de controle"),
        "quote_allow": (
            _list_of_str,
            "woorden die in een citaat midden in een zin een hoofdletter mogen hebben, "
            "en gewone woorden die een naam bevatten",
        ),
    },
    "documents": {
        "codebook": (_str, "themacodeboek van de plannen van aanpak"),
        "template_threshold": (_share, "vanaf deze gelijkenis zijn twee plannen bijna identiek"),
        "newlines": (_newlines, "hoe de QDA-tool regeleinden telde"),
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
    "monitor": {
        "min_per_perceel": (
            _positive_int,
            "bruikbare antwoorden per meting die het perceel nodig heeft (veldwerkmonitor)",
        ),
        "min_per_organisation": (
            _positive_int,
            "bruikbare antwoorden per meting die een organisatie nodig heeft voor een feedbackrapport (veldwerkmonitor)",
        ),
    },
    "waves": {
        "labels": (_wave_labels, "de meetmomenten in volgorde; de eerste is de basismeting"),
        "files": (_str_map, "bestandsnaampatroon (glob) -> meetmoment"),
        "max_typos": (_typos, "koppelcodes die in zoveel tekens verschillen, worden nog gekoppeld (0 of 1)"),
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
    "evaluation": {
        "source_report": (_str, "titel en depotnummer van het eindverslag"),
        "authors": (_names, "auteurs van het eindverslag zoals op de titelpagina"),
        "commissioner": (_str, "opdrachtgever van de evaluatie"),
        "funder": (_str, "financier van de evaluatie"),
        "funder_role": (_str, "wat opdrachtgever en financier in de evaluatie deden"),
        "conflicts_of_interest": (_str, "belangenconflicten van de evaluatoren"),
        "consent": {
            "survey": (_str, "toestemmingsprocedure van de vragenlijst"),
            "company_interviews": (_str, "toestemmingsprocedure van de interviews met ondernemingen"),
            "partnership_interviews": (_str, "toestemmingsprocedure van de gesprekken over partnerschappen"),
        },
        "ethics_approval": (_str, "ethische goedkeuring van de evaluatie"),
        "project_role": (_str, "wat dit project deed"),
        "reach": {
            "interviews_planned": (_count, "beoogd aantal interviews met ondernemingen (§7.1.1)"),
            "interviews_held": (_count, "gehouden interviews met ondernemingen (§7.1.1)"),
            "consultants": (_count, "sectorconsulenten in de gesprekken over partnerschappen (§8.2.2)"),
        },
    },
    "feedback": {
        "min_respondents": (
            _int_at_least(3, "een gemiddelde over 1 of 2 medewerkers geeft hun antwoorden prijs"),
            "een organisatie met minstens zoveel geanalyseerde respondenten krijgt een feedbackrapport, "
            "anders een brief (nooit onder disclosure.min_group_size)",
        ),
    },
    "context": {
        "sectors": (_str, "sectoren van het perceel"),
        "paritaire_comites": (_str_list, "paritaire comités van het perceel"),
        "budget_eur": (_optional_number, "maximumbudget (incl. btw) volgens het bestek"),
        "min_bereik": (_optional_count, "vooropgesteld minimum aantal begeleide organisaties"),
        "plannen_van_aanpak": (_optional_count, "aantal geanalyseerde plannen van aanpak (§5.1.1)"),
    },
}


def _read_yaml(path: Path) -> dict:
    if not path.exists():
        raise ParamsError(path, "-", "bestand bestaat niet")
    try:
        data = safe_load(path.read_text(encoding="utf-8"))
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
        for key in schema:
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


# A step loads the parameters of several runs, each time with every run file (the joint disclosure
# thresholds): each file is parsed and validated once per process and content.
_LAYERS: dict[tuple[str, bytes], dict] = {}


def _read_layer(path: Path) -> dict:
    try:
        key = (str(path.resolve()), path.read_bytes())
    except OSError:
        key = None
    if key is None or key not in _LAYERS:
        data = _read_yaml(path)
        _validate(data, SCHEMA, path)
        if key is None:
            return data
        _LAYERS[key] = data
    return copy.deepcopy(_LAYERS[key])


def _check_model_floor(own: dict, path: Path, default: dict | None = None, default_path: Path | None = None) -> None:
    """No correlation or model over a group too small for a mean: ``min_model_n >= min_group_size``
    in the file's own keys on top of the default file's."""
    default = default or {}
    group = own.get("min_group_size", default.get("min_group_size"))
    model = own.get("min_model_n", default.get("min_model_n"))
    if group is None or model is None or model >= group:
        return
    got = model if "min_model_n" in own or default_path is None else f"{model} uit {default_path.name}"
    raise ParamsError(
        path,
        "disclosure.min_model_n",
        f"moet minstens disclosure.min_group_size ({group}) zijn: geen correlatie of model over een "
        f"groep die te klein is voor een gemiddelde (gekregen: {got})",
    )


def _check_not_lowered(own: dict, default: dict, path: Path, default_path: Path) -> None:
    for key, value in own.items():
        base = default.get(key)
        if base is None:
            continue
        if key == "rounding_base" and value != base:
            raise ParamsError(
                path,
                f"disclosure.{key}",
                f"is {value}, maar moet gelijk zijn aan {base} uit {default_path.name}: alle rapporten "
                f"delen één afrondingsbasis, zodat één gezamenlijke controle ze samen kan toetsen",
            )
        if value < base:
            raise ParamsError(
                path,
                f"disclosure.{key}",
                f"is {value}, lager dan {base} uit {default_path.name}: een runbestand mag de "
                f"bescherming verhogen, nooit verlagen",
            )


def _joint_disclosure(layers: list[tuple[Path, dict]]) -> tuple[dict, dict]:
    """The disclosure thresholds of every run: per key the highest value over ``layers`` (the first is
    the default file, the others run files), with the file that set it.

    Raises ParamsError for a file that lowers a threshold below the default file, changes its rounding
    base, or sets ``min_model_n`` below ``min_group_size``.
    """
    (default_path, default_data), *runs = layers
    default = default_data.get("disclosure", {})
    _check_model_floor(default, default_path)
    for path, data in runs:
        own = data.get("disclosure", {})
        _check_not_lowered(own, default, path, default_path)
        _check_model_floor(own, path, default, default_path)
    values: dict = {}
    sources: dict = {}
    for path, data in layers:
        for key, value in data.get("disclosure", {}).items():
            if key not in values or value > values[key]:
                values[key], sources[key] = value, str(path)
    return values, sources


def load_params(run: str | None = None, *, params_dir: Path = PARAMS, files: list[Path] | None = None) -> dict:
    """Load and validate the parameters of a run.

    Parameters
    ----------
    run : str, optional
        ``totaal`` or ``perceel-1`` … ``perceel-5``; merges ``default.yml`` and ``<run>.yml``. The
        disclosure thresholds are the highest over ``default.yml`` and every run file in ``params_dir``.
    params_dir : Path
        Folder of the parameter files.
    files : list of Path, optional
        Explicit files to merge in order instead of ``run`` (first one is the default file); the
        disclosure thresholds are then the highest over these files only.

    Returns
    -------
    dict
        The merged parameters; ``_files`` lists the files merged, ``_disclosure_sources`` the file
        that set each disclosure threshold (the default file unless a run file raised it).
    """
    others: list[Path] = []
    if files is None:
        if run is None:
            raise ValueError("geef een run of een lijst van bestanden")
        files = [params_dir / "default.yml", params_dir / f"{run}.yml"]
        # a missing run file can not be published, so it takes no part in the joint protection
        others = [params_dir / f"{r}.yml" for r in RUNS if r != run and (params_dir / f"{r}.yml").exists()]
    layers = [(Path(path), _read_layer(Path(path))) for path in files]
    merged: dict = {}
    for _, data in layers:
        merged = _merge(merged, data)
    disclosure, sources = _joint_disclosure(layers + [(path, _read_layer(path)) for path in others])
    if disclosure:
        merged["disclosure"] = disclosure
    _validate(merged, SCHEMA, Path(files[-1]), complete=True)
    if run is not None and merged["run"] != run:
        raise ParamsError(files[-1], "run", f"is {merged['run']!r}, maar het bestand hoort bij run {run!r}")
    expected = None if merged["run"] == "totaal" else int(re.sub(r"\D", "", merged["run"]))
    if merged["perceel"] != expected:
        raise ParamsError(files[-1], "perceel", f"past niet bij run {merged['run']!r} (verwacht {expected!r})")
    stats_params = merged["statistics"]
    if stats_params["main_configuration"] not in stats_params["configurations"]:
        raise ParamsError(
            files[-1],
            "statistics.main_configuration",
            f"{stats_params['main_configuration']!r} staat niet onder statistics.configurations",
        )
    feedback_min = merged["feedback"]["min_respondents"]
    if feedback_min < merged["disclosure"]["min_group_size"]:
        setting = [path for path, data in layers if "min_respondents" in data.get("feedback", {})]
        raise ParamsError(
            setting[-1] if setting else files[-1],
            "feedback.min_respondents",
            f"is {feedback_min}, lager dan disclosure.min_group_size ({merged['disclosure']['min_group_size']}): "
            "een feedbackrapport toont gemiddelden, en geen gemiddelde over een te kleine groep",
        )
    unknown = [label for label in merged["waves"]["files"].values() if label not in merged["waves"]["labels"]]
    if unknown:
        raise ParamsError(
            files[-1],
            "waves.files",
            f"meetmoment {unknown[0]!r} staat niet in waves.labels {merged['waves']['labels']}",
        )
    reach = merged["evaluation"]["reach"]
    if reach["interviews_held"] > reach["interviews_planned"]:
        setting = [path for path, data in layers if data.get("evaluation", {}).get("reach")]
        raise ParamsError(
            setting[-1],
            "evaluation.reach.interviews_held",
            f"is {reach['interviews_held']}, meer dan de {reach['interviews_planned']} beoogde interviews "
            "(evaluation.reach.interviews_planned)",
        )
    merged["_files"] = [str(p) for p in files]
    merged["_disclosure_sources"] = sources
    return merged
