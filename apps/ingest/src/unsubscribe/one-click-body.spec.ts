import type { FastifyRequest } from 'fastify';
import { isOneClickBody, isSmallUnsubscribePost } from './one-click-body';

const request = (method: string, url: string, headers: Record<string, string>) => ({ method, url, headers }) as unknown as FastifyRequest;

describe('one-click unsubscribe body', () => {
  it('accepts List-Unsubscribe=One-Click as a parsed form or a multipart body, nothing else', () => {
    expect(isOneClickBody({ 'List-Unsubscribe': 'One-Click' })).toBe(true);
    expect(isOneClickBody('--b\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--b--\r\n')).toBe(true);
    expect(isOneClickBody({ 'List-Unsubscribe': 'yes' })).toBe(false);
    expect(isOneClickBody('List-Unsubscribe=One-Click')).toBe(false);
    expect(isOneClickBody(undefined)).toBe(false);
  });

  it('lets only a small POST to the unsubscribe path past early authentication', () => {
    expect(isSmallUnsubscribePost(request('POST', '/v1/unsubscribe?token=t', { 'content-length': '26' }))).toBe(true);
    expect(isSmallUnsubscribePost(request('POST', '/v1/unsubscribe?token=t', { 'content-length': String(1024 * 1024) }))).toBe(false);
    expect(isSmallUnsubscribePost(request('POST', '/v1/unsubscribe?token=t', { 'transfer-encoding': 'chunked' }))).toBe(false);
    expect(isSmallUnsubscribePost(request('POST', '/v1/complaints', { 'content-length': '26' }))).toBe(false);
  });
});
