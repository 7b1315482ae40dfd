import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, WriteStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from './build';

export interface AppProcessOptions {
  name: string;
  entry: string;
  env: Record<string, string>;
  /** Where stdout and stderr go (appended); nothing is kept in memory beyond the last lines. */
  logFile: string;
  nodeArgs?: string[];
  /** Called for every stdout line, e.g. to count log events. */
  onLine?: (line: string) => void;
}

const EXIT_ON_SIGUSR2 = join(ROOT, 'bench', 'lib', 'exit-on-sigusr2.js');

/**
 * One app (`node dist/…/main.js`) run as a real child process: its own PID (for RSS and
 * kill -9), its own environment, logs to a file. Nothing here knows about Nest.
 */
export class AppProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly log: WriteStream;
  private readonly tail: string[] = [];
  private readonly waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];

  constructor(readonly options: AppProcessOptions) {
    mkdirSync(dirname(options.logFile), { recursive: true });
    this.log = createWriteStream(options.logFile, { flags: 'a' });
    // The preload turns SIGUSR2 into a normal exit, so --cpu-prof can write its profile.
    const nodeArgs = ['--require', EXIT_ON_SIGUSR2, ...(options.nodeArgs ?? [])];
    this.child = spawn(process.execPath, [...nodeArgs, options.entry], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
    for (const stream of [this.child.stdout, this.child.stderr]) {
      if (!stream) continue;
      stream.pipe(this.log, { end: false });
      createInterface({ input: stream }).on('line', (line) => this.onLine(line));
    }
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error(`${this.options.name} has no pid`);
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The last lines the process wrote, for error messages. */
  lastLines(count = 20): string {
    return this.tail.slice(-count).join('\n');
  }

  /** Resolves with the first line (from now on) matching `pattern`. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<string> {
    return withDeadline(
      new Promise<string>((resolve) => this.waiters.push({ pattern, resolve })),
      timeoutMs,
      () => `${this.options.name} did not log ${pattern} within ${timeoutMs} ms; last lines:\n${this.lastLines()}`,
      this.exited.then(({ code, signal }) => `${this.options.name} exited (${signal ?? code}) before logging ${pattern}:\n${this.lastLines()}`),
    );
  }

  /** Polls `probe` until it answers truthy, failing early if the process dies. */
  async waitUntil(probe: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`${this.options.name} exited before ${what}:\n${this.lastLines()}`);
      if (await probe().catch(() => false)) return;
      await sleep(100);
    }
    throw new Error(`${this.options.name}: timed out waiting for ${what}; last lines:\n${this.lastLines()}`);
  }

  /** Resident set size now, and the high-water mark, from /proc (Linux). */
  memory(): { rssMb: number; peakRssMb: number } {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
  }

  /** Graceful stop (Nest shutdown hooks run); SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    await this.signalAndWait('SIGTERM', graceMs);
  }

  /** Stops with a normal process exit so a --cpu-prof profile is written. */
  async stopForProfile(graceMs = 20_000): Promise<void> {
    await this.signalAndWait('SIGUSR2', graceMs);
  }

  /** kill -9: no shutdown hook, no flush, nothing. */
  async kill9(): Promise<void> {
    if (this.running) this.child.kill('SIGKILL');
    await this.exited;
    this.log.end();
  }

  private async signalAndWait(signal: NodeJS.Signals, graceMs: number): Promise<void> {
    if (this.running) {
      this.child.kill(signal);
      const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
      await this.exited;
      clearTimeout(timer);
    }
    this.log.end();
  }

  private onLine(line: string): void {
    this.tail.push(line);
    if (this.tail.length > 200) this.tail.shift();
    this.options.onLine?.(line);
    for (let i = this.waiters.length - 1; i >= 0; i -= 1) {
      if (this.waiters[i].pattern.test(line)) {
        this.waiters[i].resolve(line);
        this.waiters.splice(i, 1);
      }
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function withDeadline<T>(promise: Promise<T>, ms: number, timeoutMessage: () => string, failure?: Promise<string>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(timeoutMessage())), ms);
  });
  const early = failure ? failure.then((message) => Promise.reject(new Error(message))) : new Promise<never>(() => undefined);
  try {
    return await Promise.race([promise, timeout, early]);
  } finally {
    clearTimeout(timer);
  }
}
