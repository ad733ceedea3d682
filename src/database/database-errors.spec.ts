import { describeDatabaseError, isDatabaseUnavailable } from './database-errors';

function driverFailure(code: string | undefined, message: string): unknown {
  return { message: `QueryFailedError: ${message}`, driverError: { code, message } };
}

describe('isDatabaseUnavailable', () => {
  it.each([
    ['SQLITE_BUSY', 'database is locked'],
    ['SQLITE_FULL', 'database or disk is full'],
    ['SQLITE_IOERR_WRITE', 'disk I/O error'],
    ['57P01', 'terminating connection due to administrator command'],
    ['57014', 'canceling statement due to statement timeout'],
    ['08006', 'connection failure'],
    ['ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'],
    [undefined, 'Connection terminated unexpectedly'],
    [undefined, 'timeout exceeded when trying to connect'],
  ])('treats %s (%s) as unavailable', (code, message) => {
    expect(isDatabaseUnavailable(driverFailure(code, message))).toBe(true);
  });

  it.each([
    ['SQLITE_ERROR', 'no such table: messages'],
    ['42P01', 'relation "messages" does not exist'],
    ['23505', 'duplicate key value violates unique constraint'],
    [undefined, 'something else'],
  ])('treats %s (%s) as a fault of the service', (code, message) => {
    expect(isDatabaseUnavailable(driverFailure(code, message))).toBe(false);
  });
});

describe('describeDatabaseError', () => {
  it('prefers the driver message', () => {
    expect(describeDatabaseError(driverFailure('SQLITE_FULL', 'database or disk is full'))).toBe('database or disk is full');
  });

  it('falls back to the message of a plain error', () => {
    expect(describeDatabaseError(new Error('boom'))).toBe('boom');
  });
});
