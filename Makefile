# Two commands for a new user: `make run` (set up and serve the product), `make test` (set up and test).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
HOST ?= 127.0.0.1
PORT ?= 5000
export FLASK_APP := matchmaker

.PHONY: setup db seed run test lint format bench worker beat clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-* && touch $(STAMP)

setup: $(STAMP)

db: setup
	$(BIN)/flask db upgrade

seed: db
	$(BIN)/flask seed
	$(BIN)/flask recommender-rebuild --if-needed

run: seed
	@echo "Matchmaker is serving on http://$(HOST):$(PORT)  (Ctrl-C to stop)"
	$(BIN)/flask run --host $(HOST) --port $(PORT)

test: setup
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: setup
	$(BIN)/python -m benchmarks.recommender

worker: setup
	$(BIN)/celery -A matchmaker.worker worker --loglevel=info

beat: setup
	$(BIN)/celery -A matchmaker.worker beat --loglevel=info

clean:
	rm -rf $(VENV) instance/matchmaker.db .pytest_cache
