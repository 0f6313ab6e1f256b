# mentornet: `make demo` runs the product, `make test` runs the whole suite. Both start from a fresh clone.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
BENCH_SECONDS ?= 8

.PHONY: demo test lint check-system messages vendor bench clean

$(VENV)/.runtime: requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt 2>&1 | grep -v "is ignored" || true
	@$(PY) -c "import django, django_tasks_db, gunicorn" && touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt 2>&1 | grep -v "is ignored" || true
	@$(PY) -c "import pytest, playwright, mypy, ruff" && touch $@

.env:
	@sed "s|^SECRET_KEY=.*|SECRET_KEY=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')|" .env.example > .env
	@echo "Created .env with a new SECRET_KEY."

demo: $(VENV)/.runtime .env
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py collectstatic --noinput -v 0
	$(PY) manage.py demo
	@echo ""
	@echo "mentornet runs at http://127.0.0.1:$(PORT)/ (Ctrl+C stops it; e-mails and text messages are printed here; reminders are queued every 5 minutes)."
	@trap 'kill 0' INT TERM EXIT; \
	  export SITE_URL=http://127.0.0.1:$(PORT); \
	  $(PY) manage.py db_worker --no-startup-delay & \
	  while true; do $(PY) manage.py periodic >/dev/null; sleep 300; done & \
	  $(VENV)/bin/gunicorn mentornet.wsgi --workers 2 --bind 127.0.0.1:$(PORT) \
	    --access-logfile - --log-level warning & \
	  wait

check-system:
	@bash scripts/system-packages.sh

test: $(VENV)/.dev .env check-system lint
	$(PY) -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check $$(git ls-files '*.html')
	$(VENV)/bin/mypy mentornet tests conftest.py

messages: $(VENV)/.dev
	cd mentornet && ../$(PY) ../manage.py makemessages -l da --no-obsolete --add-location file
	cd mentornet && ../$(PY) ../manage.py compilemessages -l da

vendor:
	bash scripts/update-dkfds.sh

bench: $(VENV)/.dev .env
	@bash scripts/system-packages.sh bench
	$(PY) bench/run.py --seconds $(BENCH_SECONDS)

clean:
	rm -rf $(VENV) staticfiles mentornet.sqlite3* bench/out
