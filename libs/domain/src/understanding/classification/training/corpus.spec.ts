import { CorpusFormatError, isHeldOut, loadCorpusDir, parseCorpus, splitCorpus } from './corpus';

const line = (fields: Record<string, unknown>): string => JSON.stringify({ id: 'x-1', text: 'The ward lost my notes.', themes: ['record-keeping'], severity: 'low', ...fields });

describe('corpus loader', () => {
  it('reads labelled JSONL, skipping blank lines, and joins an optional learning text', () => {
    const examples = parseCorpus(`${line({})}\n\n${line({ id: 'x-2', learning: 'Notes are now scanned.', sector: 'health' })}\n`, 'mem');
    expect(examples.map((e) => e.id)).toEqual(['x-1', 'x-2']);
    expect(examples[1].text).toBe('The ward lost my notes.\nNotes are now scanned.');
    expect(examples[1].sector).toBe('health');
  });

  it.each([
    [line({ themes: ['record-keeping', 'lost-notes'] }), 'mem:1: themes has an unknown theme "lost-notes"'],
    [line({ themes: [] }), 'mem:1: themes must be a non-empty array'],
    [line({ themes: ['delay', 'delay'] }), 'mem:1: themes repeats a theme'],
    [line({ severity: 'critical' }), 'mem:1: severity must be one of low, medium, high, serious'],
    [line({ sector: 'nhs' }), 'mem:1: sector must be one of'],
    [line({ mood: 'angry' }), 'mem:1: mood is not a known field'],
    [line({ text: '  ' }), 'mem:1: text must be a non-empty string'],
    ['{"id": "x-1", "text": ', 'mem:1: line is not valid JSON'],
    [`${line({})}\n${line({})}`, 'mem:2: id "x-1" is repeated'],
  ])('refuses %s, naming the line and field', (content, message) => {
    expect(() => parseCorpus(content, 'mem')).toThrow(CorpusFormatError);
    expect(() => parseCorpus(content, 'mem')).toThrow(message);
  });

  it('splits by a hash of the id, so an example stays on its side whatever else is added', () => {
    const examples = parseCorpus(Array.from({ length: 200 }, (_, i) => line({ id: `s-${i}` })).join('\n'), 'mem');
    const { test } = splitCorpus(examples);
    const { test: again } = splitCorpus([...parseCorpus(line({ id: 'new-one' }), 'mem2'), ...examples]);
    expect(again.filter((e) => e.id !== 'new-one').map((e) => e.id)).toEqual(test.map((e) => e.id));
    expect(test.length).toBeGreaterThan(20);
    expect(test.length).toBeLessThan(60);
    expect(test.every(isHeldOut)).toBe(true);
  });

  it('loads the shipped corpus: unique ids and valid labels in every file', () => {
    const corpus = loadCorpusDir();
    expect(corpus.length).toBeGreaterThan(2500);
    expect(new Set(corpus.map((e) => e.id)).size).toBe(corpus.length);
  });
});
