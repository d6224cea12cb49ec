# One set of commands for people, the README and CI.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
FAKE_WECHAT_PORT ?= 9100
PYTEST_ARGS ?=

.PHONY: install run test lint migrate seed migrations bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python -m backend migrate

seed: migrate
	$(BIN)/python -m backend seed-demo

# Serves the API on $(HOST):$(PORT). Without WECHAT_API_BASE the demo starts the bundled fake
# WeChat server on loopback so that mini-program login works offline.
run: seed
	@if [ -z "$$WECHAT_API_BASE" ]; then \
	  echo "启动本地模拟微信服务器 http://127.0.0.1:$(FAKE_WECHAT_PORT)/"; \
	  $(BIN)/python -m backend.wechat.fake_server --host 127.0.0.1 --port $(FAKE_WECHAT_PORT) & \
	  trap "kill $$! 2>/dev/null" EXIT INT TERM; \
	  WECHAT_API_BASE=http://127.0.0.1:$(FAKE_WECHAT_PORT)/ $(BIN)/sanic backend.app:create_app --factory \
	    --host $(HOST) --port $(PORT) --workers $${WEB_WORKERS:-1}; \
	else \
	  $(BIN)/sanic backend.app:create_app --factory --host $(HOST) --port $(PORT) --workers $${WEB_WORKERS:-1}; \
	fi

test: install
	APP_ENV=test $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy backend miniprogram_api bot

migrations: install
	$(BIN)/python scripts/makemigrations.py $(NAME)

bench: install
	$(BIN)/python bench/activities.py

clean:
	rm -rf $(VENV) var/*.sqlite3*
