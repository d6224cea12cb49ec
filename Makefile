# One set of commands for people, the README and CI.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
FAKE_WECHAT_PORT ?= 9100
PYTEST_ARGS ?=

.PHONY: install lock audit run test fuzz lint migrate seed migrations bench bench-startup clean eval-bot bench-bot fake-embeddings \
	console console-if-node console-types console-check-types console-test console-unit console-browser console-screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Dependencies come from requirements.lock (every package pinned, with hashes), then the project
# itself without resolving anything. After changing pyproject.toml's dependencies: `make lock`.
$(STAMP): requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

UV_VERSION ?= 0.13.9
lock: | $(BIN)/python
	$(BIN)/pip install --quiet "uv==$(UV_VERSION)"
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --universal --python-version 3.11 \
	  --no-header --quiet -o requirements.lock
	@echo "requirements.lock 已更新；运行 make install 安装"

# Known vulnerabilities in the locked set (pip-audit, PyPI's advisories); without them it says so and passes.
audit: install
	$(BIN)/python scripts/audit.py

migrate: install
	$(BIN)/python -m backend migrate

# Loads the demo once and prints every demo credential last (`python -m backend demo-credentials` again).
seed: migrate
	$(BIN)/python -m backend seed-demo

# Serves the API on $(HOST):$(PORT). Without WECHAT_API_BASE the demo starts the bundled fake
# WeChat server on loopback so that mini-program login works offline. With REDIS_URL (a real Redis)
# the web process runs no jobs, so the arq queue worker starts beside the web workers; it and the
# fake server stop when the web server stops (Ctrl-C, SIGTERM, or the server exiting on its own).
run: seed
	@$(MAKE) --no-print-directory console-if-node
	@pids=""; trap 'kill $$pids 2>/dev/null; wait $$pids 2>/dev/null' EXIT INT TERM; \
	if [ -z "$$WECHAT_API_BASE" ]; then \
	  echo "启动本地模拟微信服务器 http://127.0.0.1:$(FAKE_WECHAT_PORT)/"; \
	  $(BIN)/python -m backend.wechat.fake_server --host 127.0.0.1 --port $(FAKE_WECHAT_PORT) & pids="$$!"; \
	  WECHAT_API_BASE=http://127.0.0.1:$(FAKE_WECHAT_PORT)/; export WECHAT_API_BASE; \
	fi; \
	if [ -n "$$REDIS_URL" ]; then \
	  echo "已设置 REDIS_URL：启动队列 worker（arq backend.jobs.worker.WorkerSettings），随 web 服务一起停止"; \
	  $(BIN)/arq backend.jobs.worker.WorkerSettings & pids="$$pids $$!"; \
	fi; \
	$(BIN)/sanic backend.app:create_app --factory --host $(HOST) --port $(PORT) --workers $${WEB_WORKERS:-1}

# The console's checks run first so that the suite's own `make run` finds the console built.
# CONSOLE_TESTS=0 leaves them out (CI's second pass: they do not depend on the database).
CONSOLE_TESTS ?= 1
# After pytest, the schemathesis profile with fewer examples than `make fuzz` (FUZZ_TESTS=0 leaves it out).
FUZZ_TESTS ?= 1
TEST_FUZZ_EXAMPLES ?= 3
test: install
	@if [ "$(CONSOLE_TESTS)" != 0 ]; then $(MAKE) --no-print-directory console-test; fi
	APP_ENV=test $(BIN)/python -m pytest $(PYTEST_ARGS)
	@if [ "$(FUZZ_TESTS)" != 0 ]; then $(MAKE) --no-print-directory fuzz FUZZ_EXAMPLES=$(TEST_FUZZ_EXAMPLES); fi

# Schemathesis over the served OpenAPI document as resident, leader, staff and admin against a real
# server with demo data (scripts/fuzz_api.py): fixed seed, 0 failures expected.
FUZZ_EXAMPLES ?= 8
FUZZ_SEED ?= 20261202
fuzz: install
	$(BIN)/python scripts/fuzz_api.py --examples $(FUZZ_EXAMPLES) --seed $(FUZZ_SEED)

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy backend miniprogram_api bot

migrations: install
	$(BIN)/python scripts/makemigrations.py $(NAME)

# The speed benches on PostgreSQL + Redis (each creates and resets its own database; wrk is used
# when installed: apt-get install wrk). Each ends with `BENCH name key=value …` lines.
bench: install
	$(BIN)/python bench/activities.py
	$(BIN)/python bench/nearby.py
	$(BIN)/python bench/notices.py
	$(BIN)/python bench/bot_http.py

# Worker start-up time, the shipped app beside sanic-ext's start-time routes and a bare Sanic app.
bench-startup: install
	$(BIN)/python bench/startup.py

# The bot's quality gate: the development set and the regression sets (tuned on; gated a question
# or two below today's figures so they catch regressions), plus the shared dev set when present.
# evals/test.jsonl is deliberately not here: it is scored once, by hand, and reported in the README.
BOT_DEV_SET ?= ../shared/bot-dev-questions.jsonl
eval-bot: install
	$(BIN)/python -m bot eval evals/dev.jsonl --min-top1 0.89 --min-refusal 0.95 --max-false-refusal 0.04 --by-category
	$(BIN)/python -m bot eval evals/dev2.jsonl --min-top1 0.53 --min-refusal 0.8 --max-false-refusal 0.23 --by-category
	$(BIN)/python -m bot eval evals/regression/own.jsonl --min-top1 0.95 --min-refusal 0.95 --max-false-refusal 0.08
	$(BIN)/python -m bot eval evals/regression/heldout.jsonl --min-top1 0.88 --min-refusal 0.9 --max-false-refusal 0.07
	$(BIN)/python -m bot eval evals/regression/blind.jsonl --min-top1 0.92 --min-refusal 0.75 --max-false-refusal 0.05
	$(BIN)/python -m bot eval evals/regression/probes.jsonl --min-top1 0.75 --min-refusal 0.6 --max-false-refusal 0.05
	$(BIN)/python -m bot loo evals/dev.jsonl evals/regression/own.jsonl evals/regression/heldout.jsonl evals/regression/blind.jsonl
	@if [ -f "$(BOT_DEV_SET)" ]; then \
	  $(BIN)/python -m bot eval $(BOT_DEV_SET) --min-top1 0.9 --min-refusal 0.9 --max-false-refusal 0.05; \
	else echo "$(BOT_DEV_SET) 不存在，跳过开发集评测"; fi

# The offline fake embedding server for trying hybrid retrieval:
#   make fake-embeddings &   then   BOT_EMBEDDING_URL=http://127.0.0.1:9200 make run
FAKE_EMBEDDINGS_PORT ?= 9200
fake-embeddings: install
	$(BIN)/python -m bot.fake_embeddings --host 127.0.0.1 --port $(FAKE_EMBEDDINGS_PORT)

# Bot benchmark in process; with BOT_URL=http://host:port (a running server) also over HTTP,
# signing in through dev-login unless BOT_TOKEN is given.
bench-bot: install
	@if [ -n "$(BOT_URL)" ]; then \
	  token="$${BOT_TOKEN:-$$(curl -sf -X POST -H 'Content-Type: application/json' \
	    -d '{"openid":"o-bench","role":"resident"}' $(BOT_URL)/api/mp/v1/auth/dev-login \
	    | $(BIN)/python -c 'import json,sys; print(json.load(sys.stdin)["token"])')}"; \
	  $(BIN)/python bench/bot.py --url $(BOT_URL)/api/mp/v1/bot/ask --token "$$token" $(BENCH_ARGS); \
	else $(BIN)/python bench/bot.py $(BENCH_ARGS); fi

clean:
	rm -rf $(VENV) var/*.sqlite3*

# --- staff console (console/: Vue 3 + Vite) -------------------------------------------------------
NPM ?= npm
CONSOLE_SOURCES := $(shell find console/src console/public -type f 2>/dev/null) console/index.html \
	console/vite.config.ts console/tsconfig.json console/package.json
CONSOLE_DEPS := console/node_modules/.package-lock.json

$(CONSOLE_DEPS): console/package-lock.json
	cd console && $(NPM) ci --no-audit --no-fund --loglevel=error

console/dist/index.html: $(CONSOLE_DEPS) $(CONSOLE_SOURCES)
	cd console && npx vue-tsc --noEmit && npx vite build --logLevel warn
	@cd console && node scripts/bundle-size.mjs

# Builds console/dist when it is missing or older than its sources.
console: console/dist/index.html

# `make run` builds the console when Node is there, and serves the API alone when it is not.
console-if-node:
	@if command -v node >/dev/null 2>&1; then \
	  $(MAKE) --no-print-directory console || echo "工作台构建失败，仅启动 API（修复后运行 make console）"; \
	  echo "工作台：http://$(HOST):$(PORT)/console/"; \
	else \
	  echo "未找到 Node.js：仅启动 API。安装 Node.js 20.19+ 后运行 make console 构建工作台（/console/）"; \
	fi

# Regenerates console/src/api/schema.d.ts from the backend's OpenAPI document.
console-types: install $(CONSOLE_DEPS)
	@spec="$$(mktemp)"; $(BIN)/python -m backend openapi -o "$$spec" && \
	  (cd console && node scripts/gen-types.mjs "$$spec"); status=$$?; rm -f "$$spec"; exit $$status

# Fails when the generated client is stale against the backend (a schema changed without `make console-types`).
console-check-types: install $(CONSOLE_DEPS)
	@spec="$$(mktemp)"; $(BIN)/python -m backend openapi -o "$$spec" && \
	  (cd console && node scripts/gen-types.mjs "$$spec" --check); status=$$?; rm -f "$$spec"; exit $$status

console-unit: $(CONSOLE_DEPS)
	cd console && npx vitest run

# Headless Chromium (/usr/bin/chromium) against the real backend with demo data; skips without it.
console-browser: install console
	cd console && PYTHON=$(CURDIR)/$(BIN)/python node --test --test-reporter=spec e2e/run.mjs

console-test: console-check-types console-unit console-browser

# Refreshes the README's screenshots (docs/console-*.png) from the browser tests.
console-screenshots: install console
	cd console && PYTHON=$(CURDIR)/$(BIN)/python CONSOLE_SCREENSHOTS=docs node --test --test-name-pattern="dashboard|approving|credit proposal" e2e/run.mjs
