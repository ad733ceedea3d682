/** Location of the message database, as parsed from `DATABASE_URL`. */
export interface DatabaseLocation {
  engine: 'sqlite';
  path: string;
}

/**
 * Parses a `DATABASE_URL` in the SQLAlchemy-style forms the service documents:
 * `sqlite:///relative/path.db` and `sqlite:////absolute/path.db`.
 * Returns an error message instead when the URL has another form.
 */
export function parseDatabaseUrl(url: string): DatabaseLocation | string {
  // TODO: accept postgres:// URLs once the PostgreSQL engine has its own test suite.
  const sqlitePrefix = 'sqlite:///';
  if (!url.startsWith(sqlitePrefix)) {
    return `must start with ${sqlitePrefix}, for example sqlite:///./data/messages.db`;
  }

  // After "sqlite:///" the rest is the path: "./data/x.db" is relative and "/data/x.db"
  // (written sqlite:////data/x.db) is absolute.
  const path = url.slice(sqlitePrefix.length);
  if (path === '') {
    return 'must name a database file after sqlite:///';
  }

  return { engine: 'sqlite', path };
}
