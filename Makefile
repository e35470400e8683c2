# Pioneer Post: `make run` to try it, `make test` to check it.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1:8000

.PHONY: run test lint bench messages install install-dev pdf-deps browser-deps clean backup restore worker beat

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt requirements.txt $(VENV)/.installed
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Compile the translation catalogues (needs GNU gettext's msgfmt).
messages: $(VENV)/.installed
	@command -v msgfmt >/dev/null || scripts/ensure-system-packages gettext
	$(PY) manage.py compilemessages --ignore=.venv -v0

# LOCAL_DEMO: the site's own pages as in production (no tracebacks, no URL lists), on this computer only.
run: messages pdf-deps
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo "Open http://$(HOST)/ and log in as one of the demo users in README.md (password Pioneer-2026)."
	LOCAL_DEMO=1 $(PY) manage.py runserver $(HOST)

# A .tar.gz of the database and the uploads in backups/ (pg_dump on PostgreSQL, SQLite's backup API otherwise).
backup: $(VENV)/.installed
	$(PY) manage.py backup

# Replace the database and the uploads with an archive made by `make backup`: make restore FILE=backups/….tar.gz
restore: $(VENV)/.installed
	@test -n "$(FILE)" || (echo "Usage: make restore FILE=backups/pioneer-….tar.gz" && exit 2)
	$(PY) manage.py restore "$(FILE)"

# With CELERY_BROKER_URL set: a background worker and the schedules (one beat per installation).
worker: $(VENV)/.installed
	$(VENV)/bin/celery -A pioneer worker --loglevel=INFO

beat: $(VENV)/.installed
	$(VENV)/bin/celery -A pioneer beat --loglevel=INFO

# Pango and a CJK font for WeasyPrint's PDFs (handbook editions, vote cards), from Debian's packages.
pdf-deps:
	@scripts/ensure-system-packages libpango-1.0-0 libpangoft2-1.0-0 fonts-wqy-microhei

# Chromium and a CJK font for the browser tests, from Debian's packages.
browser-deps:
	@scripts/ensure-system-packages chromium fonts-wqy-microhei

# One test process per core (pytest-xdist; each has its own test database). PYTEST_ARGS="-n 0 tests/…" for one process.
PYTEST_ARGS ?= -n auto
test: install-dev messages pdf-deps browser-deps
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(PY) -m ruff check .
	$(PY) manage.py makemigrations --check --dry-run

# Builds (or reuses) the district and city databases on PostgreSQL at 127.0.0.1, then measures issue 13's figures.
bench: install-dev messages
	@command -v wrk >/dev/null || scripts/ensure-system-packages wrk
	$(PY) -m benchmarks

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
