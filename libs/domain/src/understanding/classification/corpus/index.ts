import type { CorpusExample } from './corpus-example';
import { ACCESS_TO_SERVICES_CORPUS } from './access-to-services.corpus';
import { BENEFITS_TAX_CORPUS } from './benefits-tax.corpus';
import { CLINICAL_CARE_CORPUS } from './clinical-care.corpus';
import { COMMUNICATION_CORPUS } from './communication.corpus';
import { COMPLAINT_HANDLING_CORPUS } from './complaint-handling.corpus';
import { DELAY_CORPUS } from './delay.corpus';
import { DIAGNOSIS_CORPUS } from './diagnosis.corpus';
import { DIGNITY_PRIVACY_CORPUS } from './dignity-privacy.corpus';
import { DISCHARGE_TRANSFER_CORPUS } from './discharge-transfer.corpus';
import { DISCRIMINATION_EQUALITY_CORPUS } from './discrimination-equality.corpus';
import { EDUCATION_SEND_CORPUS } from './education-send.corpus';
import { FINANCIAL_REMEDY_BILLING_CORPUS } from './financial-remedy-billing.corpus';
import { HOUSING_CORPUS } from './housing.corpus';
import { MEDICATION_CORPUS } from './medication.corpus';
import { PLANNING_ENVIRONMENT_CORPUS } from './planning-environment.corpus';
import { POLICY_DECISION_CORPUS } from './policy-decision.corpus';
import { RECORD_KEEPING_CORPUS } from './record-keeping.corpus';
import { SAFEGUARDING_CORPUS } from './safeguarding.corpus';
import { SOCIAL_CARE_CORPUS } from './social-care.corpus';
import { STAFF_ATTITUDE_CORPUS } from './staff-attitude.corpus';

export type { CorpusExample } from './corpus-example';
export { HOLDOUT_UNSEEN } from './holdout-unseen';

/**
 * The training corpus, one file per primary theme (examples are multi-labelled where
 * natural). Order is fixed, so splits and training are deterministic.
 */
export const CORPUS_BY_FILE: readonly (readonly CorpusExample[])[] = [
  CLINICAL_CARE_CORPUS,
  DIAGNOSIS_CORPUS,
  MEDICATION_CORPUS,
  DISCHARGE_TRANSFER_CORPUS,
  COMMUNICATION_CORPUS,
  COMPLAINT_HANDLING_CORPUS,
  DELAY_CORPUS,
  STAFF_ATTITUDE_CORPUS,
  ACCESS_TO_SERVICES_CORPUS,
  RECORD_KEEPING_CORPUS,
  DISCRIMINATION_EQUALITY_CORPUS,
  SAFEGUARDING_CORPUS,
  DIGNITY_PRIVACY_CORPUS,
  POLICY_DECISION_CORPUS,
  FINANCIAL_REMEDY_BILLING_CORPUS,
  BENEFITS_TAX_CORPUS,
  HOUSING_CORPUS,
  EDUCATION_SEND_CORPUS,
  SOCIAL_CARE_CORPUS,
  PLANNING_ENVIRONMENT_CORPUS,
];

export const TRAINING_CORPUS: readonly CorpusExample[] = CORPUS_BY_FILE.flat();

/**
 * Deterministic 80/20 split for evaluation: every 5th example of each file is held out,
 * so every theme is represented in the test part.
 */
export function splitCorpus(): { train: CorpusExample[]; test: CorpusExample[] } {
  const train: CorpusExample[] = [];
  const test: CorpusExample[] = [];
  for (const file of CORPUS_BY_FILE) {
    file.forEach((example, index) => (index % 5 === 4 ? test : train).push(example));
  }
  return { train, test };
}
