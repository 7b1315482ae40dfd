import { Foundation1764086400000 } from './1764086400000-foundation.migration';
import { Learning1764090000000 } from './1764090000000-learning.migration';
import { MailLearning1764095000000 } from './1764095000000-mail-learning.migration';
import { MailSendLease1764100000000 } from './1764100000000-mail-send-lease.migration';
import { DedupWatermark1764110000000 } from './1764110000000-dedup-watermark.migration';
import { BandKeys1764120000000 } from './1764120000000-band-keys.migration';
import { ComplaintStorage1764130000000 } from './1764130000000-complaint-storage.migration';
import { DropClassifierVersionIndex1764140000000 } from './1764140000000-drop-classifier-version-index.migration';
import { DedupV21765000000000 } from './1765000000000-dedup-v2.migration';
import { Audit1765050000000 } from './1765050000000-audit.migration';
import { ApiKeys1765200000000 } from './1765200000000-api-keys.migration';
import { DataProtection1765300000001 } from './1765300000001-data-protection.migration';
import { Arrival1765600000001 } from './1765600000001-arrival.migration';
import { ComplaintReview1766000000000 } from './1766000000000-complaint-review.migration';
import { ClassifierModel1766100000000 } from './1766100000000-classifier-model.migration';
import { ComplaintList1766300000000 } from './1766300000000-complaint-list.migration';
import { ContactSignIn1766500000000 } from './1766500000000-contact-sign-in.migration';
import { LearningWeeklyRollup1766600000000 } from './1766600000000-learning-weekly-rollup.migration';
import { DropReceivedAtIndex1766700000000 } from './1766700000000-drop-received-at-index.migration';

/** Every migration, in order. Listed explicitly so a bundle or a test never depends on a glob. */
export const MIGRATIONS = [Foundation1764086400000, Learning1764090000000, MailLearning1764095000000, MailSendLease1764100000000, DedupWatermark1764110000000, BandKeys1764120000000, ComplaintStorage1764130000000, DropClassifierVersionIndex1764140000000, DedupV21765000000000, Audit1765050000000, ApiKeys1765200000000, DataProtection1765300000001, Arrival1765600000001, ComplaintReview1766000000000, ClassifierModel1766100000000, ComplaintList1766300000000, ContactSignIn1766500000000, LearningWeeklyRollup1766600000000, DropReceivedAtIndex1766700000000];
