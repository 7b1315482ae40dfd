/** A held slot; `release()` may be called more than once. */
export interface Slot {
  release(): void;
}

/**
 * A counting semaphore, first come first served. The mail sender hands out one slot per SMTP
 * connection so an email is claimed only when a connection is free to take it at once (see
 * MailSender.reserveConnection).
 */
export class ConnectionSlots {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new Error('slot count must be a positive integer');
    this.free = size;
  }

  /** How many callers wait for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  get available(): number {
    return this.free;
  }

  async acquire(): Promise<Slot> {
    if (this.free > 0) this.free -= 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let held = true;
    return {
      release: () => {
        if (!held) return;
        held = false;
        this.handOn();
      },
    };
  }

  /** A released slot goes straight to the next waiter, so a newcomer cannot overtake it. */
  private handOn(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free += 1;
  }
}
