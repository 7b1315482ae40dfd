import type { Classification } from '@app/domain';
import type { ReviewRow } from '@app/persistence';
import { effectiveClassification } from './review-view';

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

function review(themes: ReviewRow['themes'], severity: ReviewRow['severity']): ReviewRow {
  const at = new Date('2026-12-01T10:00:00Z');
  return {
    complaintId: '00000000-0000-4000-8000-000000000001',
    organisationId: '00000000-0000-4000-8000-000000000002',
    reviewerOrganisationId: '00000000-0000-4000-8000-000000000002',
    reviewerKeyId: null,
    reviewerContactId: null,
    themes,
    severity,
    note: null,
    modelThemes: ['staff-attitude', 'access-to-services'],
    modelSeverity: 'medium',
    modelVersion: 'clf-1.5.0',
    createdAt: at,
    updatedAt: at,
  };
}

describe('effectiveClassification', () => {
  it("is the model's classification, marked as such, without a review", () => {
    expect(effectiveClassification(MODEL, null)).toEqual({ ...MODEL, source: 'model' });
    expect(effectiveClassification({ ...MODEL, suggestions: undefined }, null)?.suggestions).toEqual([]);
    expect(effectiveClassification(null, null)).toBeNull();
  });

  it("takes the review's labels, keeping the model's evidence where it found the theme too", () => {
    expect(effectiveClassification(MODEL, review(['staff-attitude', 'safeguarding'], 'high'))).toEqual({
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
