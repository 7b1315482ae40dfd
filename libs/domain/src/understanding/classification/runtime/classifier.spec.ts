import { THEME_IDS, type ThemeId } from '../../../model/taxonomy';
import { CLASSIFIER_VERSION, Classifier } from './classifier';
import { join } from 'node:path';
import { loadCorpusFile, trainingCorpus } from '../training/corpus';
import { createDefaultClassifier, trainClassifier } from '../training/train-classifier';

const classifier = createDefaultClassifier();
const TRAINING_CORPUS = trainingCorpus();
const EVAL_DIR = join(__dirname, '../../../../../../eval');

function themesOf(summary: string): ThemeId[] {
  return classifier.classify({ summary }).themes.map((t) => t.id);
}

/** One clear sentence per theme, written for this test: none is in the training corpus. */
const CLEAR_SENTENCES: Record<ThemeId, string> = {
  'clinical-care': 'The nurses failed to monitor my father after his operation and his pressure ulcer got worse.',
  diagnosis: "The GP misdiagnosed my daughter's appendicitis as constipation.",
  medication: 'The pharmacy gave my mother the wrong dose of her blood pressure tablets.',
  'discharge-transfer': 'My grandmother was discharged from hospital late at night with nobody at home to help her.',
  communication: 'Nobody told us that the operation had been cancelled.',
  'complaint-handling': 'The council took four months to respond to my complaint and the final response ignored my questions.',
  delay: 'There has been an unacceptable delay of eight months in processing my application.',
  'staff-attitude': 'The receptionist was rude and dismissive when I asked for help.',
  'access-to-services': 'I could not get an appointment with a GP for three weeks.',
  'record-keeping': 'The hospital lost my medical records.',
  'discrimination-equality': 'I was discriminated against because of my disability.',
  safeguarding: 'Social services ignored safeguarding concerns about my elderly neighbour being abused by her son.',
  'dignity-privacy': 'My medical information was disclosed to my employer, a clear breach of confidentiality.',
  'policy-decision': 'The council applied its policy rigidly and refused my application without considering my circumstances.',
  'financial-remedy-billing': 'I was overcharged on my bill and have not received a refund.',
  'benefits-tax': 'My universal credit payments were stopped by mistake.',
  housing: 'There is damp and mould in my council flat and the repairs have not been done.',
  'education-send': "The school has not provided the support set out in my son's EHCP.",
  'social-care': "The care agency keeps missing my mother's home care visits.",
  'planning-environment': 'The council granted planning permission for an extension that blocks our light.',
};

describe('Classifier', () => {
  it('exposes its version on the class, the instance and every result', () => {
    expect(Classifier.VERSION).toBe(CLASSIFIER_VERSION);
    expect(classifier.version).toBe(CLASSIFIER_VERSION);
    expect(classifier.classify({ summary: 'The ward lost my notes.' }).version).toBe(CLASSIFIER_VERSION);
    expect(CLASSIFIER_VERSION).toMatch(/^clf-\d+\.\d+\.\d+$/);
  });

  it('createDefaultClassifier returns one trained instance', () => {
    expect(createDefaultClassifier()).toBe(classifier);
  });

  it.each(THEME_IDS.map((id) => [id, CLEAR_SENTENCES[id]] as const))('finds %s in a clear sentence it was not trained on', (id, sentence) => {
    expect(TRAINING_CORPUS.some((e) => e.text === sentence)).toBe(false);
    expect(themesOf(sentence)).toContain(id);
  });

  it('quotes evidence exactly as it appears in the text', () => {
    const summary = 'Nobody told us Dad had been moved, and the ward sister was RUDE when we asked.';
    const result = classifier.classify({ summary });
    expect(result.themes.length).toBeGreaterThan(0);
    for (const theme of result.themes) {
      expect(theme.evidence.length).toBeGreaterThan(0);
      for (const quote of theme.evidence) expect(summary).toContain(quote);
    }
  });

  it('returns confidences in 0..1, themes from the taxonomy, and a severity', () => {
    const result = classifier.classify({ summary: CLEAR_SENTENCES.housing, learning: 'Repairs are now tracked weekly.', serviceArea: 'Housing repairs' });
    expect(result.confidence).toBeGreaterThanOrEqual(0);
    expect(result.confidence).toBeLessThanOrEqual(1);
    for (const theme of result.themes) {
      expect(THEME_IDS).toContain(theme.id);
      expect(theme.confidence).toBeGreaterThan(0);
      expect(theme.confidence).toBeLessThanOrEqual(1);
    }
    expect(['low', 'medium', 'high', 'serious']).toContain(result.severity);
  });

  describe('negation', () => {
    it('does not fire delay on "no delay"', () => {
      const themes = themesOf('There was no delay in the referral, but the consultant was dismissive.');
      expect(themes).not.toContain('delay');
      expect(themes).toContain('staff-attitude');
    });

    it('still fires delay when the delay is asserted', () => {
      expect(themesOf('There was a long delay in the referral.')).toContain('delay');
    });

    it('does not fire staff-attitude on "were not rude"', () => {
      const themes = themesOf('The staff were not rude, but my mother was left in soiled sheets.');
      expect(themes).not.toContain('staff-attitude');
      expect(themes).toContain('clinical-care');
    });

    it('does not fire discrimination on "no evidence of discrimination"', () => {
      expect(themesOf('There was no evidence of discrimination, but the council lost my housing file.')).not.toContain('discrimination-equality');
    });

    it('does not fire safeguarding on "no safeguarding concerns"', () => {
      expect(themesOf('There were no safeguarding concerns; the complaint is about the late invoice.')).not.toContain('safeguarding');
    });

    it('keeps the topic when the service itself is missing ("no care package")', () => {
      expect(themesOf('No care package was put in place for my father, so nobody came to help him wash.')).toContain('social-care');
    });

    it('never quotes a denied word as evidence', () => {
      const result = classifier.classify({ summary: 'The nurse was not rude but the care on the ward was poor and he was left soiled.' });
      for (const theme of result.themes) expect(theme.evidence.map((e) => e.toLowerCase())).not.toContain('rude');
    });
  });

  describe('decision rule (every theme over its own calibrated threshold)', () => {
    it.each([
      ['staff-attitude', 'The receptionist was rude and dismissive when I asked for help.'],
      ['medication', 'The pharmacy gave my mother the wrong dose of her blood pressure tablets.'],
      ['housing', 'There is black mould on the bedroom walls of my council flat.'],
      ['financial-remedy-billing', 'I was overcharged on my bill and have not received a refund.'],
      ['diagnosis', "The GP misdiagnosed my daughter's appendicitis as constipation."],
    ] as const)('reports only %s for a text about one thing', (id, summary) => {
      expect(themesOf(summary)).toEqual([id]);
    });

    it('reports both themes when the text plainly raises two', () => {
      const themes = themesOf('The nurse was rude to my father, and nobody told us he had been moved to another ward.');
      expect(themes).toEqual(expect.arrayContaining(['staff-attitude', 'communication']));
    });

    it('does not add a theme that a negation denies', () => {
      const themes = themesOf('The staff were not rude and there was no delay; the council lost my housing file.');
      expect(themes).not.toContain('staff-attitude');
      expect(themes).not.toContain('delay');
      expect(themes).toContain('record-keeping');
    });

    it('does not confuse words that merely share a stem with a lexicon phrase', () => {
      expect(themesOf('My father developed a pressure sore on his heel on the ward.')).not.toContain('planning-environment');
      expect(themesOf('My passport arrived late and I nearly missed the date I travelled.')).not.toContain('discrimination-equality');
      expect(themesOf('My universal credit payment was stopped.')).not.toContain('education-send');
    });

    it('lists themes from the most to the least likely, at most MAX_THEMES', () => {
      for (const example of TRAINING_CORPUS.filter((_, i) => i % 50 === 0)) {
        const confidences = classifier.classify({ summary: example.text }).themes.map((t) => t.confidence);
        expect(confidences.length).toBeLessThanOrEqual(5);
        expect([...confidences].sort((a, b) => b - a)).toEqual(confidences);
      }
    });

    it('reports four themes when a record of real length raises four', () => {
      const summary =
        'My mother was sent home from the ward at midnight without her heart tablets, and nobody told us she had been discharged. ' +
        'She was readmitted two days later. When I complained, the trust took five months to reply and the letter did not answer any of my questions.';
      expect(themesOf(summary)).toEqual(expect.arrayContaining(['discharge-transfer', 'medication', 'communication', 'complaint-handling']));
    });
  });

  it('uses the service area as a hint', () => {
    const scores = classifier.scoreThemes({ summary: 'The letter was late and confusing.', serviceArea: 'Planning applications' });
    const without = classifier.scoreThemes({ summary: 'The letter was late and confusing.' });
    const planning = THEME_IDS.indexOf('planning-environment');
    expect(scores[planning]).toBeGreaterThan(without[planning]);
  });

  it('trains deterministically on a subset', () => {
    const subset = TRAINING_CORPUS.filter((_, i) => i % 2 === 0);
    const a = trainClassifier(subset).scoreThemes({ summary: CLEAR_SENTENCES.medication });
    const b = trainClassifier(subset).scoreThemes({ summary: CLEAR_SENTENCES.medication });
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('never trains on an evaluation set', () => {
    const training = new Set(TRAINING_CORPUS.map((e) => e.text.slice(0, 120)));
    for (const file of ['unseen-phrasing.jsonl', 'independent-themes.jsonl']) {
      expect(loadCorpusFile(join(EVAL_DIR, file)).filter((e) => training.has(e.text.slice(0, 120)))).toEqual([]);
    }
  });

  it('has at least 60 training examples of record length per theme', () => {
    const records = TRAINING_CORPUS.filter((e) => e.text.length >= 150);
    for (const id of THEME_IDS) expect([id, records.filter((e) => e.themes.includes(id)).length >= 60]).toEqual([id, true]);
  });

});
