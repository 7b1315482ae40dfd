import fc from 'fast-check';
import type { Classification } from '../../model/complaint';
import { understand } from '../understand';
import { MAX_SUMMARY_LENGTH, writeLearningSummary, trimToWords } from './learning-summary';

const classification: Classification = {
  themes: [
    { id: 'communication', confidence: 0.9, evidence: ['not told'] },
    { id: 'delay', confidence: 0.8, evidence: ['delayed'] },
  ],
  severity: 'medium',
  confidence: 0.8,
  version: 'clf-test',
};

describe('writeLearningSummary', () => {
  it('writes outcome, service area, themes, what went wrong and what changed', () => {
    const summary = writeLearningSummary({
      summary: 'Mrs [name] attended the clinic in March. Parents were not told that the scan had been delayed. They were upset.',
      learning: 'The team met to discuss the case. Scan results are now phoned to parents within 24 hours. The family were thanked.',
      outcome: 'upheld',
      serviceArea: 'Maternity',
      remedies: ['apology', 'staff-training'],
      classification,
    });
    expect(summary).toBe(
      'Upheld · Maternity · communication, delay: parents were not told that the scan had been delayed. Change: Scan results are now phoned to parents within 24 hours; apology, staff training.',
    );
  });

  it('picks the action sentence from the learning, not the first one', () => {
    const summary = writeLearningSummary({
      summary: 'The family were not told about the delayed scan.',
      learning: 'We looked at the case carefully. We met the family. We have introduced a new process so results will be checked daily.',
      outcome: 'partly-upheld',
      serviceArea: 'Radiology',
      remedies: [],
      classification,
    });
    expect(summary).toContain('Change: We have introduced a new process so results will be checked daily.');
    expect(summary).not.toContain('met the family');
  });

  it('stays within 300 characters, trimming on word boundaries with an ellipsis', () => {
    const long = 'Parents were not told that the scan had been delayed because the department was reorganising its booking system '.repeat(6);
    const summary = writeLearningSummary({
      summary: long,
      learning: 'A new process will now make sure results are reviewed and parents are updated every single week without fail '.repeat(6),
      outcome: 'upheld',
      serviceArea: 'A very long service area name that goes on and on for far too long indeed',
      remedies: ['apology', 'explanation', 'financial', 'service-change', 'staff-training', 'policy-change', 'other'],
      classification,
    });
    expect(summary.length).toBeLessThanOrEqual(MAX_SUMMARY_LENGTH);
    expect(summary).toContain('…');
    expect(summary).not.toMatch(/\w…\w/);
    expect(summary).toContain('Change:');
  });

  it('omits the change part when there is no learning and no remedy', () => {
    const summary = writeLearningSummary({ summary: 'The family were not told.', outcome: 'not-upheld', serviceArea: 'Wards', remedies: [], classification });
    expect(summary).toBe('Not upheld · Wards · communication, delay: the family were not told.');
  });

  it('never prints template artefacts for empty inputs', () => {
    const summary = writeLearningSummary({
      summary: '',
      learning: '',
      outcome: 'open',
      serviceArea: '',
      remedies: ['other'],
      classification: { ...classification, themes: [] },
    });
    expect(summary).toBe('Open.');
    expect(summary).not.toMatch(/undefined|null|\[object|\$\{/);
  });

  it('leaks no personal data when fed through understand()', () => {
    const result = understand({
      summary: 'Mrs Patel (jane.patel@example.com, 07700 900123, NHS 943 476 5919) was not told her scan at 12 Acacia Road clinic was delayed.',
      learning: 'Her husband John Smith was phoned. Results will now be sent within 24 hours.',
      outcome: 'upheld',
      serviceArea: 'Maternity',
      remedies: ['apology'],
    });
    for (const secret of ['Patel', 'jane.patel', '07700', '5919', 'Acacia', 'John Smith']) {
      expect(result.learningSummary).not.toContain(secret);
      expect(result.redactedSummary).not.toContain(secret);
      expect(result.redactedLearning).not.toContain(secret);
    }
    expect(result.learningSummary.length).toBeLessThanOrEqual(MAX_SUMMARY_LENGTH);
  });
});

describe('trimToWords', () => {
  it('cuts at a word boundary and marks the cut', () => {
    expect(trimToWords('the scan results were delayed again', 20)).toBe('the scan results…');
    expect(trimToWords('short', 20)).toBe('short');
  });
});

describe('the scanners that replaced trailing-run regexes', () => {
  /** trimToWords as it was, with /[\s,;:·-]+$/ (quadratic on a long inner run). */
  function referenceTrim(text: string, max: number): string {
    if (text.length <= max) return text;
    if (max <= 1) return '…'.slice(0, Math.max(0, max));
    const cut = text.slice(0, max - 1);
    const lastSpace = cut.lastIndexOf(' ');
    const base = lastSpace > max / 3 ? cut.slice(0, lastSpace) : cut;
    return `${base.replace(/[\s,;:·-]+$/, '')}…`;
  }

  it('trimToWords agrees with the regular expression it replaced', () => {
    const piece = fc.constantFrom('a', 'word', ' ', ',', ';', ':', '·', '-', '\t', '\u00a0', '.', '!');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.integer({ min: 0, max: 60 }), (pieces, max) => {
        const text = pieces.join('');
        expect(trimToWords(text, max)).toBe(referenceTrim(text, max));
      }),
      { numRuns: 3_000 },
    );
  });

  it('drops only the final run of . ! ? from the problem sentence', () => {
    const summary = writeLearningSummary({
      summary: `The scan was delayed!?!?${'.'.repeat(50)}x again?!.`,
      outcome: 'upheld',
      serviceArea: 'Maternity',
      remedies: [],
      classification,
    });
    expect(summary).toBe(`Upheld · Maternity · communication, delay: the scan was delayed!?!?${'.'.repeat(50)}x again.`);
  });
});
