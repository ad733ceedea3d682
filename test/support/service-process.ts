import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findFreePort } from './free-port';

const MAIN = resolve(__dirname, '../../dist/main.js');
const START_TIMEOUT_MS = 15_000;

/** The built service (`dist/main.js`) running as its own process in a temporary folder. */
export interface ServiceProcess {
  url: string;
  folder: string;
  /** Everything the process wrote to stdout so far, one entry per line. */
  stdoutLines: () => string[];
  stderr: () => string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop: () => Promise<number | null>;
  /** Sends `signal` without waiting; `exited` resolves with the exit code. */
  kill: (signal: NodeJS.Signals) => void;
  exited: Promise<number | null>;
}

/** Output and exit code of a process that ended by itself. */
export interface FinishedProcess {
  code: number | null;
  stdoutLines: string[];
  stderr: string;
}

function spawnService(env: NodeJS.ProcessEnv, folder: string): ChildProcess {
  return spawn(process.execPath, [MAIN], {
    cwd: folder,
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', SHUTDOWN_GRACE_MS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}


/** Polls the liveness probe until it responds, whatever the log level lets the service print. */
async function waitUntilLive(url: string, exited: Promise<unknown>, output: () => string): Promise<void> {
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline && !hasExited) {
    try {
      const response = await fetch(`${url}/health/live`);
      if (response.ok) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 50));
  }
  throw new Error(`service did not start:\n${output()}`);
}

function splitLines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

/**
 * Starts the service with exactly `env`, plus PATH, HOST=127.0.0.1, SHUTDOWN_GRACE_MS=0 and a
 * free PORT, and resolves once its liveness probe responds. `folder` defaults to a new
 * temporary folder.
 */
export async function startServiceProcess(env: NodeJS.ProcessEnv, folder?: string): Promise<ServiceProcess> {
  const workFolder = folder ?? mkdtempSync(join(tmpdir(), 'message-service-process-'));
  const port = await findFreePort();
  const child = spawnService({ PORT: String(port), ...env }, workFolder);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolveExit) => child.once('close', (code) => resolveExit(code)));

  const url = `http://127.0.0.1:${port}`;
  await waitUntilLive(url, exited, () => `${stdout}\n${stderr}`);

  return {
    url,
    folder: workFolder,
    stdoutLines: () => splitLines(stdout),
    stderr: () => stderr,
    kill: (signal) => child.kill(signal),
    exited,
    stop: async () => {
      child.kill('SIGTERM');
      const code = await exited;
      if (folder === undefined) {
        rmSync(workFolder, { recursive: true, force: true });
      }

      return code;
    },
  };
}

/** Runs the service with `env` until it exits by itself, as it does on invalid configuration. */
export async function runServiceToExit(env: NodeJS.ProcessEnv): Promise<FinishedProcess> {
  const folder = mkdtempSync(join(tmpdir(), 'message-service-process-'));
  const child = spawnService(env, folder);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolveExit) => child.once('close', (exitCode) => resolveExit(exitCode)));
  rmSync(folder, { recursive: true, force: true });

  return { code, stdoutLines: splitLines(stdout), stderr };
}
