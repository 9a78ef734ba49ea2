# One orchestrator for the whole pipeline. Targets are files, so Make knows what is up to date:
# a second `make report` does nothing, and changing params/perceel-3.yml reruns only perceel 3.
SHELL := /bin/bash
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
.SECONDARY:

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
VENV_STAMP := $(VENV)/.installed
RUNS := totaal perceel-1 perceel-2 perceel-3 perceel-4 perceel-5

SRC := $(shell find src -name '*.py' -not -path '*/__pycache__/*')
# the wording of every claim (statement and test) that steps 2-6 write; step 7 reads all of data/synthesis/
CLAIMS_CATALOGUE := data/synthesis/claims.yml data/synthesis/evaluatievragen.yml
CODEBOOK := data/codebook/vragenlijst.yml
RAW_SURVEY := $(sort $(wildcard $(foreach d,data/raw/survey data/demo/survey,$(d)/*.csv $(d)/*.xlsx $(d)/*.sav $(d)/*.txt)))
REPORT_SRC := $(wildcard report/*.qmd report/*.yml report/*.css report/*.typ report/*.html)
# Inputs of the other kinds: data/raw/<kind>/ (the team's, git-ignored) as soon as it holds a file besides its
# README, else the synthetic demo in data/demo/<kind>/ (as competentiecheck.core.paths.input_folder decides)
input_dir = $(if $(filter-out %/README.md,$(wildcard data/raw/$(1)/*)),data/raw/$(1),data/demo/$(1))
RAW_LITERATURE := $(sort $(wildcard $(call input_dir,literature)/*))
LITERATURE := build/literatuur/03_literature.ipynb
RAW_INTERVIEWS := $(sort $(wildcard $(call input_dir,interviews)/*) data/codebook/swot.yml)
INTERVIEWS := build/interviews/04_interviews.ipynb
RAW_DOCUMENTS := $(sort $(wildcard $(call input_dir,documenten)/*) data/codebook/documenten.yml $(call input_dir,interviews)/casussen.csv)
DOCUMENTS := build/documenten/05_documents.ipynb
# step 6 also reads data/report/termen.yml (the Dutch terms of the network chapter: competentiecheck.core.terms.term)
RAW_PARTNERSHIPS := $(sort $(wildcard $(call input_dir,partnerschappen)/*) data/codebook/partnerschappen.yml data/published/tabel8_respons.csv data/report/termen.yml)
PARTNERSHIPS := build/partnerschappen/06_partnerships.ipynb
# every quote is screened against the funds, sectors and companies of the programme (steps 5 and 7)
NAMES_FOR_QUOTES := $(wildcard $(call input_dir,partnerschappen)/deelnemers.csv $(call input_dir,documenten)/plannen.csv)
PROCESSED := data/processed/vragenlijst.parquet
PUBLISHED := $(wildcard data/published/*.csv)
STEP := $(PY) -m competentiecheck.core.steps
DEPS_MK := build/deps.mk
LISTING = build/inputs/$(1).lst

# Each step depends on the package modules it imports (derived from the code by competentiecheck.core.deps,
# standard library only, so no .venv is needed): a change to the renderer only re-renders.
$(DEPS_MK): $(SRC) $(wildcard notebooks/*.ipynb)
	@mkdir -p build
	@PYTHONPATH=src $(PYTHON) -m competentiecheck.core.deps > $@.part && mv $@.part $@
-include $(DEPS_MK)

# The listing of each input folder (competentiecheck.core.input_listing, standard library only), refreshed each time
# the Makefile is read (also under make -n) and rewritten only when a file appeared, went or the folder switched
# between demo and the team's own: a deleted input makes its steps out of date, an unchanged folder does not.
LISTINGS_CHANGED := $(shell PYTHONPATH=src $(PYTHON) -m competentiecheck.core.input_listing build/inputs)

## help: list the targets (this text)
help:
	@grep -E '^## ' $(MAKEFILE_LIST) | sed -e 's/^## /  /'

## setup: create .venv from the pinned requirements.lock (PyPI only) and install the package from pyproject.toml (editable)
setup: $(VENV_STAMP)

# The venv belongs to its checkout: an editable install points at one src/ folder, so a copied checkout
# (cp -a) would run the original's code and write into the original's build/. A venv made for another
# folder is refreshed here before anything runs.
VENV_OWNER := $(VENV)/.checkout
ifneq ($(wildcard $(VENV_STAMP)),)
ifneq ($(shell cat $(VENV_OWNER) 2>/dev/null),$(CURDIR))
$(shell rm -f $(VENV_STAMP))
endif
endif

$(VENV_STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	rm -f $(VENV)/lib/python*/site-packages/competentiecheck.pth
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	echo "$(CURDIR)" > $(VENV_OWNER)
	touch $@

## lock: regenerate requirements.lock from requirements.in (pip-tools in a throw-away environment)
lock:
	rm -rf .lockenv && $(PYTHON) -m venv .lockenv && .lockenv/bin/pip install --quiet pip-tools
	.lockenv/bin/pip-compile --quiet --no-header --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.lock requirements.in
	rm -rf .lockenv

## demo-data: regenerate every synthetic demo input in data/demo/ (seeded, byte-identical)
demo-data: $(VENV_STAMP)
	$(PY) -m competentiecheck.demo

## circle-template: the empty network-circle form (one row per fund × partner) in build/netwerkcirkels_sjabloon.csv
circle-template: $(VENV_STAMP)
	@mkdir -p build
	$(PY) -m competentiecheck.partnerships.circles build/netwerkcirkels_sjabloon.csv

## clean-data: step 1, clean the survey exports into data/processed
clean-data: $(PROCESSED)

# step 1 also protects the sample and exclusion counts of every run together, once (programme-wide; the runs
# read build/steekproef/beschermd.pkl); it uses the disclosure thresholds of all run files, hence params/*.yml
SAMPLE_PUBLICATION := build/steekproef/beschermd.pkl
$(PROCESSED) $(SAMPLE_PUBLICATION) &: notebooks/01_survey_cleaning.ipynb $(RAW_SURVEY) $(call LISTING,survey) $(CODEBOOK) $(wildcard params/*.yml) $(DEPS_01_survey_cleaning) | $(VENV_STAMP)
	$(STEP) notebooks/01_survey_cleaning.ipynb build/opschonen/01_survey_cleaning.ipynb

# step 2 per run: sample description, exclusions, reliability, correlations, regressions (and the reproduction
# appendix for totaal): one papermill run per run
build/%/02_survey.ipynb: notebooks/02_survey.ipynb $(PROCESSED) $(SAMPLE_PUBLICATION) $(PUBLISHED) $(wildcard params/*.yml) $(DEPS_02_survey) $(CLAIMS_CATALOGUE) | $(VENV_STAMP)
	$(STEP) notebooks/02_survey.ipynb $@ --run $*

# step 3 once: the literature review (programme-wide; every report includes or points to it)
$(LITERATURE): notebooks/03_literature.ipynb $(RAW_LITERATURE) $(call LISTING,literature) $(DEPS_03_literature) $(CLAIMS_CATALOGUE) | $(VENV_STAMP)
	$(STEP) notebooks/03_literature.ipynb $@

# step 4 once: the company interviews (programme-wide; the perceel reports point to it)
$(INTERVIEWS): notebooks/04_interviews.ipynb $(RAW_INTERVIEWS) $(call LISTING,interviews) $(call LISTING,partnerschappen) $(call LISTING,documenten) $(NAMES_FOR_QUOTES) params/default.yml $(DEPS_04_interviews) $(CLAIMS_CATALOGUE) | $(VENV_STAMP)
	$(STEP) notebooks/04_interviews.ipynb $@

# step 5 once: the plannen van aanpak and the profiles (every run gets its chapter from it)
$(DOCUMENTS): notebooks/05_documents.ipynb $(RAW_DOCUMENTS) $(call LISTING,documenten) $(call LISTING,interviews) $(wildcard params/*.yml) $(DEPS_05_documents) $(CLAIMS_CATALOGUE) | $(VENV_STAMP)
	$(STEP) notebooks/05_documents.ipynb $@

# step 6 once: the partnerships (the programme chapter, and each perceel its own network and response)
$(PARTNERSHIPS): notebooks/06_partnerships.ipynb $(RAW_PARTNERSHIPS) $(call LISTING,partnerschappen) $(call LISTING,documenten) $(NAMES_FOR_QUOTES) $(wildcard params/*.yml) $(DEPS_06_partnerships) $(CLAIMS_CATALOGUE) | $(VENV_STAMP)
	$(STEP) notebooks/06_partnerships.ipynb $@

# step 7 per run: the synthesis (chapter 9, the first pages and the claims appendix) from the claims every step
# wrote; a perceel's key figures stand beside the programme's, so every run also reads the totaal survey
SYNTHESIS_DATA := $(wildcard data/synthesis/*.yml)
build/%/07_synthesis.ipynb: notebooks/07_synthesis.ipynb build/%/02_survey.ipynb build/totaal/02_survey.ipynb $(LITERATURE) $(INTERVIEWS) $(DOCUMENTS) $(PARTNERSHIPS) $(SYNTHESIS_DATA) $(wildcard params/*.yml) $(DEPS_07_synthesis) | $(VENV_STAMP)
	$(STEP) notebooks/07_synthesis.ipynb $@ --run $*

# rendering per run: Quarto where it exists, else pandoc + Typst from the PyPI wheels
report/_output/%/index.html: build/%/02_survey.ipynb build/%/07_synthesis.ipynb $(LITERATURE) $(INTERVIEWS) $(DOCUMENTS) $(PARTNERSHIPS) $(REPORT_SRC) $(DEPS_render) | $(VENV_STAMP)
	$(PY) -m competentiecheck.report.render $*

report/_output/index.html: $(foreach run,$(RUNS),report/_output/$(run)/index.html) $(DEPS_render)
	$(PY) -m competentiecheck.report.render overzicht

# feedback reports per organisation (issue 24): one computation for all organisations, rendering parallel over the
# cores; only for the organisations and the team, so in build/feedback/, never in report/_output/
FEEDBACK := build/feedback/index.html
RAW_ORGANISATIONS := $(sort $(wildcard $(call input_dir,organisaties)/*))
$(FEEDBACK): $(PROCESSED) build/totaal/02_survey.ipynb build/totaal/07_synthesis.ipynb $(DOCUMENTS) $(RAW_ORGANISATIONS) $(call LISTING,organisaties) $(CODEBOOK) data/synthesis/aanbevelingen.yml $(wildcard params/*.yml) $(DEPS_feedback) | $(VENV_STAMP)
	$(PY) -m competentiecheck.feedback.build

## feedback: a report (HTML, PDF) per organisation with enough respondents, a letter for the others, in build/feedback/
feedback: $(FEEDBACK)

## report: everything from data/raw to report/_output/<run>/index.html, report.pdf and the landing page (and make feedback)
report: report/_output/index.html $(FEEDBACK)

## notebooks-team: the complete HTML of every executed notebook (build/**/<step>.html, for the team only; the steps write only the public .public.html the reports copy)
notebooks-team: report/_output/index.html
	$(PY) -m competentiecheck.core.notebook_html $(sort $(wildcard build/*/0*_*.ipynb))

## check-disclosure: scan every report, published notebook and build table for what the privacy promise rules out
check-disclosure: report/_output/index.html $(FEEDBACK)
	$(PY) -m competentiecheck.privacy.output_check

# the fieldwork monitor: an internal page for the evaluation team, never published, so it stays out of data/, build/
# and report/ (the module refuses them); run it any day, also while the collection is half-finished
MONITOR_OUT ?= monitor/veldwerk.html
## monitor: fieldwork monitor (internal, not for publication): usable responses per perceel, organisation and wave against the targets of params (monitor:), from the exports in data/raw/survey now (or the demo); writes only monitor/veldwerk.html (git-ignored; make monitor MONITOR_OUT=path for another place)
monitor: $(VENV_STAMP)
	$(PY) -m competentiecheck.survey.monitor --out "$(MONITOR_OUT)"
.PHONY: monitor

## test: unit, end-to-end and bad-input tests (pytest settings in pyproject.toml)
test: $(VENV_STAMP)
	$(PY) -m pytest

## lint: ruff (lint and format check) and the import contracts of the package (import-linter), all in pyproject.toml
lint: $(VENV_STAMP)
	$(PY) -m ruff check src tests
	$(PY) -m ruff format --check src tests
	$(PY) -c "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"

MUTATION_JOBS ?= 2
## mutation: mutation testing (mutmut) of the privacy, statistics and qualitative core, each module against its own fast tests (mutation.toml); summary in build/mutation/summary.txt; about half an hour, not in CI; MODULES="disclosure audit" for some
mutation: $(VENV_STAMP)
	$(PY) -m competentiecheck.mutation --jobs $(MUTATION_JOBS) $(MODULES)

## bench: statistics step on 100,000 synthetic respondents, then a clean make -j2 report and a no-op make report
bench: $(VENV_STAMP)
	$(PY) -m competentiecheck.bench

## clean: remove everything the pipeline generates (not the virtual environment)
clean:
	rm -rf build figures/*/ report/_output
	find data/processed -mindepth 1 ! -name README.md -delete

.PHONY: notebooks-team lint help setup lock demo-data circle-template clean-data report feedback check-disclosure test bench mutation clean
