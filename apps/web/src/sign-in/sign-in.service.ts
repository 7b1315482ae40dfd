import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig, safeErrorReason } from '@app/config';
import { MailSender } from '@app/mail';
import { AuditRepository, ContactRepository, type SignInContactRow } from '@app/persistence';
import type { Viewer } from '../session/web-session';
import { SignInLinks } from './sign-in-links';
import { SignInLimits } from './sign-in-limits';
import { signInMail } from './sign-in-mail';

/** How long a contact with several organisations has to pick one after following the link. */
const CHOICE_MS = 10 * 60_000;

export type ContinueOutcome =
  | { kind: 'invalid' }
  | { kind: 'signed-in'; viewer: Viewer; next?: string }
  | { kind: 'choose'; contactIds: string[]; next?: string; until: number };

/**
 * Passwordless sign-in. Asking for a link answers at once and does the work afterwards, so
 * the answer and its timing are the same whether or not the address is registered.
 */
@Injectable()
export class SignInService {
  private readonly logger = new Logger(SignInService.name);
  private readonly pending = new Set<Promise<void>>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly contacts: ContactRepository,
    private readonly audit: AuditRepository,
    private readonly links: SignInLinks,
    private readonly limits: SignInLimits,
    private readonly mail: MailSender,
  ) {}

  /** Starts sending a link to `email` if it belongs to a contact who may sign in; never says whether it does. */
  requestLink(email: string, ip: string, next: string | undefined): void {
    const work = this.sendLink(email, ip, next)
      .catch((error: unknown) => this.logger.warn(`sign-in link not sent: ${safeErrorReason(error)}`))
      .finally(() => this.pending.delete(work));
    this.pending.add(work);
  }

  /** Resolves when every link asked for so far has been sent or dropped (tests wait on this). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private async sendLink(email: string, ip: string, next: string | undefined): Promise<void> {
    if (!(await this.limits.allow(ip, email))) return;
    const found = await this.contacts.findForSignIn(email);
    if (found.length === 0) return;
    const token = await this.links.issue({ email, next });
    const link = `${this.config.web.publicUrl}/sign-in/continue?token=${token}`;
    await this.mail.send(signInMail({ to: { name: found[0].name, address: email }, link, minutes: this.linkMinutes, domain: this.mail.domain }));
  }

  /** How long a link works, in whole minutes (at least 1), for the pages that say so. */
  get linkMinutes(): number {
    return Math.max(1, Math.round(this.config.web.signInLinkSeconds / 60));
  }

  linkIsLive(token: string): Promise<boolean> {
    return this.links.peek(token);
  }

  /** Uses the token up; signs in directly when the address has one organisation, else offers a choice. */
  async continueWith(token: string): Promise<ContinueOutcome> {
    const link = await this.links.consume(token);
    if (!link) return { kind: 'invalid' };
    const found = await this.contacts.findForSignIn(link.email);
    if (found.length === 0) return { kind: 'invalid' };
    if (found.length === 1) return { kind: 'signed-in', viewer: await this.signedIn(found[0]), next: link.next };
    return { kind: 'choose', contactIds: found.map((row) => row.contactId), next: link.next, until: Date.now() + CHOICE_MS };
  }

  /** The organisations offered by a pending choice, still signable-in (a suspension in between removes one). */
  async choices(contactIds: string[]): Promise<SignInContactRow[]> {
    const rows = await Promise.all(contactIds.map((id) => this.contacts.findSignInContact(id)));
    return rows.filter((row): row is SignInContactRow => row !== undefined);
  }

  async choose(contactIds: string[], chosen: string): Promise<Viewer | undefined> {
    if (!contactIds.includes(chosen)) return undefined;
    const row = await this.contacts.findSignInContact(chosen);
    return row ? this.signedIn(row) : undefined;
  }

  /** Constant-time comparison of SHA-256 digests: neither the length nor a prefix of the token leaks. */
  async operator(token: string, ip: string): Promise<Viewer | undefined> {
    if (!(await this.limits.allow(ip))) return undefined;
    const given = createHash('sha256').update(token).digest();
    const expected = createHash('sha256').update(this.config.adminToken).digest();
    if (!timingSafeEqual(given, expected)) return undefined;
    await this.audit.record({ actor: { kind: 'admin' }, action: 'web.sign-in', subjectType: 'operator', detail: { role: 'operator' } });
    return { role: 'operator', name: 'Operator' };
  }

  private async signedIn(row: SignInContactRow): Promise<Viewer> {
    const role = row.organisationKind === 'ombudsman' ? 'ombudsman' : 'body';
    await this.audit.record({
      actor: { kind: 'contact', id: row.contactId },
      action: 'web.sign-in',
      subjectType: 'contact',
      subjectId: row.contactId,
      organisationId: row.organisationId,
      detail: { role },
    });
    return { role, name: row.name, organisationId: row.organisationId, organisationName: row.organisationName, contactId: row.contactId, checkedAt: Date.now() };
  }
}
