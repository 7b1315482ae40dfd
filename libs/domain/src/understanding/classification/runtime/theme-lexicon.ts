import type { ThemeId } from '../../../model/taxonomy';

/**
 * Curated phrases per theme, with weights: ~2.5 decisive on its own, ~1.5 strong,
 * ~1 needs support from the model or another phrase, ≤0.6 weak context.
 *
 * Phrases are matched on stems with stop words dropped, so "response to my complaint"
 * and "response to the complaint" both match "response complaint". The word `not` in a
 * phrase stands for any negation cue ("not", "no", "never", "didn't", "nobody"...) and may
 * be followed by up to two other words ("was never properly told" matches "not told").
 *
 * `topic` phrases name the subject and stay on under negation ("no care package was put in
 * place" is still about social care). `problem` phrases assert that something went wrong,
 * so a negation in front of them ("there was no delay", "staff were not rude") turns them
 * into evidence AGAINST the theme.
 *
 * Money is written `£0`: any sum of money tokenises to the same `#money` stem.
 */
export interface ThemeLexicon {
  readonly topic: readonly (readonly [string, number])[];
  /**
   * Topic phrases that say what the complaint is ABOUT for a service theme ("repairs",
   * "care package", "EHCP"), as opposed to a mere mention of the service or its staff
   * ("housing officer", "care home", "school"). Not denied by a negation ("no care package"
   * is still about the care package), but scored with the problem phrases.
   */
  readonly about?: readonly (readonly [string, number])[];
  readonly problem: readonly (readonly [string, number])[];
}

export const THEME_LEXICON: Readonly<Record<ThemeId, ThemeLexicon>> = {
  'clinical-care': {
    topic: [
      ['nursing care', 2], ['clinical care', 2], ['standard of care', 1.5], ['pressure sore', 2.5], ['pressure ulcer', 2.5],
      ['pressure area', 2], ['surgery', 0.8], ['operation', 0.8], ['operated', 1.2], ['surgeon', 1], ['procedure', 0.6],
      ['treatment', 0.6], ['nurses', 0.7], ['nurse', 0.5], ['midwife', 0.7], ['midwives', 0.7], ['ward', 0.5],
      ['observations', 1.2], ['early warning score', 2], ['deteriorated', 1.2], ['deterioration', 1.2], ['sepsis', 1.2],
      ['call bell', 1.5], ['fluids', 0.8], ['dehydrated', 1.5], ['catheter', 1.2], ['wound', 1], ['infection', 0.6],
      ['labour', 0.8], ['anaesthetic', 1], ['post operative', 1.5], ['falls risk', 1.5], ['fell', 0.5],
      ['repositioned', 1.5], ['pain relief', 1.2], ['icu', 0.8], ['intensive care', 1], ['theatre', 1],
      ['paramedic', 0.6], ['resuscitation', 0.8], ['stitches', 1], ['physiotherapy', 0.8], ['chemotherapy', 0.6],
      ['personal care', 0.8], ['cardiac arrest', 1.2], ['brain injury', 0.8], ['fetal', 1], ['bed', 0.3],
    ],
    problem: [
      ['poor care', 2], ['poor nursing', 2.5], ['substandard', 1.5], ['unsafe care', 2], ['negligent', 1.5], ['negligence', 1.5],
      ['botched', 2], ['failed monitor', 2.5], ['not monitored', 2], ['not escalated', 2], ['failed escalate', 2.5],
      ['soiled', 1.5], ['left in pain', 1.5], ['not turned', 2], ['wrong tooth', 2], ['wrong site', 2],
      ['surgical error', 2.5], ['clinical error', 2.5], ['missed observations', 2.5], ['not checked', 1], ['short staffed', 1],
      ['unwashed', 1],
    ],
  },
  diagnosis: {
    topic: [
      ['diagnosis', 1.8], ['diagnosed', 1.5], ['diagnose', 1.8], ['scan', 0.8], ['x ray', 1], ['xray', 1], ['blood test', 1.2],
      ['test results', 1.2], ['results', 0.5], ['biopsy', 1.2], ['mri', 1], ['ct', 0.8], ['ultrasound', 1], ['symptoms', 0.8],
      ['cancer', 0.8], ['tumour', 1.2], ['screening', 0.8], ['examined', 0.8], ['examination', 0.6],
      ['fracture', 0.8], ['referral suspected', 1.5], ['two week wait', 1.5], ['ecg', 1], ['second opinion', 1.5],
    ],
    problem: [
      ['misdiagnosed', 3], ['misdiagnosis', 3], ['missed diagnosis', 3], ['late diagnosis', 3], ['delayed diagnosis', 3],
      ['wrong diagnosis', 3], ['misread', 2.5], ['misinterpreted', 2], ['misreported', 2.5], ['not diagnosed', 2.5],
      ['failed diagnose', 3], ['failed identify', 1.5], ['not picked up', 2.5], ['not spotted', 2.5], ['not examined', 2],
      ['not investigated', 1.5], ['not recognised', 1.5], ['put down to', 1.5], ['dismissed symptoms', 2], ['went undetected', 2.5],
      ['not detected', 2], ['not referred', 1.5], ['abnormal', 1],
    ],
  },
  medication: {
    topic: [
      ['medication', 2.2], ['medicine', 2], ['medicines', 2], ['prescription', 2], ['prescribed', 1.8], ['prescribing', 2],
      ['dose', 1.8], ['doses', 1.8], ['dosage', 2], ['tablets', 1.5], ['pharmacy', 1.5], ['pharmacist', 1.5],
      ['dispensed', 2.5], ['insulin', 1.5], ['antibiotics', 1.2], ['antibiotic', 1.2], ['painkillers', 1.2],
      ['morphine', 1.2], ['controlled drugs', 2], ['drug chart', 2.5], ['repeat prescription', 2.5], 
      ['inhaler', 1.5], ['warfarin', 1.5], ['anticoagulant', 1.5], ['allergy', 1], ['overdose', 1.2], ['side effects', 1.5],
      ['injections', 0.8], ['methadone', 1.5], ['lithium', 1.5], ['steroids', 1.2], ['eye drops', 1.5], ['patch', 0.6],
      ['paracetamol', 1.5], ['opioid', 1.2], ['sedatives', 1.2], ['antipsychotic', 1.5], ['antidepressants', 1.5],
    ],
    problem: [
      ['wrong medication', 3], ['wrong dose', 3], ['medication error', 3], ['prescribing error', 3], ['missed doses', 2.5],
      ['missed dose', 2.5], ['wrong tablets', 2.5], ['not given medication', 2.5],
    ],
  },
  'discharge-transfer': {
    topic: [
      ['discharge', 2.2], ['discharged', 2.2], ['discharging', 2.2], ['transfer', 1.2], ['transferred', 1.2], ['sent home', 2],
      ['discharge letter', 2.5], ['discharge summary', 2.5], ['handover', 1.5], ['readmitted', 2], ['readmission', 2],
      ['intermediate care', 1.5], ['left hospital', 1.5], ['leaving hospital', 2], ['home from hospital', 1.8],
      ['moved wards', 1.5], ['transport home', 1.5], ['follow up', 0.6],
      ['out of hospital', 1.5], ['medically fit', 2], ['went home', 1], ['came home', 1], 
      ['rehabilitation unit', 1.2], ['adult services', 0.5], ['turning 18', 1],
    ],
    problem: [
      ['unsafe discharge', 3], ['premature discharge', 3], ['discharged too early', 3], ['discharged without', 2.5],
      ['sent home without', 2.5], ['no handover', 2],
    ],
  },
  communication: {
    topic: [
      ['communication', 1.5], ['information', 0.6], ['explanation', 0.6], ['interpreter', 1], ['letter', 0.3],
      ['large print', 1], ['updates', 1], ['phone', 0.3],
    ],
    problem: [
      ['not told', 2], ['not tell', 2], ['not informed', 2], ['not explained', 2], ['not explain', 2], ['not updated', 2],
      ['not kept informed', 2.5], ['not contacted', 1.2], ['not call back', 1.5], ['not ring back', 1.5], ['not rang back', 1.5],
      ['kept dark', 2.5], ['lack communication', 2.5], ['poor communication', 2.5], ['miscommunication', 2.5],
      ['conflicting information', 2.5], ['contradictory', 2], ['confusing', 1.2], ['unclear', 1.2],
      ['jargon', 1.8], ['misinformed', 2.5], ['wrong information', 2.5], ['incorrect information', 2.5],
      ['wrong advice', 2], ['incorrect advice', 2], ['misleading', 1.8], ['unanswered', 1.5], ['not reply', 1],
      ['found out from', 2], ['found out', 0.8], ['without discussion', 1.5],
      ['without explanation', 1.2], ['not discussed', 1.5], ['not consulted', 1.2], ['not sought', 1],
      ['not say why', 1.5], ['no information', 1.5], ['lack updates', 2],
      ['without knowledge', 2], ['not warned', 1.5], ['without warning', 1.2], ['without notice', 1.2],
      ['without telling', 1.5], ['not let know', 2], ['not ring', 1.2], ['different story', 1.5], ['different answers', 1.5],
      ['not discuss', 1.2], ['without speaking', 1.2], ['not keep informed', 2.5],
    ],
  },
  'complaint-handling': {
    topic: [
      ['complaint', 0.6], ['complained', 0.4], ['complaints', 0.6], ['complaints team', 1.8], ['complaints procedure', 2.2],
      ['complaints process', 2.2], ['complaint response', 2.2], ['response complaint', 2.2], ['reply complaint', 2],
      ['final response', 2.2], ['stage 1', 1.5], ['stage 2', 1.5], ['stage one', 1.5], ['stage two', 1.5],
      ['holding letter', 2], ['local resolution', 2], ['ombudsman', 1], ['escalate', 0.8], ['escalated', 0.6],
      ['raised concerns', 0.5], ['acknowledgement', 1],
      ['investigating officer', 1.5], ['complaints officer', 1.5], ['complaints unit', 2],
    ],
    problem: [
      ['not acknowledged', 2], ['defensive', 2.2], ['whitewash', 2.5], ['not independent', 1.5],
      ['not answer', 1.2], ['not address', 1.5], ['not deal', 1], ['failed address', 2], ['ignored complaint', 2.5],
      ['complaint handled', 2], ['handled poorly', 1.5], ['not respond', 1.2], ['no response', 1.2], ['no reply', 1.2],
      ['vexatious', 2], ['refused investigate', 2.5],
      ['chasing reply', 2], ['chased', 0.6], ['deadline extended', 1.5], ['missed out', 0.8],
      ['did not answer', 1.2],
    ],
  },
  delay: {
    topic: [['waiting list', 1.5], ['waited', 1.5], ['wait', 1.2], ['waiting', 1.2]],
    problem: [
      ['delay', 2.2], ['delayed', 2], ['delays', 2.2], ['backlog', 2.2], ['still waiting', 2.5], ['long wait', 2.5],
      ['too long', 1.5], ['took long', 1.2], ['slow', 1.2], ['overdue', 1.8], ['postponed', 1.5],
      ['months later', 0.8], ['weeks later', 0.6], ['still not', 1], ['outstanding', 1], ['timescale', 1], ['deadline', 0.6],
      ['adjourned', 1.2], ['dragged on', 2], ['unallocated', 1.5], ['hold times', 2], ['on hold', 1.2],
      ['not yet', 0.8], ['queue', 1.2], ['within timescale', 1.5], ['statutory timescale', 2], 
      ['held up', 1.5], ['overran', 1.5], ['overrun', 1.5], ['took months', 2], ['took weeks', 1.5],
    ],
  },
  'staff-attitude': {
    topic: [['attitude', 2], ['manner', 1.5], ['tone', 1], ['behaviour', 0.6], ['conduct', 1], ['behaved', 1]],
    problem: [
      ['rude', 2.8], ['rudely', 2.8], ['rudeness', 2.8], ['dismissive', 2.2], ['dismissed', 0.8], ['arrogant', 2.5],
      ['condescending', 2.5], ['patronising', 2.5], ['unprofessional', 2.5], ['unprofessionally', 2.5], ['unkind', 2],
      ['uncaring', 2.2], ['lack compassion', 2.5], ['lack empathy', 2.5], ['not compassion', 2], ['shouted', 2.5],
      ['shouting', 2.5], ['raised voice', 2.5], ['sarcastic', 2.5], ['laughed', 1.5], ['mocking', 2], ['mocked', 2],
      ['belittled', 2.5], ['aggressive', 2], ['hostile', 2], ['intimidating', 2], ['abrupt', 2], ['curt', 2],
      ['offhand', 2], ['brusque', 2], ['disrespectful', 2.2], ['impatient', 1.8], ['insensitive', 1.5], ['callous', 2.2],
      ['cold', 0.8], ['unhelpful', 1.2], ['swore', 2], ['threatening', 1.5], ['nuisance', 1], ['judgemental', 2],
      ['lazy', 1.5], ['brushed off', 1.5],
      ['rolled eyes', 2], ['wasting time', 1.5], ['disbelieving', 1.5], ['insulting', 2], ['unfriendly', 2],
      ['rushed', 0.6], ['treated like', 1],
    ],
  },
  'access-to-services': {
    topic: [
      ['access', 1.2], ['appointment', 0.6], ['appointments', 0.6], ['home visit', 1.2], ['reasonable adjustments', 1.5],
      ['interpreter', 0.6], ['eligible', 0.8], ['capacity', 0.4], ['register', 0.6], ['registered', 0.5],
      ['referral', 0.5], ['nhs dentist', 2], ['new patients', 2], ['wheelchair', 0.6], ['lift', 0.6], ['online', 0.6],
      ['phone line', 1], ['booking', 0.6], ['funding', 0.6], ['postcode lottery', 2.5], ['see gp', 1.5],
    ],
    problem: [
      ['not get appointment', 3], ['cannot get appointment', 3], ['not book', 1.5], ['unable access', 2.5], ['unable get', 1.5],
      ['denied access', 3], ['turned away', 2.5], ['refused refer', 2.5], ['refused place', 2], ['not refer', 1.5],
      ['refused funding', 2], ['not eligible', 1.5], ['closed new referrals', 3], ['no capacity', 2], ['withdrawn', 1],
      ['removed list', 2], ['unable register', 2.5], ['not register', 1.5], ['always engaged', 2], ['not get through', 2.5],
      ['no appointments', 2.5], ['no doctor available', 2.5], ['not see', 1], 
      ['stopped running', 1.5], ['not accept referral', 2.5], ['refused', 0.6], ['could not get', 1],
    ],
  },
  'record-keeping': {
    topic: [
      ['records', 1.5], ['record', 1.2], ['medical records', 2.5], ['notes', 1], ['case notes', 2], ['file', 1], ['files', 1],
      ['documentation', 1.5], ['paperwork', 1.2], ['subject access request', 2.5], ['system', 0.4], ['entry', 1.2],
      ['chart', 1], ['documented', 1.2], ['recorded', 1.2], ['minutes', 0.8], ['details', 0.4], 
      ['next kin', 1],
    ],
    problem: [
      ['lost records', 3], ['lost notes', 3], ['lost file', 3], ['missing records', 3], ['records missing', 3], ['inaccurate', 1.8],
      ['incorrectly recorded', 3], ['recorded incorrectly', 3], ['recorded wrongly', 3], ['not recorded', 2.5],
      ['not documented', 2.5], ['no record', 2.2], ['record keeping', 3], ['misfiled', 3], ['mislaid', 2.5],
      ['deleted', 1.2], ['left blank', 2], ['not completed', 0.8], ['not transferred', 1.5], ['not uploaded', 1.5],
      ['wrong address', 1.2], ['merged records', 3], ['someone else', 1], ['spelt wrongly', 1.5],
      ['spelled wrong', 1.5], ['not amend', 1.5], ['correct records', 2], 
    ],
  },
  'discrimination-equality': {
    topic: [
      ['disability', 1.2], ['disabled', 0.8], ['reasonable adjustments', 1.8], ['reasonable adjustment', 1.8],
      ['equality act', 3], ['equality', 1.8], ['protected characteristic', 3], ['religion', 1.5], ['religious', 1.5],
      ['sexual orientation', 2.5], ['same sex', 2], ['transgender', 2], ['transition', 0.8], ['pronouns', 2], ['gender', 1.2],
      ['ethnicity', 1.2], ['ethnic', 1.2], ['race', 1.5], ['racial', 1.8], ['black', 1.2], ['white', 0.8], ['skin', 1.2],
      ['accent', 1.5], ['nationality', 1.5], ['immigration status', 1.5], ['asylum seeker', 1.2],
      ['muslim', 1.5], ['headscarf', 2], ['jewish', 1.5], ['ramadan', 1.5], ['halal', 1.5], ['traveller', 1.5],
      ['travellers', 1.5], ['gypsy', 1.5], ['roma', 1.5], ['deaf', 1.2], ['sign language', 1.5],
      ['hearing loop', 2], ['visual impairment', 1.2], ['wheelchair user', 1.2], ['age', 0.6],
      ['too old', 1.5], ['pregnant', 0.8], ['assistance dog', 2], ['stammer', 1.5], ['dyslexia', 0.8], ['easy read', 1],
      ['accessible', 1], ['impact assessment', 1.5],
    ],
    problem: [
      ['discrimination', 3], ['discriminated', 3], ['discriminatory', 3], ['discriminates', 3], ['racist', 3], ['racism', 3],
      ['sexist', 3], ['homophobic', 3], ['ageist', 3], ['prejudiced', 2.5], ['prejudice', 2.5], ['stereotyped', 2.5],
      ['treated differently', 2.5], ['less favourably', 3], ['unlike other', 1.5],
      ['assumptions', 1.2], ['spoken over', 1.5], ['unfairly due', 1.5], ['bias', 1.5], ['offensive', 1],
    ],
  },
  safeguarding: {
    topic: [
      ['safeguarding', 2.5], ['safeguarding referral', 3], ['vulnerable adult', 2.5], ['vulnerable', 1.2], ['child protection', 3],
      ['section 42', 2.5], ['lado', 3], ['deprivation liberty', 2.5], ['capacity assessment', 1.2], ['at risk', 0.8],
      ['risk harm', 2], ['domestic abuse', 2], ['domestic violence', 2], ['child in need', 1], ['serious case review', 3],
      ['multi agency', 2], ['allegation', 1.5], ['foster care', 0.8], ['children home', 1.2], ['police', 0.6],
      ['risk assessment', 0.8], ['one to one observation', 2], ['suicide risk', 2], ['unobserved', 2], ['sex offender', 3],
    ],
    problem: [
      ['safeguarding concern', 2.5], ['safeguarding concerns', 2.5], ['abuse', 2], ['abused', 2.5], ['neglect', 2.2],
      ['self neglect', 2.5], ['neglected', 1.5], ['unexplained bruising', 3], ['unexplained injuries', 3], ['bruising', 1.5],
      ['bruises', 1.2], ['exploitation', 2.5], ['exploited', 2.5], ['grooming', 2.5],
      ['cuckooed', 3], ['assaulted', 2], ['unsupervised', 2], ['went missing', 2], ['wandered', 2], ['wandering', 2],
      ['left alone', 1.2], ['failed protect', 3], ['restraint', 1.5], ['restrained', 1.5], ['squalor', 2.5],
      ['hurt', 0.8], ['injured', 1], ['attacked', 1.2],
      ['not protected', 2.5], ['stabbed', 1.5], ['hit home', 1.5],
    ],
  },
  'dignity-privacy': {
    topic: [
      ['dignity', 3], ['privacy', 3], ['confidentiality', 3], ['confidential', 2.2], ['curtains', 1.5], ['screen', 0.6],
      ['intimate care', 2], ['intimate', 1.5], ['commode', 1.5], ['toilet', 1], ['gown', 1], ['personal information', 2],
      ['data protection', 2.5], ['consent', 0.8], ['in front', 0.8], ['overheard', 2],
      ['waiting room', 0.8], ['corridor', 0.8], ['social media', 1.2], ['photos', 1], ['photographs', 1], 
      ['own clothes', 1.5], ['knock', 1.5], ['private', 0.8],
    ],
    problem: [
      ['undignified', 3], ['humiliating', 2.5], ['humiliated', 2.5], ['degrading', 3], ['naked', 2.5], ['exposed', 2],
      ['data breach', 3], ['breach', 1.5], ['disclosed', 2.2], ['shared details', 2], ['sent wrong', 1.5],
      ['wrong person', 1.5], ['without permission', 1.2], ['without consent', 1.5],
      ['stripped dignity', 3], ['wet bed', 1.5], ['soiled', 0.8], ['loudly', 1.5], ['open copy', 2],
      ['without asking', 0.8], ['looked neglected', 1.5], ['uncomfortable', 0.5], ['not covered', 1.5],
      ['could hear', 1.5], ['could read', 1], ['out curiosity', 2.5], ['read out', 1.2], ['told neighbours', 2],
      ['uncovered', 1.5], ['wet himself', 1.5], ['wet herself', 1.5], ['medical history', 0.8],
    ],
  },
  'policy-decision': {
    topic: [
      ['decision', 1.2], ['decided', 1], ['policy', 1.5], ['criteria', 1.5], ['discretion', 2], ['guidance', 1],
      ['appeal', 1], ['panel', 1], ['reconsideration', 1.2], ['eligibility', 1], ['exception', 1], ['exceptions', 1],
      ['rules', 1], ['regulations', 1], ['code', 0.6], ['framework', 1],
      ['representations', 1.5], 
    ],
    problem: [
      ['wrong decision', 3], ['unfair decision', 3], ['maladministration', 3], ['misapplied', 3], ['fettered', 3],
      ['blanket policy', 3], ['blanket ban', 2.5], ['irrational', 2.5], ['unreasonable', 1.2], ['flawed', 1.8],
      ['not follow policy', 2.5], ['not follow guidance', 2.5], ['not follow procedure', 2.5], ['not follow own', 2.5],
      ['failed follow', 1.5], ['not consider', 1.8], ['without considering', 2.2], ['failed consider', 2.2],
      ['ignored evidence', 2], ['ignored medical evidence', 2.5], ['applied rigidly', 2.5], ['rigidly', 2],
      ['inconsistently', 1.5], ['refused', 0.6], ['rejected', 0.8],
      ['without reasons', 1.5], ['without consultation', 1], ['misreading', 1.5],
      ['assumption', 1.2], ['wrongly assessed', 2], ['wrongly scored', 2.5], ['not take account', 2], ['took no account', 2],
      ['not reconsider', 1.5], ['without valid reason', 2], ['no valid reason', 2], ['not look evidence', 2],
      ['despite medical', 1.5], ['medical evidence', 1.2], ['own error', 1.5], ['unfairly', 1.2], ['unfair', 1.2],
    ],
  },
  'financial-remedy-billing': {
    topic: [
      ['bill', 1.5], ['billed', 2], ['billing', 2.2], ['invoice', 2.2], ['charge', 1.5], ['charged', 1.8], ['charges', 1.5],
      ['fee', 1.5], ['fees', 1.5], ['refund', 2.5], ['refunded', 2.5], ['reimburse', 2.5], ['reimbursement', 2.5],
      ['compensation', 2], ['compensate', 2], ['payment', 0.8], ['paid', 0.8], ['debt', 1.2], ['debt collectors', 2],
      ['bailiff', 1], ['direct debit', 2], ['money', 1], ['cost', 0.8], ['costs', 0.8], ['£0', 0.8],
      ['out pocket', 2.5], ['goodwill payment', 2.5], ['ex gratia', 3], ['balance', 1.2], ['account', 0.6], 
      ['top up', 1.5], ['owe', 1.5], ['financial loss', 2.5], ['interest', 0.8], ['deposit', 1.2],
    ],
    problem: [
      ['overcharged', 3], ['charged twice', 3], ['billing error', 3], ['not refunded', 2.5],
      ['lost £0', 2],
    ],
  },
  'benefits-tax': {
    topic: [
      ['benefit', 1.5], ['benefits', 1.5], ['hmrc', 3], ['taxman', 3], ['tax', 1.2],
      ['dwp', 3],
      ['jobcentre', 3], ['work coach', 2.5], ['claim', 1], ['claimant', 2], ['national insurance', 1.5], ['fit note', 1.5], ['free school meals', 0.8], ['student loan', 1.5], ['food bank', 0.8],
    ],
    about: [
      ['universal credit', 3], ['uc', 2.5], ['pip', 3], ['personal independence payment', 3], ['esa', 3],
      ['jobseeker', 2.5], ['tax credits', 3], ['tax credit', 3], ['tax code', 3], ['tax return', 3],
      ['self assessment', 2.5], ['child maintenance', 3], ['cms', 2.5], ['sanction', 1.5], ['sanctioned', 2],
      ['overpayment', 1.2], ['overpaid', 1.2], ['housing benefit', 3], ['council tax reduction', 3],
      ['council tax support', 3], ['pension credit', 3], ['state pension', 2.5], ['carer allowance', 3],
      ['attendance allowance', 3], ['allowance', 1.5], ['award', 1], ['work capability assessment', 3],
      ['mandatory reconsideration', 3], ['child benefit', 3], ['paying parent', 3], ['receiving parent', 3],
      ['paye', 2.5], ['p60', 2.5], ['inheritance tax', 3], ['entitlement', 1.2], ['vat', 2],
    ],
    problem: [],
  },
  housing: {
    topic: [
      ['housing', 2], ['tenant', 2], ['landlord', 2],
      ['roof', 1.2], ['accommodation', 1.5], ['b b', 1.5], ['waiting list', 0.6], ['rent', 1.5], ['housing association', 3], ['social housing', 3], ['flat', 1.2],
      ['property', 0.8], ['windows', 1], ['rats', 1],
      ['anti social behaviour', 2], ['block', 1.2],
      ['tower block', 2.5], ['housing officer', 1.5], ['estate', 0.8],
      ['walls', 1], ['contractor', 0.8], ['front door', 1], ],
    about: [
      ['council house', 2.5], ['council flat', 2.5], ['tenancy', 2.5], ['repair', 1.8], ['repairs', 2], ['damp', 2.5],
      ['mould', 2.5], ['condensation', 2.5], ['leak', 1.8], ['leaking', 1.8], ['leaks', 1.8], ['boiler', 2],
      ['heating', 1.5], ['hot water', 1.5], ['homeless', 2.5], ['homelessness', 2.5], ['temporary accommodation', 3],
      ['hostel', 2.5], ['housing register', 3], ['allocation', 2], ['allocations', 2], ['bid', 1.2], ['band', 1],
      ['eviction', 2.5], ['evicted', 2.5], ['rent arrears', 2.5], ['overcrowded', 3], ['disrepair', 3],
      ['infestation', 2], ['cockroach', 2], ['bed bugs', 2], ['adaptations', 1.5], ['sheltered housing', 3],
      ['section 21', 2], ['sleeping rough', 2.5], ['mutual exchange', 3], ['succession', 1.5], ['subsidence', 2],
      ['ceiling', 1.5],
    ],
    problem: [],
  },
  'education-send': {
    topic: [
      ['school', 2], ['schools', 2], ['pupil', 2], ['headteacher', 2.5], ['head teacher', 2.5], ['teacher', 1.5],
      ['teachers', 1.5], ['education', 1.8],
      ['college', 1.5], ['nursery', 1.5], ['university', 1.2], ['classroom', 2], ['class', 1], ['one to one', 1], ['term', 0.8],
      ['bullied', 1], ['bullying', 1], ['academy', 2], ],
    about: [
      ['ehcp', 3], ['ehc', 3], ['education health care plan', 3], ['sen', 2.5], ['senco', 3],
      ['special educational needs', 3], ['special educational', 3], ['excluded', 1], ['exclusion', 1.5],
      ['admissions', 1.5], ['school place', 3], ['school transport', 3], ['educational psychologist', 3],
      ['teaching assistant', 3], ['annual review', 1.5], ['timetable', 1], ['homework', 2], ['uniform', 2],
      ['pupil referral unit', 3], ['home education', 2.5], ['special school', 3], ['exams', 1.5],
    ],
    problem: [],
  },
  'social-care': {
    topic: [
      ['social care', 3], ['adult social care', 3], ['children social care', 3], ['social worker', 2], ['carers', 1.5], ['carer', 1.2],
      ['care home', 2.5], ['nursing home', 2.5], ['residential care', 2.5],
      ['care agency', 3], ['agency', 0.8], ['care workers', 1.5], ['care worker', 1.5], ['calls', 0.5],
      ['children services', 2], ['adult services', 2], ['foster', 1.5], ['occupational therapist', 1.5],
      ],
    about: [
      ['care package', 3], ['package care', 3], ['care assessment', 2.5], ['needs assessment', 2], ['home care', 2.5],
      ['domiciliary', 3], ['respite', 2.5], ['direct payments', 2.5], ['personal budget', 3], ['carer assessment', 3],
      ['care leaver', 3], ['reablement', 3], ['care plan', 1.2], ['support plan', 1.5], ['care act', 3],
      ['continuing healthcare', 2], ['day centre', 2.5], ['supported living', 2.5], ['meals on wheels', 3],
      ['kinship carer', 3], ['shared lives', 3], ['personal assistant', 2], ['visits', 0.8], ['placement', 1.2],
      ['looked after', 2],
    ],
    problem: [['missed visits', 2.5], ['missed calls', 2]],
  },
  'planning-environment': {
    topic: [
      ['planning', 2.5], ['planning officer', 3],
      ['nuisance', 1], ['waste', 1.5], ['road', 1],
      ['roads', 1], ['pavement', 2], ['trees', 1.2], ['smell', 1], ['smoke', 1], ['traffic', 1.2], ['licence', 0.8], ['footpath', 1.8], ['grass', 1.2], ['lorries', 1.5], ['committee', 0.8], ['bench', 1], ['park', 1], 
    ],
    about: [
      ['planning permission', 3], ['planning application', 3], ['building control', 3], ['extension', 1.5],
      ['developer', 1.5], ['enforcement', 1], ['noise', 2], ['environmental health', 3], ['bins', 2],
      ['bin', 1.5], ['collection', 1], ['recycling', 2], ['fly tipping', 3], ['litter', 2], ['pothole', 3],
      ['potholes', 3], ['highways', 3], ['street light', 2.5], ['tree preservation order', 3], ['hedge', 1.5],
      ['drains', 1.5], ['drainage', 1.5], ['flooding', 1.5], ['pollution', 2], ['air quality', 2.5], ['bonfires', 2],
      ['dog fouling', 3], ['listed building', 3], ['conservation area', 3], ['rights way', 2.5], ['verges', 2],
      ['graffiti', 2.5], ['roadworks', 2.5], ['quarry', 2], ['site notice', 2.5], ['permitted development', 3],
      ['food hygiene', 2.5], ['contaminated land', 3], ['statutory nuisance', 3], ['one way system', 2.5],
    ],
    problem: [['missed collection', 2.5], ['bins missed', 2.5], ['not collected', 2], ],
  },
};
