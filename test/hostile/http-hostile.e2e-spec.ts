import { randomUUID } from 'node:crypto';
import { ApiClient, ApiResponse } from '../support/api-client';
import { complaintRecord, createOrganisation, CreatedOrganisation, submitComplaints } from '../support/fixtures';
import { TestStack } from '../support/test-stack';
import { deeplyNestedJson } from './arbitraries';

/*
 * Hostile clients over real HTTP (issue 6, "Hostile input"): one organisation's key trying to
 * read, write or count another's records through every endpoint, and bodies built to break
 * the parser. Every refusal must come in the error envelope, never as a 5xx.
 */

type Envelope = { statusCode: number; error: string; message: string; details: Array<{ field: string; message: string; index?: number }> };
type BatchAnswer = { accepted: Array<{ index: number; id: string }>; rejected: Array<{ index: number; details: Array<{ field: string }> }> };

function expectEnvelope(response: ApiResponse<unknown>, status: number): Envelope {
  expect(response.status).toBe(status);
  const body = response.body as Envelope;
  expect(body).toEqual({ statusCode: status, error: expect.any(String), message: expect.any(String), details: expect.any(Array) });
  return body;
}

describe('hostile clients over HTTP (real PostgreSQL and Redis)', () => {
  const stack = new TestStack({ env: { BODY_LIMIT_BYTES: String(4 * 1024 * 1024) } });
  let api: ApiClient;
  let a: CreatedOrganisation;
  let b: CreatedOrganisation;
  let ombudsman: CreatedOrganisation;
  let aComplaint: { id: string; reference: string };
  let bComplaint: { id: string; reference: string };

  const raw = (method: string, path: string, init: { token?: string; body?: string; contentType?: string } = {}) =>
    fetch(`${stack.baseUrl}${path}`, {
      method,
      headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.contentType ? { 'content-type': init.contentType } : {}) },
      body: init.body,
    }).then(async (response) => {
      const text = await response.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      return { status: response.status, body, headers: response.headers } as ApiResponse<unknown>;
    });

  beforeAll(async () => {
    await stack.start({ ingest: true, worker: false });
    api = new ApiClient(stack.baseUrl);
    a = await createOrganisation(api, stack.config.adminToken, { name: 'Riverside NHS Trust', sector: 'health' });
    b = await createOrganisation(api, stack.config.adminToken, { name: 'Northgate NHS Trust', sector: 'health' });
    ombudsman = await createOrganisation(api, stack.config.adminToken, { name: 'The Ombudsman', kind: 'ombudsman', sector: 'health' });
    const aRecord = complaintRecord();
    const bRecord = complaintRecord();
    const [aId] = await submitComplaints(api, a.apiKey, [aRecord]);
    const [bId] = await submitComplaints(api, b.apiKey, [bRecord]);
    aComplaint = { id: aId, reference: aRecord.reference as string };
    bComplaint = { id: bId, reference: bRecord.reference as string };
  });

  afterAll(() => stack.stop());

  describe("one body's key against another body's records", () => {
    it("cannot read another body's complaint, and the answer is the same as for an id that does not exist", async () => {
      const other = await api.get(`/v1/complaints/${bComplaint.id}`, { token: a.apiKey });
      const missing = await api.get(`/v1/complaints/${randomUUID()}`, { token: a.apiKey });
      expectEnvelope(other, 404);
      expect(other.body).toEqual(missing.body);
      expect((await api.get(`/v1/complaints/${bComplaint.id}`, { token: b.apiKey })).status).toBe(200);
      expect((await api.get(`/v1/complaints/${bComplaint.id}`, { token: ombudsman.apiKey })).status).toBe(200);
    });

    it("cannot overwrite another body's record by reusing its reference", async () => {
      const { rows: before } = await stack.db.query('SELECT version, content_hash, organisation_id FROM complaint WHERE id = $1', [bComplaint.id]);
      const answer = await api.post<{ id: string }>('/v1/complaints', { token: a.apiKey, body: complaintRecord({ reference: bComplaint.reference, outcome: 'not-upheld' }) });
      expect(answer.status).toBe(202);
      expect(answer.body.id).not.toBe(bComplaint.id);
      const { rows: after } = await stack.db.query('SELECT version, content_hash, organisation_id FROM complaint WHERE id = $1', [bComplaint.id]);
      expect(after).toEqual(before);
      const { rows: mine } = await stack.db.query('SELECT organisation_id FROM complaint WHERE id = $1', [answer.body.id]);
      expect(mine[0].organisation_id).toBe(a.id);
    });

    it("cannot merge, unmerge or link another body's complaints", async () => {
      const missing = await api.post(`/v1/complaints/${randomUUID()}/merge`, { token: a.apiKey, body: { into: aComplaint.id } });
      expectEnvelope(missing, 404);
      const theirs = await api.post(`/v1/complaints/${bComplaint.id}/merge`, { token: a.apiKey, body: { into: aComplaint.id } });
      expect(theirs.status).toBe(404);
      expect(theirs.body).toEqual(missing.body);
      expect((await api.post(`/v1/complaints/${aComplaint.id}/merge`, { token: a.apiKey, body: { into: bComplaint.id } })).status).toBe(404);
      expect((await api.post(`/v1/complaints/${bComplaint.id}/unmerge`, { token: a.apiKey })).status).toBe(404);
      const { rows } = await stack.db.query('SELECT status, duplicate_of FROM complaint WHERE id = ANY($1)', [[aComplaint.id, bComplaint.id]]);
      expect(rows.every((row) => row.duplicate_of === null)).toBe(true);
    });

    it("cannot add contacts to another body, and the answer is the same as for a body that does not exist", async () => {
      const contact = { name: 'Mallory', email: 'mallory@evil.example', digest: 'daily' };
      const other = await api.post(`/v1/organisations/${b.id}/contacts`, { token: a.apiKey, body: contact });
      const missing = await api.post(`/v1/organisations/${randomUUID()}/contacts`, { token: a.apiKey, body: contact });
      expectEnvelope(other, 404);
      expect(other.body).toEqual(missing.body);
      const { rows } = await stack.db.query('SELECT count(*)::int AS n FROM contact WHERE organisation_id = $1', [b.id]);
      expect(rows[0].n).toBe(0);
    });

    it("cannot count another body's records through the learning endpoints", async () => {
      const other = await api.get(`/v1/learning/themes?organisationId=${b.id}`, { token: a.apiKey });
      const missing = await api.get(`/v1/learning/themes?organisationId=${randomUUID()}`, { token: a.apiKey });
      expectEnvelope(other, 404);
      expect(other.body).toEqual(missing.body);
      // Repeating the parameter must not smuggle the other id past the check.
      const repeated = await api.get(`/v1/learning/themes?organisationId=${a.id}&organisationId=${b.id}`, { token: a.apiKey });
      expect(repeated.status).toBe(400);
      // Without the parameter a body sees exactly what the Ombudsman sees for that body.
      const own = await api.get('/v1/learning/themes', { token: a.apiKey });
      const asOmbudsman = await api.get(`/v1/learning/themes?organisationId=${a.id}`, { token: ombudsman.apiKey });
      expect(own.status).toBe(200);
      expect(own.body).toEqual(asOmbudsman.body);
      expectEnvelope(await api.get('/v1/learning/summary', { token: a.apiKey }), 403);
      expect((await api.get('/v1/learning/summary', { token: ombudsman.apiKey })).status).not.toBe(403);
    });

    // Regression guard (a bug once): learning_refresh_state.watermark starts as '-infinity', which node-pg
    // returns as the number -Infinity, not a Date; LearningQueryService.summary calls
    // watermark.getTime() → 500 until the worker's first learning refresh.
    it('answers the Ombudsman summary before the first learning refresh', async () => {
      expect((await api.get('/v1/learning/summary', { token: ombudsman.apiKey })).status).toBe(200);
    });

    it('cannot reach admin endpoints with an organisation key', async () => {
      expectEnvelope(await api.post('/v1/organisations', { token: a.apiKey, body: { name: 'x', kind: 'ombudsman', sector: 'health' } }), 403);
      expectEnvelope(await api.post('/v1/digests/run', { token: a.apiKey, body: { frequency: 'daily' } }), 403);
      expectEnvelope(await api.get('/v1/routing-rules', { token: a.apiKey }), 403);
      expectEnvelope(await api.post('/v1/routing-rules', { token: ombudsman.apiKey, body: { name: 'x', target: { kind: 'ombudsman' }, mode: 'immediate' } }), 403);
      expectEnvelope(await api.request('DELETE', `/v1/routing-rules/${randomUUID()}`, { token: a.apiKey }), 403);
    });

    it('refuses forged unsubscribe tokens', async () => {
      for (const token of ['', 'x', Buffer.from(randomUUID()).toString('base64url'), `${randomUUID()}.${'a'.repeat(43)}`, '%00', '../../etc/passwd']) {
        const response = await raw('GET', `/v1/unsubscribe?token=${encodeURIComponent(token)}`);
        expect([400, 404]).toContain(response.status);
      }
    });

    it('leaks no organisation ids, references or names through /metrics or /health', async () => {
      const metrics = await api.get<string>('/metrics');
      const health = await api.get('/health');
      for (const secret of [a.id, b.id, aComplaint.reference, bComplaint.reference, 'Riverside', a.apiKey]) {
        expect(String(metrics.body)).not.toContain(secret);
        expect(JSON.stringify(health.body)).not.toContain(secret);
      }
    });

    it('answers 401 for keys that are almost right', async () => {
      for (const token of [`${a.apiKey}x`, a.apiKey.slice(0, -1), a.apiKey.toUpperCase(), `${a.apiKey} ${b.apiKey}`]) {
        const response = await raw('GET', `/v1/complaints/${aComplaint.id}`, { token });
        expect(response.status).toBe(401);
      }
      expect((await raw('GET', `/v1/complaints/${aComplaint.id}`, { token: stack.config.adminToken })).status).toBe(403);
    });
  });

  describe('bodies built to break the parser', () => {
    it('answers malformed JSON, wrong types and wrong media types with the error envelope', async () => {
      for (const body of ['{', '{"reference": }', '{"a":1}}', '\u0000', '{"a":"\\ud800"', 'nul', '']) {
        const response = await raw('POST', '/v1/complaints', { token: a.apiKey, body, contentType: 'application/json' });
        expectEnvelope(response, 400);
      }
      for (const body of ['null', '[]', '1', '"text"', 'true']) {
        const single = expectEnvelope(await raw('POST', '/v1/complaints', { token: a.apiKey, body, contentType: 'application/json' }), 400);
        expect(single.details.length).toBeGreaterThan(0);
        const batch = expectEnvelope(await raw('POST', '/v1/complaints/batch', { token: a.apiKey, body, contentType: 'application/json' }), 400);
        expect(batch.details.map((d) => d.field)).toContain('items');
      }
      expectEnvelope(await raw('POST', '/v1/complaints', { token: a.apiKey, body: '<complaint/>', contentType: 'application/xml' }), 415);
      // A form body is parsed, then refused by validation like any other non-record.
      expectEnvelope(await raw('POST', '/v1/complaints', { token: a.apiKey, body: 'reference=x', contentType: 'application/x-www-form-urlencoded' }), 400);
      expectEnvelope(await raw('POST', '/v1/complaints/csv', { token: a.apiKey, body: JSON.stringify(complaintRecord()), contentType: 'application/json' }), 415);
    });

    it('refuses prototype-poisoning keys without polluting anything', async () => {
      for (const body of ['{"__proto__": {"admin": true}}', '{"constructor": {"prototype": {"admin": true}}}']) {
        const response = await raw('POST', '/v1/complaints', { token: a.apiKey, body, contentType: 'application/json' });
        expect(response.status).toBe(400);
      }
      const batch = await raw('POST', '/v1/complaints/batch', { token: a.apiKey, body: `{"items": [${JSON.stringify(complaintRecord())}], "__proto__": {"x": 1}}`, contentType: 'application/json' });
      expect(batch.status).toBe(400);
      expect(({} as Record<string, unknown>).admin).toBeUndefined();
    });

    it('refuses NUL in text and an over-long summary, naming the field; keeps other items of a batch', async () => {
      const nul = await api.post<Envelope>('/v1/complaints', { token: a.apiKey, body: complaintRecord({ summary: `A long enough summary with a NUL \u0000 inside it` }) });
      expect(expectEnvelope(nul, 400).details.map((d) => d.field)).toEqual(['summary']);
      const items = [complaintRecord(), complaintRecord({ summary: 'x'.repeat(20_001) }), complaintRecord({ reference: 'R\u0000' }), complaintRecord()];
      const batch = await api.post<BatchAnswer>('/v1/complaints/batch', { token: a.apiKey, body: { items } });
      expect(batch.status).toBe(202);
      expect(batch.body.accepted.map((x) => x.index)).toEqual([0, 3]);
      expect(batch.body.rejected.map((r) => [r.index, r.details[0].field])).toEqual([
        [1, 'summary'],
        [2, 'reference'],
      ]);
    });

    it('accepts lone surrogates and control characters in free text as data, without a 5xx', async () => {
      const summary = `Control \u0007 bell, \u001b escape, lone \ud800 surrogate and \u202e bidi override in a complaint`;
      const answer = await api.post<{ id: string }>('/v1/complaints', { token: a.apiKey, body: complaintRecord({ summary }) });
      expect(answer.status).toBe(202);
      const { rows } = await stack.db.query('SELECT summary FROM complaint WHERE id = $1', [answer.body.id]);
      // PostgreSQL stores UTF-8: the lone surrogate becomes U+FFFD, everything else is kept.
      expect(rows[0].summary).toBe(summary.replace('\ud800', '\ufffd'));
    });

    it('stores CSV-injection cells as data, byte for byte', async () => {
      const cells = ["=cmd|' /C calc'!A0", '+SUM(1+1)', '-2+3', '@SUM(1)', '=HYPERLINK("http://evil.example","x")'];
      const header = 'reference,receivedAt,serviceArea,summary,outcome,learning';
      const lines = cells.map((cell, i) => `INJ-${i}-${Date.now()},2026-09-01,"${cell.replace(/"/g, '""')}","${cell.replace(/"/g, '""')} and then the rest of a long enough summary",upheld,"${cell.replace(/"/g, '""')}"`);
      const answer = await api.post<BatchAnswer>('/v1/complaints/csv', { token: a.apiKey, rawBody: `${header}\r\n${lines.join('\r\n')}\r\n`, contentType: 'text/csv' });
      expect(answer.status).toBe(202);
      expect(answer.body.accepted).toHaveLength(cells.length);
      const { rows } = await stack.db.query('SELECT service_area, summary, learning FROM complaint WHERE id = ANY($1) ORDER BY reference', [answer.body.accepted.map((x) => x.id)]);
      rows.forEach((row, i) => {
        expect(row.service_area).toBe(cells[i]);
        expect(row.summary.startsWith(cells[i])).toBe(true);
        expect(row.learning).toBe(cells[i]);
      });
    });

    it('refuses CR/LF header injection in organisation names, contact names and emails', async () => {
      const admin = stack.config.adminToken;
      const org = await api.post<Envelope>('/v1/organisations', { token: admin, body: { name: 'Trust\r\nBcc: victim@evil.example', kind: 'public-body', sector: 'health' } });
      expect(expectEnvelope(org, 400).details.map((d) => d.field)).toContain('name');
      for (const [field, value] of [
        ['name', 'Sam\r\nBcc: victim@evil.example'],
        ['email', 'sam@example.org\r\nBcc: victim@evil.example'],
        ['email', '"sam\r\nBcc: victim@evil.example"@example.org'],
      ]) {
        const contact = await api.post<Envelope>(`/v1/organisations/${a.id}/contacts`, { token: admin, body: { name: 'Sam', email: 'sam@example.org', digest: 'weekly', [field]: value } });
        expect(expectEnvelope(contact, 400).details.map((d) => d.field)).toContain(field);
      }
    });

    it('answers a batch of 1,001 items, an empty batch and unknown top-level keys with 400 naming the problem', async () => {
      const tooMany = await api.post<Envelope>('/v1/complaints/batch', { token: a.apiKey, body: { items: Array.from({ length: 1001 }, () => ({})) } });
      expect(expectEnvelope(tooMany, 400).details.map((d) => d.field)).toEqual(['items']);
      expect(expectEnvelope(await api.post('/v1/complaints/batch', { token: a.apiKey, body: { items: [] } }), 400).details.map((d) => d.field)).toEqual(['items']);
      const extra = await api.post<Envelope>('/v1/complaints/batch', { token: a.apiKey, body: { items: [complaintRecord()], organisationId: b.id } });
      expect(expectEnvelope(extra, 400).details.map((d) => d.field)).toEqual(['organisationId']);
    });

    it('answers moderately nested JSON (200 levels) with a 400 naming the field', async () => {
      const body = `${JSON.stringify(complaintRecord()).slice(0, -1)},"extra":${deeplyNestedJson(200)}}`;
      const response = await raw('POST', '/v1/complaints', { token: a.apiKey, body, contentType: 'application/json' });
      expect(expectEnvelope(response, 400).details.map((d) => d.field)).toContain('extra');
    });

    // Regression guard (a bug once): plainToInstance recurses into every value; 10,000 levels of
    // nesting (about 20 KB of JSON) throw RangeError inside validation → 500, and one such item
    // makes the whole batch fail. Expected: 400 for the single endpoint, the other items accepted.
    it('answers deeply nested JSON (10,000 levels) with 400, and keeps the other items of a batch', async () => {
      const deep = `${JSON.stringify(complaintRecord()).slice(0, -1)},"extra":${deeplyNestedJson(10_000)}}`;
      const single = await raw('POST', '/v1/complaints', { token: a.apiKey, body: deep, contentType: 'application/json' });
      expect(single.status).toBe(400);
      const batch = await raw('POST', '/v1/complaints/batch', { token: a.apiKey, body: `{"items":[${JSON.stringify(complaintRecord())},${deep}]}`, contentType: 'application/json' });
      expect(batch.status).toBe(202);
      expect((batch.body as BatchAnswer).accepted.map((x) => x.index)).toEqual([0]);
    });

    // Regression guard (a bug once): ISO 8601 week dates and the basic format pass
    // IsISO8601({strict}) but are Invalid Dates in JavaScript; contentFingerprint then throws → 500.
    it('answers an ISO week date or basic-format date with 400 naming receivedAt, and keeps the other items', async () => {
      const single = await api.post<Envelope>('/v1/complaints', { token: a.apiKey, body: complaintRecord({ receivedAt: '2026-W01-1', closedAt: undefined }) });
      expect(single.status).toBe(400);
      const batch = await api.post<BatchAnswer>('/v1/complaints/batch', { token: a.apiKey, body: { items: [complaintRecord(), complaintRecord({ receivedAt: '20260101', closedAt: undefined })] } });
      expect(batch.status).toBe(202);
      expect(batch.body.accepted.map((x) => x.index)).toEqual([0]);
    });

    it('never answers a path trick with anything but 404', async () => {
      for (const path of [`/v1/complaints/..%2F..%2Fhealth`, `/v1/complaints/${bComplaint.id}%00`, `/v1/complaints/${bComplaint.id.toUpperCase()}x`, '/v1/complaints/%E0%A4%A']) {
        const response = await raw('GET', path, { token: a.apiKey });
        expect([400, 404]).toContain(response.status);
        expect(JSON.stringify(response.body)).not.toContain(bComplaint.reference);
      }
    });
  });
});
