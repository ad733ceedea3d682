// Jest runs four projects: unit specs beside the code, the end-to-end suites on SQLite, the
// HTTP contract suites again on PostgreSQL, and the Kubernetes manifest checks.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const postgresBin = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const postgresAvailable =
  process.env.TEST_POSTGRES_URL !== undefined || existsSync(join(postgresBin, 'initdb'));

// CI must run the PostgreSQL suites; a developer machine without a server skips them loudly.
if (!postgresAvailable && process.env.CI === undefined) {
  console.warn(
    'Skipping the PostgreSQL suites: no server found. Install PostgreSQL 15 or set TEST_POSTGRES_URL.',
  );
}

const unit = {
  "displayName": "unit",
  "preset": "ts-jest",
  "testEnvironment": "node",
  "rootDir": "src",
  "testRegex": ".*\\.spec\\.ts$"
};

const e2e = {
  "displayName": "e2e",
  "preset": "ts-jest",
  "testEnvironment": "node",
  "rootDir": "test",
  "testRegex": ".*\\.e2e-spec\\.ts$",
  "testPathIgnorePatterns": [
    "/postgres\\.e2e-spec\\.ts$"
  ]
};

const e2ePostgres = {
  "displayName": "e2e-postgres",
  "preset": "ts-jest",
  "testEnvironment": "node",
  "rootDir": "test",
  "testRegex": "(webhook|whatsapp|messages|stats|health-metrics|limits|fuzz|postgres)\\.e2e-spec\\.ts$",
  "globalSetup": "<rootDir>/support/postgres-global-setup.ts",
  "globalTeardown": "<rootDir>/support/postgres-global-teardown.ts",
  "setupFiles": [
    "<rootDir>/support/use-postgres.ts"
  ]
};

const manifests = {
  "displayName": "manifests",
  "preset": "ts-jest",
  "testEnvironment": "node",
  "rootDir": "deploy",
  "testRegex": ".*\\.spec\\.ts$",
  "testEnvironmentOptions": {
    "customExportConditions": [
      "node",
      "import"
    ]
  }
};

module.exports = {
  projects:
    postgresAvailable || process.env.CI !== undefined
      ? [unit, e2e, e2ePostgres, manifests]
      : [unit, e2e, manifests],
  maxWorkers: 2,
};
