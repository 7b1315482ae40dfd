/**
 * Distinct, realistic complaint texts for end-to-end tests. Each is about something
 * different, so the pipeline treats them as separate cases unless a test edits one.
 */
export const TEXTS = {
  maternityScan:
    'Mrs Patel told us that nobody explained why her scan at 32 weeks was cancelled twice. She phoned the antenatal ' +
    'clinic on 07700 900123 eleven times and was never called back. The family only learned of the delay when they ' +
    'attended in person, and they were very distressed by the lack of information.',
  boilerRepair:
    'The tenant at 14 Acacia Road reported a broken boiler in November. The council promised a repair within five ' +
    'working days but the family, including a baby, were left without heating or hot water for seven weeks. Three ' +
    'appointments were missed without any notice and no explanation was ever given.',
  dischargeMedication:
    'My father was discharged from the ward late at night without his blood thinning medication and with no discharge ' +
    'letter for his GP. He was readmitted to hospital four days later. Nobody checked whether he had support at home, ' +
    'and the pharmacy had no record of the new prescription.',
  benefitsDecision:
    'Mr Okafor applied for Personal Independence Payment in March. The department lost his medical evidence, decided ' +
    'the claim without it and refused the award. The mandatory reconsideration took five months and the original ' +
    'decision was overturned, but he had to borrow money to pay his rent in the meantime.',
  careHomeSafeguarding:
    'A resident with dementia at the care home suffered unexplained bruising on three occasions. Staff did not record ' +
    'the injuries or raise a safeguarding alert, and the family found out from another visitor. The provider ' +
    'investigation was slow and defensive and did not answer the questions the daughter asked.',
  rudeReception:
    'The receptionist at the surgery was rude and dismissive when the patient asked for an urgent appointment for her ' +
    'son, saying she was wasting their time. The patient felt humiliated in front of the waiting room and has since ' +
    'registered with another practice.',
} as const;

export const SERIOUS_TEXT =
  'The patient died after staff failed to act on repeated warnings that her condition was deteriorating. Her ' +
  'observations were not recorded overnight, sepsis was not recognised and the consultant was not called until it ' +
  'was too late. The family were not told the truth about what had happened for several weeks.';

export const SECOND_SERIOUS_TEXT =
  'A baby suffered a permanent brain injury after the midwives did not escalate an abnormal heart trace during a long ' +
  'labour. The emergency caesarean was delayed by more than an hour because the theatre team was not called, and the ' +
  'parents were given contradictory accounts afterwards.';

export const ROOF_TEXT =
  'Rainwater has poured through the roof of the council maisonette since the storm in January. The housing officer ' +
  'logged the leak as routine, scaffolding went up and came down again with no work done, and the children now sleep ' +
  'in the living room because their bedroom ceiling collapsed.';
