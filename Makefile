# The two set-up commands of the README: `make report` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
# Notebooks draw with the inline backend: an MPLBACKEND=agg from outside would hide figures.
unexport MPLBACKEND
STAMP := $(VENV)/.installed
export PYTHONHASHSEED := 0

.PHONY: venv report test unit notebooks lint lab bench models clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

venv: $(STAMP)

report: $(STAMP)
	$(VENV)/bin/media-workbook report --out reports

test: $(STAMP)
	$(PY) -m pytest -p no:cacheprovider --nbval tests notebooks

unit: $(STAMP)
	$(PY) -m pytest tests

notebooks: $(STAMP)
	cd notebooks && for nb in [0-9][0-9]_*.ipynb; do \
		../$(VENV)/bin/jupyter nbconvert --to notebook --execute --inplace "$$nb" || exit 1; \
	done

lint: $(STAMP)
	$(VENV)/bin/ruff check analysis tests benchmarks training

lab: $(STAMP)
	$(VENV)/bin/jupyter lab notebooks

bench: $(STAMP)
	for script in benchmarks/bench_*.py; do $(PY) "$$script" || exit 1; done

# Trains the Italian and English pipelines from the UD treebanks (never run by report or test):
# converts the CoNLL-U, trains with fixed seeds, scores on the held-out tests, writes models/.
# The shipped English pipeline also learns from GUM's training documents and LinES, which the
# shared folder lacks: GUM_GIT=... and LINES_GIT=... name local clones of the GitHub
# repositories UniversalDependencies/UD_English-GUM and UD_English-LinES, and
# training/full_treebanks.py adds their files to a copy of the shared folder (without them
# prepare.py says which files are left out). CONFIG=... names the configuration in
# training/configs/ (both languages), CONFIG_it=... or CONFIG_en=... one language's;
# training/augment.py (the augmenters of fast_case.cfg and fast_quotes.cfg) is always loaded.
UD ?= ../shared/corpora/ud
GUM_GIT ?=
LINES_GIT ?=
CONFIG ?= fast
CONFIG_it ?= $(CONFIG)
CONFIG_en ?= fast_full
models: $(STAMP)
	test -d $(UD) || { echo "$(UD): the UD treebanks are not there (set UD=...)"; exit 1; }
	if [ -n "$(GUM_GIT)" ] && [ -n "$(LINES_GIT)" ]; then \
		$(PY) training/full_treebanks.py $(UD) $(GUM_GIT) $(LINES_GIT) build/ud || exit 1; \
		$(PY) training/prepare.py build/ud build/corpus || exit 1; \
	else \
		$(PY) training/prepare.py $(UD) build/corpus || exit 1; \
	fi
	for lang in it en; do \
		if [ $$lang = it ]; then config=$(CONFIG_it); else config=$(CONFIG_en); fi; \
		$(PY) -m spacy train training/configs/$$config.cfg --code training/augment.py \
			--output build/train/$$lang --nlp.lang $$lang \
			--paths.train build/corpus/$$lang/train.spacy \
			--paths.dev build/corpus/$$lang/dev.spacy || exit 1; \
		$(PY) training/evaluate.py build/train/$$lang/model-best build/corpus/$$lang \
			build/evaluation-$$lang.json || exit 1; \
		$(PY) training/package.py $$lang build/train/$$lang/model-best \
			build/evaluation-$$lang.json $$config build/corpus/$$lang || exit 1; \
	done

clean:
	rm -rf reports .pytest_cache
