// Errors that mean "the database cannot serve this request now", not "the request is wrong",
// so the client should retry. SQLite: busy or locked by another process, read-only, disk full,
// I/O error, cannot open. PostgreSQL (SQLSTATE): connection failures (class 08), server shutting
// down or starting (57P01 to 57P03), statement timeout (57014), too many connections (53300).
// Node: the connection was refused, reset or timed out.
const UNAVAILABLE_CODES =
  /^(SQLITE_(BUSY|LOCKED|READONLY|FULL|IOERR|CANTOPEN)|08\w{3}|57P0[123]|57014|53300|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN)/;

// node-postgres reports a lost or timed-out connection with these messages and no code, and
// TypeORM reports a transaction whose connection was lost under way as not started or released.
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|Transaction is not started yet|Query runner already released/;

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

/** Tells whether an error means the database is temporarily unable to serve, so a retry may work. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = findDatabaseErrorCode(error);
  if (code !== undefined && UNAVAILABLE_CODES.test(code)) {
    return true;
  }

  return UNAVAILABLE_MESSAGES.test(describeDatabaseError(error));
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
