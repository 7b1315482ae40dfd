/**
 * Everything this process prints while a test runs: process.stdout/stderr writes and every
 * console method (TypeORM's console logger, Node's warnings). pino writes to its own file
 * descriptor, so tests point it at a file (LOG_FILE) and read that too.
 */
export class OutputCapture {
  private readonly chunks: string[] = [];
  private readonly restores: Array<() => void> = [];

  start(): this {
    for (const stream of [process.stdout, process.stderr]) {
      const original = stream.write.bind(stream);
      stream.write = ((chunk: unknown, ...rest: unknown[]) => {
        this.chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
        return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write;
      this.restores.push(() => (stream.write = original as typeof stream.write));
    }
    for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
      const original = console[method];
      console[method] = (...args: unknown[]) => {
        this.chunks.push(args.map((arg) => (arg instanceof Error ? `${arg.stack} ${JSON.stringify(arg)}` : typeof arg === 'string' ? arg : safeJson(arg))).join(' '));
      };
      this.restores.push(() => (console[method] = original));
    }
    return this;
  }

  stop(): void {
    for (const restore of this.restores.splice(0).reverse()) restore();
  }

  text(): string {
    return this.chunks.join('\n');
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
