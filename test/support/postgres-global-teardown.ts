import { stopPostgresCluster } from './postgres-cluster';

/** Stops the throwaway cluster that the global set-up started, if it started one. */
export default function tearDownPostgres(): void {
  const dataDir = process.env.TEST_POSTGRES_DATA_DIR;
  const url = process.env.TEST_POSTGRES_URL;
  if (dataDir !== undefined && url !== undefined) {
    stopPostgresCluster({ url, dataDir });
  }
}
