import { connect } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigError, loadConfig, parseTrustProxy } from '@app/config';
import { createIngestApp } from '../apps/ingest/src/ingest.app';
import { ApiClient } from './support/api-client';
import { complaintRecord, createOrganisation, CreatedOrganisation } from './support/fixtures';
import { TestStack } from './support/test-stack';

/*
 * "Unauthenticated requests are expensive" (data-protection issue, item 11): a body over its
 * endpoint's limit is refused from its declared length before a byte of it is read, a CSV
 * upload is capped in rows and row size while it is parsed, and X-Forwarded-For is believed
 * only from the proxies TRUST_PROXY names.
 */
const BODY_LIMIT = 4 * 1024 * 1024;
const CSV_HEADER = 'reference,receivedAt,serviceArea,summary,outcome';

interface RawAnswer {
  head: string;
  ms: number;
}

/** Sends only the request head (and `body`, if any) over a socket and waits for the status line. */
function rawRequest(baseUrl: string, head: string, body = ''): Promise<RawAnswer> {
  const url = new URL(baseUrl);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => socket.write(`${head}\r\n\r\n${body}`));
    let received = '';
    socket.setTimeout(5_000, () => {
      socket.destroy();
      resolve({ head: `(no answer within 5 s) ${received}`, ms: performance.now() - started });
    });
    socket.on('data', (chunk) => {
      received += chunk.toString('utf8');
      if (received.includes('\r\n\r\n')) {
        socket.destroy();
        resolve({ head: received, ms: performance.now() - started });
      }
    });
    socket.on('error', reject);
  });
}

const postHead = (path: string, length: number, extra = '') =>
  `POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${length}${extra}`;

describe('cheap refusal of oversized and untrusted requests (real PostgreSQL and Redis)', () => {
  const stack = new TestStack({ env: { BODY_LIMIT_BYTES: String(BODY_LIMIT) } });
  let api: ApiClient;
  let body: CreatedOrganisation;

  beforeAll(async () => {
    await stack.start({ ingest: true, worker: false });
    api = new ApiClient(stack.baseUrl);
    body = await createOrganisation(api, stack.config.adminToken);
  });
  afterAll(() => stack.stop());

  describe('body size, from Content-Length, before reading or authenticating', () => {
    it('answers 413 at once to a single-record POST declaring more than the single-record limit', async () => {
      const answer = await rawRequest(stack.baseUrl, postHead('/v1/complaints', 2 * 1024 * 1024));
      expect(answer.head).toMatch(/^HTTP\/1\.1 413 /);
      expect(answer.head.toLowerCase()).toContain('connection: close');
      expect(answer.ms).toBeLessThan(1_000);
    });

    it('answers 413 at once to a batch declaring more than BODY_LIMIT_BYTES, in the error envelope', async () => {
      const answer = await rawRequest(stack.baseUrl, postHead('/v1/complaints/batch', BODY_LIMIT + 1, '\r\nAuthorization: Bearer not-a-key'));
      expect(answer.head).toMatch(/^HTTP\/1\.1 413 /);
      expect(answer.ms).toBeLessThan(1_000);
      const response = await fetch(`${stack.baseUrl}/v1/complaints/batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(BODY_LIMIT + 1) });
      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({ statusCode: 413, error: 'Payload Too Large', message: expect.stringContaining(`${BODY_LIMIT} bytes`), details: [] });
    });

    it('cuts off a chunked single-record body as soon as it passes the limit', async () => {
      const chunk = 'x'.repeat(64 * 1024);
      const chunks = Array.from({ length: 20 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`).join('');
      const head = `POST /v1/complaints HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${body.apiKey}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked`;
      const answer = await rawRequest(stack.baseUrl, head, chunks);
      expect(answer.head).toMatch(/^HTTP\/1\.1 413 /);
    });

    it('still accepts a batch well under the limit', async () => {
      const response = await api.post('/v1/complaints/batch', { token: body.apiKey, body: { items: Array.from({ length: 50 }, () => complaintRecord({ summary: 'y'.repeat(19_000) })) } });
      expect(response.status).toBe(202);
    });
  });

  describe('CSV limits, applied while parsing', () => {
    const upload = (text: string) => api.post('/v1/complaints/csv', { token: body.apiKey, rawBody: text, contentType: 'text/csv' });
    const rowOf = (i: number, summary = 'The repair was delayed for weeks and nobody called back.') => `R-${i},2026-10-01,Housing,"${summary}",upheld`;

    it('refuses 1,001 data rows, naming the 1,000-row limit, and accepts 1,000', async () => {
      const over = await upload([CSV_HEADER, ...Array.from({ length: 1001 }, (_, i) => rowOf(i))].join('\n'));
      expect(over.status).toBe(400);
      expect(over.body).toMatchObject({ details: [{ field: 'csv', message: 'at most 1000 data rows per upload' }] });
      const full = await upload([CSV_HEADER, ...Array.from({ length: 1000 }, (_, i) => rowOf(i))].join('\n'));
      expect(full.status).toBe(202);
      expect((full.body as { accepted: unknown[] }).accepted).toHaveLength(1000);
    });

    it('refuses a row over max_record_size, naming the limit', async () => {
      const response = await upload([CSV_HEADER, rowOf(1), rowOf(2, 'z'.repeat(300_000))].join('\n'));
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ details: [{ field: 'csv', message: 'a row is larger than the limit of 262144 bytes per row (line 3)' }] });
    });
  });

  describe('TRUST_PROXY', () => {
    /** The real ingest with one extra route that reports the address Fastify derived. */
    async function addressSeen(trustProxy: string | undefined): Promise<string> {
      const config = trustProxy === undefined ? stack.config : { ...stack.config, trustProxy: parseTrustProxy(trustProxy) };
      const app: NestFastifyApplication = await createIngestApp(config);
      app.getHttpAdapter().getInstance().get('/test-only/ip', async (request) => ({ ip: request.ip }));
      await app.listen(0, '127.0.0.1');
      try {
        const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
        const response = await fetch(`${url}/test-only/ip`, { headers: { 'x-forwarded-for': '198.51.100.7, 203.0.113.9' } });
        return ((await response.json()) as { ip: string }).ip;
      } finally {
        await app.close();
      }
    }

    it('ignores X-Forwarded-For by default', async () => {
      expect(stack.config.trustProxy).toBe(false);
      expect(await addressSeen(undefined)).toBe('127.0.0.1');
    });

    it('believes the given number of hops, or the listed proxy ranges only', async () => {
      expect(await addressSeen('1')).toBe('203.0.113.9');
      expect(await addressSeen('127.0.0.1/32')).toBe('203.0.113.9');
      expect(await addressSeen('10.0.0.0/8, 192.168.0.1')).toBe('127.0.0.1');
    });

    it('is validated once at start-up, naming the variable', () => {
      expect(loadConfig({ NODE_ENV: 'test', TRUST_PROXY: '2' }).trustProxy).toBe(2);
      expect(loadConfig({ NODE_ENV: 'test', TRUST_PROXY: 'off' }).trustProxy).toBe(false);
      expect(loadConfig({ NODE_ENV: 'test', TRUST_PROXY: '10.0.0.0/8, ::1' }).trustProxy).toEqual(['10.0.0.0/8', '::1']);
      for (const bad of ['true', '10.0.0.0/33', 'proxy.example', '999']) {
        expect(() => loadConfig({ NODE_ENV: 'test', TRUST_PROXY: bad })).toThrow(ConfigError);
        expect(() => loadConfig({ NODE_ENV: 'test', TRUST_PROXY: bad })).toThrow(/TRUST_PROXY: /);
      }
    });
  });
});
