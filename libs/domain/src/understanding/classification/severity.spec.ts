import { createDefaultClassifier } from './train-classifier';
import { assessSeverity, explicitHarm } from './severity';

const classifier = createDefaultClassifier();
const severityOf = (summary: string): string => classifier.classify({ summary }).severity;

describe('severity', () => {
  it.each([
    ['My father died after the ward failed to monitor him.', 'serious'],
    ['The operation went wrong and left him with permanent nerve damage.', 'serious'],
    ['Our baby was stillborn after the reduced movements were ignored.', 'serious'],
    ['My mother was admitted to hospital after carers missed her medication.', 'high'],
    ["I lost £12,000 because of the department's error.", 'high'],
    ['We were left without heating for three weeks in January.', 'high'],
  ])('reads explicit harm: %s → %s', (summary, expected) => {
    expect(severityOf(summary)).toBe(expected);
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

  it('never returns serious from the model alone, without a serious signal', () => {
    expect(assessSeverity('The letter was late.', [], 'serious').severity).toBe('high');
  });

  it('treats a safeguarding theme as at least medium', () => {
    expect(assessSeverity('The referral was screened out.', ['safeguarding'], 'low').severity).toBe('medium');
  });

  it('does not count a compensation offer as a significant loss', () => {
    expect(explicitHarm('The council offered compensation of £6,000.').level).toBe('medium');
    expect(explicitHarm('We lost £6,000.').level).toBe('high');
  });
});
