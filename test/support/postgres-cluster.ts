import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from './free-port';

/** Where Debian installs the PostgreSQL server programs; PG_BIN overrides it. */
const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** A throwaway PostgreSQL server on a loopback port, with its data in a temporary folder. */
export interface PostgresCluster {
  url: string;
  dataDir: string;
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** Runs a server program, as the postgres user when this process is root (initdb refuses root). */
function runAsServerUser(program: string, args: string[]): void {
  const command = isRoot() ? ['runuser', ['-u', 'postgres', '--', join(BIN, program), ...args]] : [join(BIN, program), args];
  execFileSync(command[0] as string, command[1] as string[], { stdio: 'pipe', cwd: tmpdir() });
}


export function postgresServerInstalled(): boolean {
  return existsSync(join(BIN, 'initdb')) && existsSync(join(BIN, 'pg_ctl'));
}

/**
 * Creates and starts a cluster that trusts loopback connections. fsync is off because the data
 * is thrown away, which makes the suites faster without changing what they check.
 */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const dataDir = mkdtempSync(join(tmpdir(), 'message-service-pg-'));
  if (isRoot()) {
    execFileSync('chown', ['postgres:postgres', dataDir]);
  }
  const port = await findFreePort();

  runAsServerUser('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
  startServer(dataDir, port);

  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, dataDir };
}

function startServer(dataDir: string, port: number): void {
  const options = `-p ${port} -k ${dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  runAsServerUser('pg_ctl', ['-D', dataDir, '-o', options, '-l', join(dataDir, 'server.log'), '-w', 'start']);
}

/** Stops the server fast, as a crash or a restart by an operator would, and starts it again after `downMs`. */
export async function restartPostgresCluster(cluster: PostgresCluster, downMs: number): Promise<void> {
  runAsServerUser('pg_ctl', ['-D', cluster.dataDir, '-m', 'fast', '-w', 'stop']);
  await new Promise((resolveWait) => setTimeout(resolveWait, downMs));
  startServer(cluster.dataDir, Number(new URL(cluster.url).port));
}

export function stopPostgresCluster(cluster: PostgresCluster): void {
  try {
    runAsServerUser('pg_ctl', ['-D', cluster.dataDir, '-m', 'immediate', '-w', 'stop']);
  } finally {
    rmSync(cluster.dataDir, { recursive: true, force: true });
  }
}

