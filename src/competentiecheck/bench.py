"""``make bench``: performance figures of the project.

1. The survey statistics step on a large survey: wall time and peak memory. The survey is synthetic
   and made on the fly (never committed): the cleaned demo respondents resampled with replacement,
   with a fixed seed, to the requested size.
2. The whole pipeline: a clean ``make -j2 report`` (the virtual environment is kept) and a second,
   no-op ``make report``.
3. The qualitative core: import of a synthetic REFI-QDA project (500 documents, 50,000 codings, made on
   the fly in a temporary folder) and the code frequencies, case x code matrix and co-occurrence on it,
   in a process of its own so its peak memory is its own.
4. The document analysis of chapter 4 on 5,000 synthetic plans (assignment, protected tables, clustering,
   template detection), also in a process of its own.
5. The fieldwork monitor on 5,000 synthetic submissions (one online-tool CSV made on the fly), in a process of
   its own: in-process time and the whole command.
6. The feedback reports of 500 synthetic organisations with 5-40 respondents each (every report and letter,
   HTML and PDF, on two processes), in a process of its own.
7. Matching two waves on self-generated codes and the change statistics, 100,000 respondents per wave,
   in a process of its own.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import time
from pathlib import Path

import numpy as np

from competentiecheck.core.params import load_params
from competentiecheck.core.paths import DEMO_SURVEY, ROOT
from competentiecheck.privacy.disclosure import Disclosure
from competentiecheck.survey.cleaning import clean_survey
from competentiecheck.survey.codebook import load_codebook
from competentiecheck.survey.statistics import run_statistics

__all__ = [
    "bench_statistics",
    "bench_qualitative",
    "bench_documents",
    "bench_monitor",
    "bench_feedback",
    "bench_waves",
    "synthetic_exports",
]


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_statistics(n: int = 100_000, seed: int = 20240601) -> dict:
    codebook = load_codebook()
    params = load_params("totaal")
    base = clean_survey(DEMO_SURVEY, codebook, params).wave().data  # the first wave, as the step uses
    rng = np.random.default_rng(seed)
    survey = base.iloc[rng.integers(0, len(base), n)].reset_index(drop=True)
    start_mem = _peak_mib()
    start = time.perf_counter()
    stats = run_statistics(survey, codebook, params, Disclosure.from_params(params))
    elapsed = time.perf_counter() - start
    assert stats.correlations is not None and all(m.result is not None for m in stats.models)
    return {
        "n": n,
        "seconds": elapsed,
        "peak_mib": _peak_mib(),
        "peak_before_mib": start_mem,
        "models": len(stats.models),
    }


def bench_waves(n: int = 100_000, seed: int = 20240601) -> dict:
    """Matching on self-generated codes and the change statistics for ``n`` respondents per wave (issue 23):
    the demo's first wave resampled, random six-character codes, seven in ten returning, one in a hundred
    returning codes with one character wrong."""
    import pandas as pd

    from competentiecheck.survey.change import attrition_table, paired_change, pairs_frame
    from competentiecheck.survey.waves import match_codes

    codebook = load_codebook()
    params = load_params("totaal")
    base = clean_survey(DEMO_SURVEY, codebook, params).wave().data
    rng = np.random.default_rng(seed)
    pre = base.iloc[rng.integers(0, len(base), n)].reset_index(drop=True)
    letters = np.array(list("ABCDEFGHIJKLMNOPRSTVWZ0123456789"))
    codes = pd.Series(["".join(row) for row in letters[rng.integers(0, len(letters), (n, 6))]])
    pre["meting"], pre["code"] = "voormeting", codes
    back = pre[rng.random(n) < 0.7].copy()
    back["meting"] = "nameting"
    typo = rng.random(len(back)) < 0.01
    back.loc[typo, "code"] = [c[:-1] + ("X" if c[-1] != "X" else "Y") for c in back.loc[typo, "code"]]
    both = pd.concat([pre, back], ignore_index=True)
    start_mem = _peak_mib()
    start = time.perf_counter()
    matched = match_codes(both[["meting", "perceel", "code"]], "voormeting", "nameting", 1)
    both["koppeling"], both["koppelcode"] = matched["koppeling"], matched["paarcode"]
    scales = list(codebook.scales)
    pairs = pairs_frame(both, "voormeting", "nameting", scales)
    for scale in scales:
        paired_change(pairs[f"{scale}_pre"], pairs[f"{scale}_post"])
    attrition_table(both, "voormeting", "nameting")
    return {
        "n": n,
        "pairs": len(pairs),
        "seconds": time.perf_counter() - start,
        "peak_mib": _peak_mib(),
        "peak_before_mib": start_mem,
    }


def bench_qualitative(documents: int = 500, codings: int = 50_000, seed: int = 20240601) -> dict:
    """Write a synthetic project, then time reading it and the matrices on it."""
    import tempfile
    from pathlib import Path

    import pandas as pd

    from competentiecheck.core.paths import DATA
    from competentiecheck.qualitative.codebook import load_scheme, path_text
    from competentiecheck.qualitative.matrices import case_code_matrix, co_occurrence, code_frequencies
    from competentiecheck.qualitative.refi_qda import CodedProject, read_qdpx, stable_guid, write_qdpx

    scheme = load_scheme(DATA / "codebook" / "swot.yml")
    paths = list(scheme.codes["path"])
    rng = np.random.default_rng(seed)
    text = "Dit is een synthetische zin over begeleiding en competenties. " * 40
    sources = pd.DataFrame(
        {
            "source_guid": [stable_guid("bench", str(i)) for i in range(documents)],
            "source": [f"document {i:03d}" for i in range(documents)],
            "text": text,
        }
    )
    which = rng.integers(0, documents, codings)
    starts = rng.integers(0, len(text) - 80, codings)
    code = rng.integers(0, len(paths), codings)
    frame = pd.DataFrame(
        {
            "source_guid": sources["source_guid"].to_numpy()[which],
            "source": sources["source"].to_numpy()[which],
            "selection_guid": [stable_guid("bench-selection", str(i)) for i in range(codings)],
            "start": starts,
            "end": starts + 60,
            "code_guid": [stable_guid("code", path_text(paths[c])) for c in code],
            "path": [paths[c] for c in code],
            "coder": "codeur A",
            "text": "",
        }
    )
    project = CodedProject(
        name="bench",
        codes=pd.DataFrame(
            {
                "code_guid": [stable_guid("code", path_text(p)) for p in paths],
                "code": [p[-1] for p in paths],
                "path": paths,
                "parent_guid": [stable_guid("code", path_text(p[:-1])) if len(p) > 1 else None for p in paths],
                "level": [len(p) for p in paths],
            }
        ),
        sources=sources,
        codings=frame,
    )
    with tempfile.TemporaryDirectory() as folder:
        file = write_qdpx(project, Path(folder) / "bench.qdpx")
        start_mem = _peak_mib()
        start = time.perf_counter()
        read = read_qdpx(file)
        coded = read.codings.rename(columns={"source": "case"})
        code_frequencies(coded, scheme)
        case_code_matrix(coded, scheme)
        co_occurrence(coded, scheme)
        elapsed = time.perf_counter() - start
    return {
        "documents": documents,
        "codings": len(read.codings),
        "seconds": elapsed,
        "peak_mib": _peak_mib(),
        "peak_before_mib": start_mem,
    }


def bench_documents(plans: int = 5000, seed: int = 20240601) -> dict:
    """Synthetic plans (random theme codings, short texts) through the whole analysis of chapter 4."""
    import random

    import pandas as pd
    import yaml

    from competentiecheck.core.paths import DATA
    from competentiecheck.documents.analysis import PlanData, analyse_documents
    from competentiecheck.documents.profiles import parse_rules
    from competentiecheck.qualitative.codebook import load_scheme

    scheme = load_scheme(DATA / "codebook" / "documenten.yml")
    definitions = yaml.safe_load((DATA / "demo" / "documenten" / "profielen.yml").read_text(encoding="utf-8"))[
        "profiles"
    ]
    rules = parse_rules(definitions, scheme, "profielen.yml")
    themes = [p for p in scheme.codes["path"] if len(p) == 2]
    rng = random.Random(seed)
    register = pd.DataFrame(
        {
            "plan": [f"P{i:05d}" for i in range(plans)],
            "perceel": [1 + i % 5 for i in range(plans)],
            "sector": [f"sector {rng.randrange(40)}" for _ in range(plans)],
            "uren": [rng.choice([6, 8, 12, 16]) for _ in range(plans)],
            "bedrijven": [f"bedrijf {i}" for i in range(plans)],
        }
    )
    rows, texts = [], {}
    for plan in register["plan"]:
        chosen = rng.sample(themes, rng.randint(1, 6))
        rows += [{"case": plan, "path": t} for t in chosen]
        texts[plan] = " ".join(f"De begeleiding werkt aan {t[-1].lower()} in plan {plan}." for t in chosen)
    data = PlanData(
        register=register, codings=pd.DataFrame(rows), texts=texts, scheme=scheme, rules=rules, profiles=definitions
    )
    params = load_params("totaal")
    cases = pd.read_csv(DATA / "demo" / "interviews" / "casussen.csv", dtype=str)
    start_mem = _peak_mib()
    start = time.perf_counter()
    analyse_documents(data, params, cases)
    return {
        "plans": plans,
        "seconds": time.perf_counter() - start,
        "peak_mib": _peak_mib(),
        "peak_before_mib": start_mem,
    }


def bench_feedback(organisations: int = 500, jobs: int = 2) -> dict:
    """Feedback reports for a synthetic programme: one computation for all organisations, then every report
    and letter (HTML and PDF) rendered over ``jobs`` processes into a temporary folder."""
    import tempfile

    from competentiecheck.feedback.build import REPORT, prepare, render_all
    from competentiecheck.feedback.synthetic import synthetic_programme

    register, data = synthetic_programme(organisations)
    params = load_params("totaal")
    start_mem = _peak_mib()
    start = time.perf_counter()
    prepared = prepare(data, register, params)
    computed = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as folder:
        render_all(prepared, Path(folder), jobs)
        seconds = time.perf_counter() - start
        size = sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file())
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "organisations": organisations,
        "respondents": len(data),
        "reports": sum(1 for kind, _ in prepared.organisations if kind == REPORT),
        "compute_seconds": computed,
        "seconds": seconds,
        "jobs": jobs,
        "peak_mib": _peak_mib(),
        "peak_before_mib": start_mem,
        "peak_child_mib": children,
        "mib_written": size / 2**20,
    }


def bench_partnerships(percelen: int = 50, funds: int = 30, seed: int = 20240601) -> dict:
    """A synthetic programme (every fund a consultant who names each partner with chance 0.4) through the
    circles reader, the network measures and claims, and one network figure per perceel (PNG and SVG)."""
    import random
    import tempfile

    import pandas as pd

    from competentiecheck.partnerships.analysis import PartnershipInputs, analyse_networks
    from competentiecheck.partnerships.circles import CIRCLE_COLUMNS, read_circles
    from competentiecheck.partnerships.drawing import save_network_figures
    from competentiecheck.partnerships.response import read_participants

    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        names = [(p, f"fonds {p}-{i}") for p in range(1, percelen + 1) for i in range(funds)]
        pd.DataFrame(
            {
                "sectorfonds": [n for _, n in names],
                "sector": [f"sector {n}" for _, n in names],
                "perceel": [p for p, _ in names],
                "status": "deelgenomen",
                "coordinator": ["x" if n.endswith("-0") else "" for _, n in names],
            }
        ).to_csv(folder / "deelnemers.csv", index=False)
        rows = []
        for number, (perceel, fund) in enumerate(names):
            for other in (n for p, n in names if p == perceel and n != fund):
                if rng.random() < 0.4:
                    rows.append(
                        [
                            f"C{number}",
                            fund,
                            other,
                            "x",
                            "x" if rng.random() < 0.6 else "",
                            "x" if rng.random() < 0.1 else "",
                            rng.randint(1, 4),
                        ]
                    )
        pd.DataFrame(rows, columns=CIRCLE_COLUMNS).to_csv(folder / "netwerkcirkels.csv", index=False)
        start_mem = _peak_mib()
        start = time.perf_counter()
        participants = read_participants(folder / "deelnemers.csv", percelen=range(1, percelen + 1))
        ties = read_circles(folder / "netwerkcirkels.csv", participants)
        results = analyse_networks(
            PartnershipInputs(participants, ties, "netwerkcirkels.csv", None, "bench-zout-" + "0" * 16),
            load_params("totaal"),
        )
        measured = time.perf_counter() - start
        save_network_figures(results.networks, folder)
        return {
            "percelen": percelen,
            "funds": funds,
            "ties": len(ties),
            "measures_seconds": measured,
            "seconds": time.perf_counter() - start,
            "peak_mib": _peak_mib(),
            "peak_before_mib": start_mem,
        }


def synthetic_exports(folder: Path, n: int, seed: int = 20240601) -> Path:
    """One online-tool CSV of ``n`` synthetic submissions for the monitor: rows of the Dutch demo export drawn
    with replacement, each answer column shuffled on its own (so no two rows are one respondent's) and
    every response id unique. Not a demo file, so it needs a secret salt, as the team's exports do."""
    import csv
    import io
    import random

    text = (DEMO_SURVEY / "vragenlijst_online_nl.csv").read_text(encoding="utf-8-sig")
    header, texts, imports, *body = list(csv.reader(io.StringIO(text, newline="")))
    rng = random.Random(seed)
    rows = [list(rng.choice(body)) for _ in range(n)]
    for j, name in enumerate(header):
        if name.startswith("Q") and name != "Q0":  # answers and background; consent stays with its row
            column = [r[j] for r in rows]
            rng.shuffle(column)
            for r, value in zip(rows, column):
                r[j] = value
    for k, r in enumerate(rows):
        r[header.index("ResponseId")] = f"R_bench{k:09d}"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([header, texts, imports, *rows])
    path = Path(folder) / "vragenlijst_bench.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def bench_monitor(n: int = 5000, seed: int = 20240601) -> dict:
    """The fieldwork monitor on ``n`` synthetic submissions: reading and checks of step 1, the counts and the
    page (in this process), and the whole command ``python -m competentiecheck.survey.monitor``."""
    import os
    import sys
    import tempfile

    from competentiecheck.survey import monitor

    os.environ.setdefault("COMPETENTIECHECK_SALT", "bench-zout-" + "0" * 16)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        raw = folder / "survey"
        raw.mkdir()
        synthetic_exports(raw, n, seed)
        codebook = load_codebook()
        params = load_params(files=[ROOT / "params" / "default.yml"])
        targets = monitor.targets_from_params()
        start, cpu = time.perf_counter(), time.process_time()
        page = monitor.render_page(monitor.collect(raw, codebook, params, targets))
        monitor.write_page(page, folder / "veldwerk.html")
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        start = time.perf_counter()
        command = [sys.executable, "-m", "competentiecheck.survey.monitor", "--raw", str(raw), "--out"]
        subprocess.run(command + [str(folder / "opnieuw.html")], check=True, capture_output=True)
        return {
            "n": n,
            "seconds": seconds,
            "cpu_seconds": cpu,
            "command_seconds": time.perf_counter() - start,
            "peak_mib": _peak_mib(),
        }


PER_RUN_NOTEBOOKS = ("02_survey", "07_synthesis")  # what one more perceel run adds, besides its render


def _children_cpu() -> float:
    """CPU seconds (user + system) of every finished child process and its descendants (the notebook
    kernels, pandoc, Typst), as the kernel accounts them."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one command (CPU of the command and all its descendants)."""
    cpu, start = _children_cpu(), time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} faalde:\n{done.stderr[-3000:]}")
    return time.perf_counter() - start, _children_cpu() - cpu


def _timed_make(*args: str) -> tuple[float, float]:
    return _timed(["make", *args])


def bench_pipeline(marginal_run: str = "perceel-2") -> dict:
    """Clean build with two jobs, a no-op build, the cost of one more perceel run (its notebook and its
    render, run again on the built pipeline: what a sixth perceel would add), and the rebuild after
    touching one module: the renderer (only the reports are made again) and the literature module
    (step 3 and the reports). The .venv is not rebuilt."""
    import sys

    _timed_make("clean")
    clean_wall, clean_cpu = _timed_make("-j2", "report")
    noop_wall, _ = _timed_make("report")
    notebooks = [
        _timed(
            [
                sys.executable,
                "-m",
                "competentiecheck.core.steps",
                f"notebooks/{name}.ipynb",
                f"build/{marginal_run}/{name}.ipynb",
                "--run",
                marginal_run,
            ]
        )
        for name in PER_RUN_NOTEBOOKS
    ]
    notebook = (sum(wall for wall, _ in notebooks), sum(cpu for _, cpu in notebooks))
    render = _timed([sys.executable, "-m", "competentiecheck.report.render", marginal_run])
    touched = {}
    for module, source in (("render", "report/render.py"), ("literature", "literature/review.py")):
        (ROOT / "src" / "competentiecheck" / source).touch()
        touched[module] = _timed_make("-j2", "report")[0]
    return {
        "clean_seconds": clean_wall,
        "clean_cpu": clean_cpu,
        "noop_seconds": noop_wall,
        "marginal_run": marginal_run,
        "marginal_notebook": notebook,
        "marginal_render": render,
        "touched": touched,
    }


def _print_pipeline(pipeline: dict) -> None:
    print(
        f"schone 'make -j2 report' (zonder .venv op te bouwen): {pipeline['clean_seconds']:.1f} s "
        f"({pipeline['clean_cpu']:.0f} CPU-s; doel ≤ 40 s); tweede 'make report' zonder wijzigingen: "
        f"{pipeline['noop_seconds']:.2f} s (doel ≤ 2 s)"
    )
    (nb_wall, nb_cpu), (render_wall, render_cpu) = pipeline["marginal_notebook"], pipeline["marginal_render"]
    print(
        f"één perceelrun meer ({pipeline['marginal_run']} opnieuw: notebooks {' en '.join(PER_RUN_NOTEBOOKS)} "
        f"en rendering): {nb_cpu + render_cpu:.1f} CPU-s (notebooks {nb_cpu:.1f}, rendering {render_cpu:.1f}; "
        f"{nb_wall + render_wall:.1f} s); doel ≤ 6 CPU-s"
    )
    for module, seconds in pipeline["touched"].items():
        print(f"'make -j2 report' na een wijziging in {module}.py: {seconds:.1f} s (alleen wat die module gebruikt)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmarks van de statistiekstap en de hele pijplijn.")
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--monitor-only", action="store_true", help="alleen de veldwerkmonitor op 5.000 inzendingen")
    parser.add_argument("--skip-pipeline", action="store_true", help="alleen de statistiekstap")
    parser.add_argument(
        "--qualitative-only", action="store_true", help="alleen de import van een groot REFI-QDA-project"
    )
    parser.add_argument("--documents-only", action="store_true", help="alleen de analyse van 5.000 plannen van aanpak")
    parser.add_argument("--partnerships-only", action="store_true", help="alleen 50 percelen × 30 fondsen")
    parser.add_argument(
        "--pipeline-only", action="store_true", help="alleen de schone build, de lege build en de extra perceelrun"
    )
    parser.add_argument("--feedback-only", action="store_true", help="alleen de feedbackrapporten van 500 organisaties")
    parser.add_argument("--waves-only", action="store_true", help="alleen koppeling en verandering, twee metingen")
    args = parser.parse_args(argv)
    if args.waves_only:
        w = bench_waves(args.n)
        print(
            f"koppeling en verandering: {w['n']:,} respondenten in de voormeting, {w['pairs']:,} paren: "
            f"{w['seconds']:.1f} s, piekgeheugen van het proces {w['peak_mib']:.0f} MiB (waarvan "
            f"{w['peak_before_mib']:.0f} MiB vooraf); doel ≤ 10 s en ≤ 1024 MiB"
        )
        return 0
    if args.feedback_only:
        f = bench_feedback()
        print(
            f"feedbackrapporten voor {f['organisations']} synthetische organisaties ({f['respondents']:,} respondenten, "
            f"5-40 per organisatie): {f['reports']} rapporten en {f['organisations'] - f['reports']} brieven in HTML en "
            f"PDF, {f['seconds']:.1f} s op {f['jobs']} processen (berekening {f['compute_seconds']:.1f} s), "
            f"{f['mib_written']:.0f} MiB; piekgeheugen hoofdproces {f['peak_mib']:.0f} MiB (waarvan "
            f"{f['peak_before_mib']:.0f} MiB vooraf), grootste werkproces {f['peak_child_mib']:.0f} MiB; doel ≤ 300 s"
        )
        return 0
    if args.monitor_only:
        m = bench_monitor()
        print(
            f"veldwerkmonitor op {m['n']:,} synthetische inzendingen (inlezen en controles van stap 1, tellingen, "
            f"pagina): {m['seconds']:.1f} s, {m['cpu_seconds']:.1f} CPU-s (doel ≤ 2 s); het hele commando met "
            f"het opstarten van Python {m['command_seconds']:.1f} s; piekgeheugen {m['peak_mib']:.0f} MiB"
        )
        return 0
    if args.partnerships_only:
        b = bench_partnerships()
        print(
            f"partnerschappen: {b['percelen']} percelen × {b['funds']} fondsen, {b['ties']:,} banden: inlezen, "
            f"netwerkmaten en toetsen {b['measures_seconds']:.1f} s, met een figuur per perceel (PNG en SVG) "
            f"{b['seconds']:.1f} s, piekgeheugen {b['peak_mib']:.0f} MiB (waarvan {b['peak_before_mib']:.0f} MiB "
            f"vooraf); doel ≤ 10 s"
        )
        return 0
    if args.documents_only:
        d = bench_documents()
        print(
            f"documentanalyse van {d['plans']:,} synthetische plannen (toewijzing, tabellen, bescherming, clustering, "
            f"sjablonen): {d['seconds']:.1f} s, piekgeheugen van het proces {d['peak_mib']:.0f} MiB (waarvan "
            f"{d['peak_before_mib']:.0f} MiB vooraf); doel ≤ 10 s en ≤ 1024 MiB"
        )
        return 0
    if args.qualitative_only:
        q = bench_qualitative()
        print(
            f"import van een REFI-QDA-project met {q['documents']} documenten en {q['codings']:,} coderingen, plus "
            f"frequenties, matrix en co-occurrentie: {q['seconds']:.1f} s, piekgeheugen van het proces "
            f"{q['peak_mib']:.0f} MiB (waarvan {q['peak_before_mib']:.0f} MiB vóór de import); doel ≤ 5 s en ≤ 500 MiB"
        )
        return 0
    import sys

    if args.pipeline_only:
        _print_pipeline(bench_pipeline())
        return 0
    subprocess.run([sys.executable, "-m", "competentiecheck.bench", "--qualitative-only"], check=True)
    subprocess.run([sys.executable, "-m", "competentiecheck.bench", "--documents-only"], check=True)
    subprocess.run([sys.executable, "-m", "competentiecheck.bench", "--partnerships-only"], check=True)
    subprocess.run([sys.executable, "-m", "competentiecheck.bench", "--monitor-only"], check=True)
    subprocess.run([sys.executable, "-m", "competentiecheck.bench", "--feedback-only"], check=True)
    subprocess.run([sys.executable, "-m", "competentiecheck.bench", "--waves-only"], check=True)
    result = bench_statistics(args.n)
    print(
        f"statistiekstap op {result['n']:,} synthetische respondenten ({result['models']} regressiemodellen): "
        f"{result['seconds']:.1f} s, piekgeheugen van het proces {result['peak_mib']:.0f} MiB "
        f"(waarvan {result['peak_before_mib']:.0f} MiB vóór de stap); doel ≤ 30 s en ≤ 2048 MiB"
    )
    if not args.skip_pipeline:
        _print_pipeline(bench_pipeline())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
