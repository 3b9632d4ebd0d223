# Activation Explorer: common tasks. Each target first brings .venv up to date
# (scripts/bootstrap.sh, a no-op when nothing changed), so any of them works on
# a fresh machine.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

VENV := .venv
BIN := $(VENV)/bin
# Address for `make run`; the container listens on 0.0.0.0:8050 instead.
BIND ?= 127.0.0.1:8050
# Extra arguments, e.g. `make test PYTEST_ARGS="-k sigmoid -x"`.
PYTEST_ARGS ?=
# e.g. `make screenshots SCREENSHOT_ARGS="--url-query 'fn=relu,gelu&deriv=1'"`
SCREENSHOT_ARGS ?=

.PHONY: help venv venv-dev run dev test lint bench soak screenshots container-test clean

help:
	@echo "make run          serve the app with gunicorn on http://$(BIND)"
	@echo "make dev          run the app with Dash's own server (python app.py)"
	@echo "make test         lint, type-check, then every test (browser tests included)"
	@echo "make lint         ruff check, ruff format --check, mypy, hadolint"
	@echo "make bench        every performance figure next to its target (~3 min; see README)"
	@echo "make soak         60 s under wrk at 32 connections: errors and memory growth per worker"
	@echo "make screenshots  write docs/screenshot.png and docs/screenshot-phone.png"
	@echo "make container-test  build the Dockerfile with podman and test the running image"
	@echo "make clean        remove .venv and tool caches"

venv:
	@bash scripts/bootstrap.sh runtime

venv-dev:
	@bash scripts/bootstrap.sh dev

run: venv
	BIND='$(BIND)' exec $(BIN)/gunicorn --config gunicorn.conf.py app:server

dev: venv-dev
	exec $(BIN)/python app.py

lint: venv-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/hadolint Dockerfile

test: lint
	$(BIN)/pytest $(PYTEST_ARGS)

# Not part of `make test`: figures, not pass/fail. BENCH_ARGS=--quick for a try.
BENCH_ARGS ?=
bench: venv-dev
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# Not part of `make test` either: 0 errors and <= 10 % memory growth per worker.
soak: venv-dev
	$(BIN)/python bench/soak.py

screenshots: venv-dev
	$(BIN)/python scripts/screenshots.py $(SCREENSHOT_ARGS)

container-test: venv-dev
	bash scripts/container_test.sh

clean:
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache .hypothesis
	find . -path ./.git -prune -o -type d -name __pycache__ -prune -exec rm -rf {} +
