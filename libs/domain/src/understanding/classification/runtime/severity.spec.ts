import { createDefaultClassifier } from '../training/train-classifier';
import { explicitHarm } from './severity';

const classifier = createDefaultClassifier();
const severityOf = (summary: string): string => classifier.classify({ summary }).severity;

describe('severity', () => {
  it.each([
    ["I lost £12,000 because of the department's error.", 'high'],
    ['We were left without heating for three weeks in January.', 'high'],
  ])('reads explicit harm: %s → %s', (summary, expected) => {
    expect(severityOf(summary)).toBe(expected);
  });

  it.each([
    'My father died after the ward failed to monitor him.',
    'The operation went wrong and left him with permanent nerve damage.',
    'Our baby was stillborn after the reduced movements were ignored.',
  ])('never reports a death or lasting harm caused by a failure below high, however short: %s', (summary) => {
    expect(['high', 'serious']).toContain(severityOf(summary));
  });

  it('reads a record about a death caused by missed care as serious', () => {
    const summary =
      'Mrs [name] complained about the care of her husband on the respiratory ward. His oxygen levels fell overnight, ' +
      'the early warning scores were not acted on and the doctor was not called until the morning. He died later that day. ' +
      'The investigation found that the escalation policy was not followed and that the family were not told he was deteriorating.';
    expect(severityOf(summary)).toBe('serious');
  });

  it('is low for a minor, quickly fixed inconvenience', () => {
    expect(severityOf('My bin was missed once. It was collected the next day, a minor inconvenience.')).toBe('low');
  });

  it('caps "no lasting harm" at medium even with an error in the text', () => {
    expect(['low', 'medium']).toContain(severityOf('The wrong dose was given but there was no lasting harm.'));
  });

  it('does not read a denied death as serious', () => {
    expect(severityOf('Thankfully he did not die, but he was very distressed by the way he was treated.')).not.toBe('serious');
    expect(explicitHarm('he did not die').level).toBeNull();
  });

  it('judges from what happened, not from tone', () => {
    expect(severityOf('I am absolutely furious and disgusted: my parking refund of £40 took three weeks and nobody apologised.')).not.toMatch(/high|serious/);
    expect(['high', 'serious']).toContain(severityOf('I would like to raise, calmly, that my father died on the ward after his observations were not done for eleven hours.'));
  });

  it('raises severity for a vulnerable person left at risk over a long time', () => {
    const brief = severityOf('The repair to the bathroom tap was late.');
    const grave = severityOf(
      'My disabled son, who has a learning disability, was left without any care visits for four months; the agency missed visits again and again and he was found dehydrated.',
    );
    expect(['low', 'medium']).toContain(brief);
    expect(['high', 'serious']).toContain(grave);
  });

  it('does not count a compensation offer as a significant loss', () => {
    expect(explicitHarm('The council offered compensation of £6,000.').level).toBe('medium');
    expect(explicitHarm('We lost £6,000.').level).toBe('high');
  });
});
