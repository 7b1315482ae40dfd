/**
 * Complaint understanding: redaction, classification (themes, evidence, severity) and the
 * learning summary. Pure functions and an in-memory model: no I/O at classify time.
 */
export { prepareRedaction, redact, type PiiKind, type RedactionResult } from './redaction/redact';
export { Classifier, CLASSIFIER_VERSION, type ClassifierInput, type ThemeProbabilities } from './classification/runtime/classifier';
export { createDefaultClassifier, trainClassifier } from './classification/training/train-classifier';
export type { CorpusExample } from './classification/training/corpus';
export { writeLearningSummary, MAX_SUMMARY_LENGTH, type LearningSummaryInput } from './summary/learning-summary';
export { understand, type UnderstandInput, type Understanding } from './understand';
