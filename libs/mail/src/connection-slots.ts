import { Semaphore } from 'async-mutex';

/** A held slot; `release()` may be called more than once. */
export interface Slot {
  release(): void;
}

/**
 * One slot per SMTP connection, first come first served (async-mutex's Semaphore): the mail
 * sender claims an email only when a connection is free to take it at once (see
 * MailSender.reserveConnection).
 */
export class ConnectionSlots {
  private readonly semaphore: Semaphore;

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new Error('slot count must be a positive integer');
    this.semaphore = new Semaphore(size);
  }

  get available(): number {
    return Math.max(0, this.semaphore.getValue());
  }

  async acquire(): Promise<Slot> {
    const [, releaseSemaphore] = await this.semaphore.acquire();
    // A slot given back twice must not free a second connection.
    let held = true;
    return {
      release: () => {
        if (!held) return;
        held = false;
        releaseSemaphore();
      },
    };
  }
}
