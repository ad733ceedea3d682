.PHONY: install build start test test-unit test-e2e

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
