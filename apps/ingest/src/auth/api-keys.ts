// Key generation and hashing are shared with the web app's console (libs/persistence/src/administration).
export { generateApiKey, hashApiKey, keyDigest } from '@app/persistence/administration';

export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value ?? '');
  return match?.[1];
}
