# Two entry points for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test lint corpus bench locales clean

$(PY):
	$(PYTHON) -c 'import sys; sys.exit("Python >= 3.11 is required, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed

# With BOT_TOKEN in the environment or in .env: the bot; without it: the offline demo.
run: $(VENV)/.installed
	@if [ -n "$$BOT_TOKEN" ] || grep -Eqs '^[[:space:]]*BOT_TOKEN[[:space:]]*=[[:space:]]*["'"'"']?[^"'"'"'[:space:]#]' .env; then \
		$(PY) -m bot run; \
	else \
		echo "No BOT_TOKEN set: running the offline demo (see README to run the real bot)."; \
		$(PY) -m bot demo; \
	fi

lint: $(VENV)/.installed-test
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

test: lint
	$(PY) -m pytest -q

corpus: $(VENV)/.installed
	$(PY) bench/corpus.py

bench: $(VENV)/.installed
	$(PY) bench/ingest.py

# After changing user-facing strings: refresh the template and catalogs, translate the
# new entries in bot/locales/*/LC_MESSAGES/bot.po, then run this again to compile.
locales: $(VENV)/.installed
	$(VENV)/bin/pybabel extract -F babel.cfg -k N_ -k _ --no-location --sort-output \
		--project rights-alert-bot -o bot/locales/bot.pot .
	$(VENV)/bin/pybabel update -i bot/locales/bot.pot -d bot/locales -D bot --no-fuzzy-matching
	$(VENV)/bin/pybabel compile -d bot/locales -D bot --statistics

clean:
	rm -rf $(VENV) data/demo.sqlite3*
