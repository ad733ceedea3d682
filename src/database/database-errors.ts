// SQLite result codes that mean "the database cannot take this write now", not "the request
// is wrong": busy or locked by another process, read-only, disk full, I/O error, cannot open.
const UNAVAILABLE_CODES = /^SQLITE_(BUSY|LOCKED|READONLY|FULL|IOERR|CANTOPEN)/;

/** Returns the driver's error code behind a TypeORM QueryFailedError or a driver error. */
export function findDatabaseErrorCode(error: unknown): string | undefined {
  const candidates = [error, (error as { driverError?: unknown } | null)?.driverError];
  for (const candidate of candidates) {
    const code = (candidate as { code?: unknown } | null)?.code;
    if (typeof code === 'string') {
      return code;
    }
  }

  return undefined;
}

/** Tells whether an error code means the database is temporarily unable to serve, so a retry may work. */
export function isDatabaseUnavailable(code: string | undefined): boolean {
  return code !== undefined && UNAVAILABLE_CODES.test(code);
}

/** Returns the driver's own message, without TypeORM's wrapping, for logs and health output. */
export function describeDatabaseError(error: unknown): string {
  // Duck-typed rather than instanceof, since a driver error may come from another realm.
  const messageOf = (candidate: unknown) => (candidate as { message?: unknown } | null)?.message;
  const driverMessage = messageOf((error as { driverError?: unknown } | null)?.driverError);
  if (typeof driverMessage === 'string') {
    return driverMessage;
  }
  const message = messageOf(error);

  return typeof message === 'string' ? message : String(error);
}
