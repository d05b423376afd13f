# Marsad: two commands on a fresh machine.
#   make run    create .venv, install, build the bundled corpus, validate, serve
#   make test   create .venv if missing, run the whole test suite
# Variables: STORE (store directory), HOST, PORT, TIMEOUT, PYTHON.

PYTHON  ?= $(shell command -v python3.11 || command -v python3)
VENV    := .venv
BIN     := $(VENV)/bin
STORE   ?= store
HOST    ?= 127.0.0.1
PORT    ?= 8000
TIMEOUT ?= 30
ARTICLES ?= data/articles

PIPELINE_FILES := $(shell find kg mappings ontology shapes $(ARTICLES) -type f \
                    -not -path '*/__pycache__/*' 2>/dev/null)

.PHONY: run test build venv node clean lock bench bench-quick soak

run: $(STORE)/.built node
	$(BIN)/kg serve --store $(STORE) --host $(HOST) --port $(PORT) --timeout $(TIMEOUT)

build: $(STORE)/.built

$(STORE)/.built: $(VENV)/.installed $(PIPELINE_FILES)
	$(BIN)/kg build $(ARTICLES) --store $(STORE)
	$(BIN)/kg validate --store $(STORE)
	touch $@

test: $(VENV)/.installed node
	$(BIN)/python -m pytest -q -p no:cacheprovider

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $@

# The query UI and the explorer use front-end libraries installed from npm and served
# from local files (they work offline once installed).
node: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Regenerate the pinned dependency set after changing pyproject.toml.
lock: $(VENV)/.installed
	$(BIN)/python -m pip install -q -e ".[test]"
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^marsad' > requirements.lock

bench: $(VENV)/.installed
	$(BIN)/python -m bench

bench-quick: $(VENV)/.installed
	$(BIN)/python -m bench --quick

soak: $(VENV)/.installed
	$(BIN)/python -m bench.soak

clean:
	rm -rf $(STORE) test-artifacts
