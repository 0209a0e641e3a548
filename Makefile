# Quick start: `make run` serves the site with demo content; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/jobzone_ci
# The suite runs in one process per CPU (pytest-xdist); TEST_WORKERS=0 runs it in this process.
TEST_WORKERS ?= auto
PYTEST := $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist worksteal

.PHONY: run install install-dev migrate test test-postgres lint check-migrations bench soak stack backup restore clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

migrate: install
	$(BIN)/python manage.py migrate --noinput

run: migrate
	$(BIN)/python manage.py load_occupations
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: install-dev
	$(PYTEST)

test-postgres: install-dev
	DATABASE_URL=$(PG_URL) $(PYTEST)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/lint-imports

check-migrations: install-dev
	$(BIN)/python manage.py makemigrations --check --dry-run

bench: install
	$(BIN)/python bench/run.py

soak: install
	$(BIN)/python bench/soak.py

# Varnish in front of two gunicorn app servers sharing PostgreSQL and Redis (README "More than one machine").
stack: install
	$(BIN)/python deploy/stack.py

# make backup [FILE=path]; make restore FILE=path. Uses DATABASE_URL like the site does.
backup: migrate
	$(BIN)/python manage.py backup_data $(FILE)

restore: install
	@test -n "$(FILE)" || { echo "usage: make restore FILE=backups/jobzone-....(dump|sqlite3)"; exit 2; }
	$(BIN)/python manage.py restore_data $(FILE)

clean:
	rm -rf $(VENV) staticfiles
