/** Location of the message database, as parsed from `DATABASE_URL`. */
export type DatabaseLocation = { engine: 'sqlite'; path: string } | { engine: 'postgres'; url: string };

/**
 * Parses a `DATABASE_URL`: `sqlite:///relative/path.db`, `sqlite:////absolute/path.db`, or a
 * `postgres://` or `postgresql://` connection URL, which is passed through as it is.
 * Returns an error message instead when the URL has another form.
 */
export function parseDatabaseUrl(url: string): DatabaseLocation | string {
  if (/^postgres(ql)?:\/\/[^/]/.test(url)) {
    return { engine: 'postgres', url };
  }

  const sqlitePrefix = 'sqlite:///';
  if (!url.startsWith(sqlitePrefix)) {
    return `must start with ${sqlitePrefix} or postgres://, for example sqlite:///./data/messages.db`;
  }

  // After "sqlite:///" the rest is the path: "./data/x.db" is relative and "/data/x.db"
  // (written sqlite:////data/x.db) is absolute.
  const path = url.slice(sqlitePrefix.length);
  if (path === '') {
    return 'must name a database file after sqlite:///';
  }

  return { engine: 'sqlite', path };
}

/** Describes the database for logs: the SQLite path, or the PostgreSQL URL without its password. */
export function describeDatabaseLocation(location: DatabaseLocation): string {
  if (location.engine === 'sqlite') {
    return location.path;
  }

  const url = new URL(location.url);
  if (url.password !== '') {
    url.password = '***';
  }

  return url.toString();
}
