import type { ComplaintSubmission } from '@app/domain';

/** An organisation as the seeders create it: the fields of `POST /v1/organisations`. */
export interface SeedOrganisation {
  name: string;
  kind: 'public-body' | 'ombudsman';
  sector: string;
  type?: string;
  region?: string;
}

/** A contact as the seeders add it: the fields of `POST /v1/organisations/:id/contacts`. */
export interface SeedContact {
  name: string;
  email: string;
  serviceAreas?: string[];
  themes?: string[];
  digest: 'daily' | 'weekly' | 'none';
}

export interface ListedOrganisation {
  id: string;
  name: string;
  kind: string;
}

interface ApiErrorBody {
  message?: string;
  details?: Array<{ field?: string; message?: string }>;
}

/** At most this many records per `POST /v1/complaints/batch` (the API's own limit is 1,000). */
export const SEED_BATCH_SIZE = 500;

/**
 * The seeders speak to ingest over HTTP exactly as a public body and the operator would, so
 * sample records are validated, stored, queued and processed like real ones. Errors name the
 * request and the API's message, never a record's text.
 */
export class IngestApiClient {
  private readonly baseUrl: string;

  constructor(baseUrl: string, private readonly adminToken: string) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  /** True once ingest answers `/health` with 200 (PostgreSQL and Redis both up). */
  async healthy(): Promise<boolean> {
    try {
      const response = await fetch(`${this.baseUrl}/health`, { signal: AbortSignal.timeout(3000) });
      await response.arrayBuffer();
      return response.ok;
    } catch {
      return false;
    }
  }

  /** Every organisation, all pages (admin). */
  async listOrganisations(limit?: number): Promise<ListedOrganisation[]> {
    const all: ListedOrganisation[] = [];
    let cursor: string | null = null;
    do {
      const query = new URLSearchParams({ limit: String(limit ?? 100) });
      if (cursor) query.set('cursor', cursor);
      const page = await this.call<{ items: ListedOrganisation[]; nextCursor: string | null }>('GET', `/v1/organisations?${query}`, this.adminToken);
      all.push(...page.items);
      cursor = limit === undefined ? page.nextCursor : null;
    } while (cursor);
    return all;
  }

  /** Whether any organisation exists at all (suspended ones count). */
  async anyOrganisation(): Promise<boolean> {
    return (await this.listOrganisations(1)).length > 0;
  }

  async createOrganisation(organisation: SeedOrganisation): Promise<{ id: string; apiKey: string }> {
    return this.call('POST', '/v1/organisations', this.adminToken, organisation);
  }

  /** `exists` when the organisation already has a contact with this email (409). */
  async addContact(organisationId: string, contact: SeedContact): Promise<'added' | 'exists'> {
    const response = await this.send('POST', `/v1/organisations/${organisationId}/contacts`, this.adminToken, contact);
    if (response.status === 409) return 'exists';
    await this.expectOk(response, 'POST /v1/organisations/:id/contacts');
    return 'added';
  }

  async issueKey(organisationId: string): Promise<{ id: string; apiKey: string }> {
    return this.call('POST', `/v1/organisations/${organisationId}/api-keys`, this.adminToken);
  }

  async revokeKey(organisationId: string, keyId: string): Promise<void> {
    const response = await this.send('DELETE', `/v1/organisations/${organisationId}/api-keys/${keyId}`, this.adminToken);
    await this.expectOk(response, 'DELETE /v1/organisations/:id/api-keys/:keyId');
  }

  /** Ids in the order of `records`, in batches; any rejected record is an error (seed data must be valid). */
  async submitComplaints(apiKey: string, records: readonly ComplaintSubmission[], onBatch?: (sent: number) => void): Promise<string[]> {
    const ids: string[] = [];
    for (let start = 0; start < records.length; start += SEED_BATCH_SIZE) {
      const items = records.slice(start, start + SEED_BATCH_SIZE);
      const answer = await this.call<{ accepted: Array<{ index: number; id: string }>; rejected: Array<{ index: number; details: ApiErrorBody['details'] }> }>(
        'POST',
        '/v1/complaints/batch',
        apiKey,
        { items },
      );
      if (answer.rejected.length > 0) {
        const first = answer.rejected[0];
        const detail = first.details?.[0];
        throw new Error(`POST /v1/complaints/batch rejected ${answer.rejected.length} record(s), e.g. ${items[first.index]?.reference}: ${detail?.field ?? '?'} ${detail?.message ?? ''}`.trim());
      }
      for (const accepted of [...answer.accepted].sort((a, b) => a.index - b.index)) ids.push(accepted.id);
      onBatch?.(items.length);
    }
    return ids;
  }

  private async call<T>(method: string, path: string, token: string, body?: unknown): Promise<T> {
    const response = await this.send(method, path, token, body);
    await this.expectOk(response, `${method} ${path.replace(/\?.*$/, '')}`);
    return (await response.json()) as T;
  }

  private send(method: string, path: string, token: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    return fetch(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(60_000) });
  }

  private async expectOk(response: Response, what: string): Promise<void> {
    if (response.ok) return;
    const text = await response.text();
    let message = text.slice(0, 200);
    try {
      const parsed = JSON.parse(text) as ApiErrorBody;
      const detail = parsed.details?.[0];
      message = `${parsed.message ?? ''}${detail ? ` (${detail.field}: ${detail.message})` : ''}`;
    } catch {
      // Not JSON (a proxy's page): the start of it is the best we have.
    }
    throw new Error(`${what} answered ${response.status}: ${message}`);
  }
}
