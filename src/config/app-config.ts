import { existsSync } from 'node:fs';
import { DatabaseLocation, parseDatabaseUrl } from './database-url';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type SqliteSynchronous = 'FULL' | 'NORMAL';

/** The service's settings, validated once at start-up from the environment. */
export interface AppConfig {
  database: DatabaseLocation;
  /** HMAC key for `X-Signature`; undefined while unset, which keeps the webhook at 503. */
  webhookSecret: string | undefined;
  /** Earlier keys still accepted during a rotation, from `WEBHOOK_SECRET_PREVIOUS`. */
  previousWebhookSecrets: string[];
  logLevel: LogLevel;
  port: number;
  host: string;
  /** Largest accepted webhook body, in bytes. */
  maxBodyBytes: number;
  /** Token Meta sends in the subscription handshake of `GET /webhook/whatsapp`. */
  whatsappVerifyToken: string | undefined;
  /** App secret that keys `X-Hub-Signature-256` on `POST /webhook/whatsapp`. */
  whatsappAppSecret: string | undefined;
  /** Largest accepted WhatsApp Cloud API delivery, in bytes. */
  whatsappMaxBodyBytes: number;
  /** How long a write waits for another connection's lock before it fails, in milliseconds. */
  sqliteBusyTimeoutMs: number;
  /** SQLite `synchronous` pragma: FULL survives power loss, NORMAL only process crashes. */
  sqliteSynchronous: SqliteSynchronous;
  /** PostgreSQL only: connections per replica. */
  databasePoolSize: number;
  /** PostgreSQL only: time limit for opening a connection, in milliseconds. */
  databaseConnectTimeoutMs: number;
  /** PostgreSQL only: time limit for one statement, in milliseconds. */
  databaseStatementTimeoutMs: number;
  /** Time limit for a client to send the request headers, in milliseconds. */
  headersTimeoutMs: number;
  /** Time limit for a client to send the whole request, in milliseconds. */
  requestTimeoutMs: number;
  /** Time between SIGTERM and closing the listener, while readiness already reports 503. */
  shutdownGraceMs: number;
  /** Maximum time a shutdown may take before the process exits anyway, in milliseconds. */
  shutdownTimeoutMs: number;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export const DEFAULT_DATABASE_URL = 'sqlite:///./data/messages.db';
const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];
const SQLITE_SYNCHRONOUS_MODES: readonly SqliteSynchronous[] = ['FULL', 'NORMAL'];

/** Raised when one or more environment variables are invalid; the message names each of them. */
export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigValidationError';
  }
}

/**
 * Builds the configuration from environment variables.
 * Collects every invalid variable before throwing, so one start-up attempt reports them all.
 */
export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  const problems: string[] = [];
  const reject = (name: string, value: string, rule: string): void => {
    problems.push(`${name}=${JSON.stringify(value)} is invalid: ${rule}`);
  };
  const readInteger = (name: string, fallback: number, min: number, max: number, rule: string): number => {
    const text = env[name] || String(fallback);
    const value = parseInteger(text, min, max);
    if (value === undefined) {
      reject(name, text, rule);
      return fallback;
    }

    return value;
  };

  const databaseUrl = env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const database = parseDatabaseUrl(databaseUrl);
  if (typeof database === 'string') {
    reject('DATABASE_URL', databaseUrl, database);
  }

  const logLevelText = env.LOG_LEVEL || 'INFO';
  const logLevel = normalizeLogLevel(logLevelText);
  if (logLevel === undefined) {
    reject('LOG_LEVEL', logLevelText, 'must be one of DEBUG, INFO, WARN, ERROR (any case)');
  }

  const port = readInteger('PORT', 8000, 0, 65535, 'must be an integer from 0 to 65535');
  const maxBodyBytes = readInteger('MAX_BODY_BYTES', 1024 * 1024, 1, Number.MAX_SAFE_INTEGER, 'must be a positive integer number of bytes');

  const synchronousText = env.SQLITE_SYNCHRONOUS || 'FULL';
  const sqliteSynchronous = SQLITE_SYNCHRONOUS_MODES.find((mode) => mode === synchronousText.trim().toUpperCase());
  if (sqliteSynchronous === undefined) {
    reject('SQLITE_SYNCHRONOUS', synchronousText, 'must be FULL or NORMAL');
  }

  const milliseconds = 'must be a whole number of milliseconds';
  const config = {
    webhookSecret: env.WEBHOOK_SECRET || undefined,
    previousWebhookSecrets: (env.WEBHOOK_SECRET_PREVIOUS ?? '')
      .split(',')
      .map((secret) => secret.trim())
      .filter((secret) => secret !== ''),
    port,
    host: env.HOST || '0.0.0.0',
    maxBodyBytes,
    whatsappVerifyToken: env.WHATSAPP_VERIFY_TOKEN || undefined,
    whatsappAppSecret: env.WHATSAPP_APP_SECRET || undefined,
    whatsappMaxBodyBytes: readInteger(
      'WHATSAPP_MAX_BODY_BYTES',
      3 * 1024 * 1024,
      1,
      Number.MAX_SAFE_INTEGER,
      'must be a positive integer number of bytes',
    ),
    sqliteBusyTimeoutMs: readInteger('SQLITE_BUSY_TIMEOUT_MS', 5000, 0, 600_000, milliseconds),
    databasePoolSize: readInteger('DATABASE_POOL_SIZE', 10, 2, 1000, 'must be an integer from 2 to 1000'),
    databaseConnectTimeoutMs: readInteger('DATABASE_CONNECT_TIMEOUT_MS', 5000, 1, 600_000, milliseconds),
    databaseStatementTimeoutMs: readInteger('DATABASE_STATEMENT_TIMEOUT_MS', 10_000, 1, 600_000, milliseconds),
    headersTimeoutMs: readInteger('HEADERS_TIMEOUT_MS', 10_000, 1, 600_000, milliseconds),
    requestTimeoutMs: readInteger('REQUEST_TIMEOUT_MS', 30_000, 1, 600_000, milliseconds),
    shutdownGraceMs: readInteger('SHUTDOWN_GRACE_MS', 3000, 0, 600_000, milliseconds),
    shutdownTimeoutMs: readInteger('SHUTDOWN_TIMEOUT_MS', 15_000, 1, 600_000, milliseconds),
  };

  if (typeof database === 'string' || logLevel === undefined || sqliteSynchronous === undefined || problems.length > 0) {
    throw new ConfigValidationError(problems);
  }

  return { ...config, database, logLevel, sqliteSynchronous };
}

function normalizeLogLevel(text: string): LogLevel | undefined {
  const lower = text.trim().toLowerCase();
  const level = lower === 'warning' ? 'warn' : lower;

  return LOG_LEVELS.find((known) => known === level);
}

function parseInteger(text: string, min: number, max: number): number | undefined {
  if (!/^\d+$/.test(text.trim())) {
    return undefined;
  }
  const value = Number(text.trim());

  return value >= min && value <= max ? value : undefined;
}

/**
 * Reads `.env` from the working directory when it exists, then validates the environment.
 * Variables already set in the environment win over the file.
 */
export function loadConfigFromEnvironment(envFile = '.env'): AppConfig {
  if (existsSync(envFile)) {
    process.loadEnvFile(envFile);
  }

  return loadConfig(process.env);
}
