import type { Classification } from '../model/complaint';
import { effectiveClassification } from './effective-classification';

const MODEL: Classification = {
  themes: [
    { id: 'staff-attitude', confidence: 0.91, evidence: ['rude and dismissive'] },
    { id: 'access-to-services', confidence: 0.62, evidence: ['urgent appointment'] },
  ],
  severity: 'medium',
  confidence: 0.7,
  version: 'clf-1.5.0',
  suggestions: [
    { id: 'safeguarding', confidence: 0.33 },
    { id: 'communication', confidence: 0.3 },
  ],
};

describe('effectiveClassification', () => {
  it("is the model's classification, marked as such, without a review", () => {
    expect(effectiveClassification(MODEL, null)).toEqual({ ...MODEL, source: 'model' });
    expect(effectiveClassification({ ...MODEL, suggestions: undefined }, null)?.suggestions).toEqual([]);
    expect(effectiveClassification(null, null)).toBeNull();
  });

  it("takes the review's labels, keeping the model's evidence where it found the theme too", () => {
    expect(effectiveClassification(MODEL, { themes: ['staff-attitude', 'safeguarding'], severity: 'high' })).toEqual({
      themes: [
        { id: 'staff-attitude', confidence: 0.91, evidence: ['rude and dismissive'] },
        { id: 'safeguarding', confidence: null, evidence: [] },
      ],
      severity: 'high',
      confidence: 0.7,
      version: 'clf-1.5.0',
      source: 'review',
      suggestions: [{ id: 'communication', confidence: 0.3 }],
    });
  });
});
