import { ConfigValidationError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    expect(loadConfig({})).toEqual({
      database: { engine: 'sqlite', path: './data/messages.db' },
      webhookSecret: undefined,
      logLevel: 'info',
      port: 8000,
      host: '0.0.0.0',
      maxBodyBytes: 1048576,
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      DATABASE_URL: 'sqlite:////var/lib/app.db',
      WEBHOOK_SECRET: 's',
      LOG_LEVEL: 'Debug',
      PORT: '9000',
      HOST: '127.0.0.1',
      MAX_BODY_BYTES: '2048',
    });

    expect(config).toEqual({
      database: { engine: 'sqlite', path: '/var/lib/app.db' },
      webhookSecret: 's',
      logLevel: 'debug',
      port: 9000,
      host: '127.0.0.1',
      maxBodyBytes: 2048,
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
      loadConfig({ PORT: '70000', LOG_LEVEL: 'trace', DATABASE_URL: 'sqlite://x.db', MAX_BODY_BYTES: '1k' });
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(ConfigValidationError);
    expect((error as ConfigValidationError).problems).toEqual([
      'DATABASE_URL="sqlite://x.db" is invalid: must start with sqlite:///, for example sqlite:///./data/messages.db',
      'LOG_LEVEL="trace" is invalid: must be one of DEBUG, INFO, WARN, ERROR (any case)',
      'PORT="70000" is invalid: must be an integer from 0 to 65535',
      'MAX_BODY_BYTES="1k" is invalid: must be a positive integer number of bytes',
    ]);
  });

  it('rejects sqlite:/// without a path', () => {
    expect(() => loadConfig({ DATABASE_URL: 'sqlite:///' })).toThrow(
      'DATABASE_URL="sqlite:///" is invalid: must name a database file after sqlite:///',
    );
  });
});
