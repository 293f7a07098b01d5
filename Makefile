# The two commands of the README: `make run` and `make test`. Everything else is a helper.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PYTEST_ARGS ?=
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install lint format audit messages check-messages bench worker beat serve clean

$(VENV)/.installed: requirements/dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/dev.txt
	@touch $@

install: $(VENV)/.installed

## make run: install, migrate, load demo data, serve the portal with websockets on the embedded default.
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py load_demo_data
	@echo ""
	@echo "  Portal:       http://$(HOST):$(PORT)/"
	@echo "  Staff admin:  http://$(HOST):$(PORT)/admin/   (accounts and codes printed above)"
	@echo ""
	$(VENV)/bin/uvicorn portal.asgi:application --app-dir site --host $(HOST) --port $(PORT)

## make test: lint, then the whole suite on PostgreSQL when it answers on 127.0.0.1:5432.
test: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DATABASE_URL="$${DATABASE_URL:-$$($(PY) -m tests.services database-url)}" $(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## make audit: bandit on the code (config in pyproject.toml), pip-audit on the pinned production
## requirements. pip-audit reads PyPI's per-version vulnerability data; where that is unreachable
## it says so loudly, and fails only when REQUIRE_AUDIT is set.
AUDIT_PROBE := https://pypi.org/pypi/django/5.2/json
audit: install
	$(VENV)/bin/bandit -c pyproject.toml -r . -q
	@if $(PY) -c "import urllib.request as u; u.urlopen('$(AUDIT_PROBE)', timeout=10)" 2>/dev/null; then \
		$(VENV)/bin/pip-audit --strict --no-deps --disable-pip --progress-spinner off -r requirements/prod.txt; \
	else \
		echo "pip-audit NOT RUN: PyPI's vulnerability data ($(AUDIT_PROBE)) is unreachable from here."; \
		test -z "$(REQUIRE_AUDIT)"; \
	fi

## Translations: regenerate the catalogues (needs GNU gettext) and compile them.
messages: install
	$(PY) manage.py makemessages --locale vi --locale en --no-obsolete --no-location --ignore ".venv/*" --ignore "var/*"
	$(PY) manage.py compilemessages --ignore ".venv/*"

## CI: fail when makemessages would change the committed catalogues, or they were not compiled.
check-messages: install
	$(PY) manage.py makemessages --locale vi --locale en --no-obsolete --no-location --ignore ".venv/*" --ignore "var/*"
	git diff --exit-code --ignore-matching-lines='^"POT-Creation-Date' -- 'locale/*.po'
	git checkout -- 'locale/*.po'
	$(PY) manage.py compilemessages --ignore ".venv/*"
	git diff --exit-code -- 'locale/*.mo'
	@stats="$$(msgfmt --check --statistics -o /dev/null locale/vi/LC_MESSAGES/django.po 2>&1)"; \
	echo "Vietnamese catalogue: $$stats"; ! echo "$$stats" | grep -qE "untranslated|fuzzy"

## Benchmarks: not part of make test.
bench: install
	DATABASE_URL="$${DATABASE_URL:-$$($(PY) -m tests.services database-url)}" $(PY) -m pytest $(or $(BENCH),tests/benchmarks) -s -p no:randomly -o addopts="" $(PYTEST_ARGS)

## Production-like pieces, for those running them by hand.
serve: install
	$(VENV)/bin/uvicorn portal.asgi:application --app-dir site --host $(HOST) --port $(PORT) --workers 2
worker: install
	cd site && ../$(VENV)/bin/celery -A portal worker --loglevel INFO
beat: install
	cd site && ../$(VENV)/bin/celery -A portal beat --loglevel INFO

clean:
	rm -rf var $(VENV)
