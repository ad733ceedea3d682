import { ConfigValidationError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    expect(loadConfig({})).toEqual({
      database: { engine: 'sqlite', path: './data/messages.db' },
      webhookSecret: undefined,
      previousWebhookSecrets: [],
      logLevel: 'info',
      port: 8000,
      host: '0.0.0.0',
      maxBodyBytes: 1048576,
      whatsappVerifyToken: undefined,
      whatsappAppSecret: undefined,
      whatsappMaxBodyBytes: 3145728,
      sqliteBusyTimeoutMs: 5000,
      sqliteSynchronous: 'FULL',
      databasePoolSize: 10,
      databaseConnectTimeoutMs: 5000,
      databaseStatementTimeoutMs: 10000,
      headersTimeoutMs: 10000,
      requestTimeoutMs: 30000,
      shutdownGraceMs: 3000,
      shutdownTimeoutMs: 15000,
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      DATABASE_URL: 'sqlite:////var/lib/app.db',
      WEBHOOK_SECRET: 's',
      WEBHOOK_SECRET_PREVIOUS: 'old-1, old-2,',
      LOG_LEVEL: 'Debug',
      PORT: '9000',
      HOST: '127.0.0.1',
      MAX_BODY_BYTES: '2048',
      SQLITE_BUSY_TIMEOUT_MS: '100',
      SQLITE_SYNCHRONOUS: 'normal',
      DATABASE_POOL_SIZE: '4',
      DATABASE_CONNECT_TIMEOUT_MS: '1500',
      DATABASE_STATEMENT_TIMEOUT_MS: '2500',
      HEADERS_TIMEOUT_MS: '2000',
      REQUEST_TIMEOUT_MS: '4000',
      SHUTDOWN_GRACE_MS: '0',
      SHUTDOWN_TIMEOUT_MS: '9000',
    });

    expect(config).toEqual({
      database: { engine: 'sqlite', path: '/var/lib/app.db' },
      webhookSecret: 's',
      previousWebhookSecrets: ['old-1', 'old-2'],
      logLevel: 'debug',
      port: 9000,
      host: '127.0.0.1',
      maxBodyBytes: 2048,
      whatsappVerifyToken: undefined,
      whatsappAppSecret: undefined,
      whatsappMaxBodyBytes: 3145728,
      sqliteBusyTimeoutMs: 100,
      sqliteSynchronous: 'NORMAL',
      databasePoolSize: 4,
      databaseConnectTimeoutMs: 1500,
      databaseStatementTimeoutMs: 2500,
      headersTimeoutMs: 2000,
      requestTimeoutMs: 4000,
      shutdownGraceMs: 0,
      shutdownTimeoutMs: 9000,
    });
  });

  it.each([
    ['INFO', 'info'],
    ['warn', 'warn'],
    ['WARNING', 'warn'],
    ['Error', 'error'],
  ])('takes LOG_LEVEL=%s as %s', (text, level) => {
    expect(loadConfig({ LOG_LEVEL: text }).logLevel).toBe(level);
  });

  it('treats an empty WEBHOOK_SECRET as unset', () => {
    expect(loadConfig({ WEBHOOK_SECRET: '' }).webhookSecret).toBeUndefined();
  });

  it('names every invalid variable in one error', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: '70000',
        LOG_LEVEL: 'trace',
        DATABASE_URL: 'sqlite://x.db',
        MAX_BODY_BYTES: '1k',
        SQLITE_SYNCHRONOUS: 'OFF',
        SHUTDOWN_GRACE_MS: '-1',
      });
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(ConfigValidationError);
    expect((error as ConfigValidationError).problems).toEqual([
      'DATABASE_URL="sqlite://x.db" is invalid: must start with sqlite:/// or postgres://, for example sqlite:///./data/messages.db',
      'LOG_LEVEL="trace" is invalid: must be one of DEBUG, INFO, WARN, ERROR (any case)',
      'PORT="70000" is invalid: must be an integer from 0 to 65535',
      'MAX_BODY_BYTES="1k" is invalid: must be a positive integer number of bytes',
      'SQLITE_SYNCHRONOUS="OFF" is invalid: must be FULL or NORMAL',
      'SHUTDOWN_GRACE_MS="-1" is invalid: must be a whole number of milliseconds',
    ]);
  });

  it.each([['postgres://user:pass@db:5432/messages'], ['postgresql://db/messages']])('reads %s as PostgreSQL', (url) => {
    expect(loadConfig({ DATABASE_URL: url }).database).toEqual({ engine: 'postgres', url });
  });

  it('rejects sqlite:/// without a path', () => {
    expect(() => loadConfig({ DATABASE_URL: 'sqlite:///' })).toThrow(
      'DATABASE_URL="sqlite:///" is invalid: must name a database file after sqlite:///',
    );
  });
});
