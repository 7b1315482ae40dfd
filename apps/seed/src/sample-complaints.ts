import type { ComplaintSubmission } from '@app/domain';
import data from './data/sample-complaints.json';

const DAY_MS = 86_400_000;
const SPREAD_DAYS = 56;
const OUTCOMES = ['upheld', 'partly-upheld', 'not-upheld', 'upheld', 'resolved', 'open', 'partly-upheld', 'not-upheld', 'upheld', 'withdrawn'];
const CHANNELS = ['letter', 'email', 'phone', 'web', 'in-person'];
const REMEDIES = [['apology', 'service-change'], ['apology', 'staff-training'], ['explanation'], ['apology', 'financial'], ['policy-change', 'apology']];
const WITH_LEARNING = new Set(['upheld', 'partly-upheld', 'resolved']);

interface SampleBody {
  referencePrefix: string;
  learning: string[];
  items: Array<{ area: string; text: string }>;
}

/**
 * The first-start sample's complaints per organisation key (`data/sample-complaints.json`),
 * received over the eight weeks before `now` and interleaved across bodies, with a spread of
 * outcomes, channels and remedies. Deterministic for a given `now`; references never change.
 */
export function buildSampleComplaints(now: Date): Map<string, ComplaintSubmission[]> {
  const bodies = Object.entries(data.bodies as Record<string, SampleBody>);
  const total = bodies.reduce((sum, [, body]) => sum + body.items.length, 0);
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const latestClose = now.getTime() - 3_600_000;
  const byBody = new Map<string, ComplaintSubmission[]>();
  bodies.forEach(([key, body], bodyIndex) => {
    const records = body.items.map((item, index) => {
      const order = index * bodies.length + bodyIndex;
      const daysAgo = 1 + Math.floor(((total - 1 - order) * (SPREAD_DAYS - 1)) / total);
      const received = today - daysAgo * DAY_MS + (8 + ((order * 7) % 9)) * 3_600_000 + ((order * 13) % 60) * 60_000;
      const outcome = OUTCOMES[index % OUTCOMES.length];
      const record: ComplaintSubmission = {
        reference: `${body.referencePrefix}-S${String(index + 1).padStart(3, '0')}`,
        receivedAt: new Date(received).toISOString(),
        serviceArea: item.area,
        channel: CHANNELS[order % CHANNELS.length],
        stage: index % 7 === 6 ? 'review' : 'local',
        summary: item.text,
        outcome,
      };
      if (outcome !== 'open') record.closedAt = new Date(Math.min(received + (3 + ((order * 5) % 20)) * DAY_MS, Math.max(latestClose, received))).toISOString();
      if (WITH_LEARNING.has(outcome)) {
        record.learning = body.learning[index % body.learning.length];
        record.remedies = REMEDIES[index % REMEDIES.length];
      }
      return record;
    });
    byBody.set(key, records);
  });
  return byBody;
}
