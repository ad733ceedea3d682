import { existsSync } from 'node:fs';
import { DatabaseLocation, parseDatabaseUrl } from './database-url';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** The service's settings, validated once at start-up from the environment. */
export interface AppConfig {
  database: DatabaseLocation;
  /** HMAC key for `X-Signature`; undefined while unset, which keeps the webhook at 503. */
  webhookSecret: string | undefined;
  logLevel: LogLevel;
  port: number;
  host: string;
  /** Largest accepted webhook body, in bytes. */
  maxBodyBytes: number;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export const DEFAULT_DATABASE_URL = 'sqlite:///./data/messages.db';
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

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

  const portText = env.PORT || '8000';
  const port = parseInteger(portText, 0, 65535);
  if (port === undefined) {
    reject('PORT', portText, 'must be an integer from 0 to 65535');
  }

  const host = env.HOST || '0.0.0.0';

  const maxBodyText = env.MAX_BODY_BYTES || String(DEFAULT_MAX_BODY_BYTES);
  const maxBodyBytes = parseInteger(maxBodyText, 1, Number.MAX_SAFE_INTEGER);
  if (maxBodyBytes === undefined) {
    reject('MAX_BODY_BYTES', maxBodyText, 'must be a positive integer number of bytes');
  }

  if (
    typeof database === 'string' ||
    logLevel === undefined ||
    port === undefined ||
    maxBodyBytes === undefined
  ) {
    throw new ConfigValidationError(problems);
  }

  return {
    database,
    webhookSecret: env.WEBHOOK_SECRET || undefined,
    logLevel,
    port,
    host,
    maxBodyBytes,
  };
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
