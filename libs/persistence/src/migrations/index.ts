import { Foundation1764086400000 } from './1764086400000-foundation.migration';
import { Learning1764090000000 } from './1764090000000-learning.migration';
import { MailLearning1764095000000 } from './1764095000000-mail-learning.migration';
import { MailSendLease1764100000000 } from './1764100000000-mail-send-lease.migration';
import { DedupWatermark1764110000000 } from './1764110000000-dedup-watermark.migration';
import { BandKeys1764120000000 } from './1764120000000-band-keys.migration';
import { ComplaintStorage1764130000000 } from './1764130000000-complaint-storage.migration';
import { DropClassifierVersionIndex1764140000000 } from './1764140000000-drop-classifier-version-index.migration';

/** Every migration, in order. Listed explicitly so a bundle or a test never depends on a glob. */
export const MIGRATIONS = [Foundation1764086400000, Learning1764090000000, MailLearning1764095000000, MailSendLease1764100000000, DedupWatermark1764110000000, BandKeys1764120000000, ComplaintStorage1764130000000, DropClassifierVersionIndex1764140000000];
