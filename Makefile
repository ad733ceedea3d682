# Docker Compose v2 ("docker compose") when present, otherwise the v1 command.
COMPOSE := $(shell if docker compose version >/dev/null 2>&1; then echo "docker compose"; else echo docker-compose; fi)

.PHONY: install build start test test-unit test-e2e up down logs smoke up-postgres down-postgres

install:
	npm ci

build:
	npm run build

start:
	npm start

test:
	npm test

test-unit:
	npm run test:unit

test-e2e:
	npm run test:e2e

# Builds the image and starts the service in the background; needs WEBHOOK_SECRET.
up:
	$(COMPOSE) up -d --build

# Stops the service and deletes its data volume.
down:
	$(COMPOSE) down -v

logs:
	$(COMPOSE) logs -f api

# Builds the image, runs it with Compose and checks it end to end (needs a Docker engine).
smoke:
	scripts/container-smoke.sh

# Two replicas on PostgreSQL (ports 8000 and 8001); needs WEBHOOK_SECRET and POSTGRES_PASSWORD.
up-postgres:
	$(COMPOSE) -f docker-compose.yml -f docker-compose.postgres.yml up -d --build

down-postgres:
	$(COMPOSE) -f docker-compose.yml -f docker-compose.postgres.yml down -v
