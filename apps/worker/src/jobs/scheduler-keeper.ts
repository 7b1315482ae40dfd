import { Logger } from '@nestjs/common';

/**
 * Job schedulers live in Redis. If Redis loses its data (a wipe, a restart without
 * persistence) they vanish with it, and so would the re-drive that recovers everything
 * else. Upserting them is idempotent, so each worker simply re-asserts them on a timer.
 */
export class SchedulerKeeper {
  private timer: NodeJS.Timeout | undefined;
  private readonly logger = new Logger(SchedulerKeeper.name);

  constructor(
    private readonly ensure: () => Promise<void>,
    private readonly everyMs: number,
  ) {}

  async start(): Promise<void> {
    await this.ensure();
    this.timer = setInterval(() => {
      this.ensure().catch((error: unknown) => this.logger.warn({ reason: (error as Error).message }, 'could not re-assert job schedulers'));
    }, this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
