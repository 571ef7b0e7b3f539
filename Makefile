# Two commands for a new user: `make run` (set up and serve the product), `make test` (set up and test).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
HOST ?= 127.0.0.1
PORT ?= 5000
export FLASK_APP := matchmaker

.PHONY: setup db seed run test test-fast browser-deps lint format bench bench-agenda bench-scale worker beat clean i18n-extract i18n-update i18n-compile

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-* && touch $(STAMP)

# UI text: Chinese msgids in the code, English in translations/en/LC_MESSAGES/messages.po (committed);
# the compiled .mo is built here, never committed, so setup (hence run and test) always has a fresh one.
CATALOGUES := $(wildcard translations/*/LC_MESSAGES/messages.po)
BABEL_EXTRACT := -F babel.cfg -k _l -k lazy_gettext -k lazy_ngettext:1,2 -c TRANSLATORS: \
	--add-location=file --no-wrap --sort-by-file --project Matchmaker --copyright-holder Matchmaker

setup: $(STAMP) $(CATALOGUES:.po=.mo)

%/LC_MESSAGES/messages.mo: %/LC_MESSAGES/messages.po | $(STAMP)
	$(BIN)/pybabel -q compile -i $< -o $@

# Collect every gettext call into translations/messages.pot.
i18n-extract: $(STAMP)
	$(BIN)/pybabel -q extract $(BABEL_EXTRACT) -o translations/messages.pot .

# Merge the template into each language's .po (new msgids arrive untranslated, changed ones fuzzy).
i18n-update: i18n-extract
	$(BIN)/pybabel -q update --no-wrap --no-fuzzy-matching -i translations/messages.pot -d translations

i18n-compile: $(STAMP)
	$(BIN)/pybabel compile --statistics -d translations

db: setup
	$(BIN)/flask db upgrade

seed: db
	$(BIN)/flask seed
	$(BIN)/flask recommender-rebuild --if-needed

run: seed
	@echo "Matchmaker is serving on http://$(HOST):$(PORT)  (Ctrl-C to stop)"
	$(BIN)/flask run --host $(HOST) --port $(PORT)

# The browser journeys (tests/browser/) drive Debian's Chromium: installed with apt when missing.
browser-deps:
	tests/browser/ensure-chromium.sh

test: setup browser-deps
	$(BIN)/python -m pytest

# Everything but the browser journeys and phone-width checks (see README, "Browser journeys").
test-fast: setup
	$(BIN)/python -m pytest --ignore=tests/browser

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: setup
	$(BIN)/python -m benchmarks.recommender
	$(BIN)/python -m benchmarks.agenda

# The meeting-agenda solver on the shared bench (../shared/bench/agenda): seeds 1..5 and a large event.
bench-agenda: setup
	$(BIN)/python -m benchmarks.agenda

# The product at scale on PostgreSQL (scratch databases bench_scale*, never `test`): rebuild per N,
# then wrk on the busiest pages at SERVE_N and on the demo data. BENCH_PG: a server URL.
SIZES ?= 2000 10000 50000
SERVE_N ?= 10000
bench-scale: setup
	command -v wrk >/dev/null || sudo apt-get install -y wrk || apt-get install -y wrk
	$(BIN)/python -m benchmarks.scale --sizes $(SIZES) --serve $(SERVE_N)

worker: setup
	$(BIN)/celery -A matchmaker.worker worker --loglevel=info

beat: setup
	$(BIN)/celery -A matchmaker.worker beat --loglevel=info

clean:
	rm -rf $(VENV) instance/matchmaker.db .pytest_cache test-artifacts
	rm -f translations/*/LC_MESSAGES/messages.mo
