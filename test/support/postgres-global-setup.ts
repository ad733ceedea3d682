import { postgresServerInstalled, startPostgresCluster } from './postgres-cluster';

/**
 * Gives the PostgreSQL suites a server: TEST_POSTGRES_URL when it is set (any server the
 * tests may create and drop databases on), otherwise a throwaway cluster started here.
 */
export default async function setUpPostgres(): Promise<void> {
  if (process.env.TEST_POSTGRES_URL !== undefined) {
    return;
  }
  if (!postgresServerInstalled()) {
    throw new Error(
      'The PostgreSQL suites need a server: install PostgreSQL 15 (initdb, pg_ctl) or set TEST_POSTGRES_URL.',
    );
  }

  const cluster = await startPostgresCluster();
  process.env.TEST_POSTGRES_URL = cluster.url;
  process.env.TEST_POSTGRES_DATA_DIR = cluster.dataDir;
}
