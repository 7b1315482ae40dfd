import type { ContactRow } from '@app/persistence';
import { themeLabel } from '@app/domain/digest';

const DIGEST_LABELS = { daily: 'Daily', weekly: 'Weekly', none: 'None' } as const;

/** One row of the contacts table, in words. */
export function contactRowView(row: ContactRow, viewerContactId: string | undefined) {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    isSelf: row.id === viewerContactId,
    serviceAreas: row.serviceAreas.length > 0 ? row.serviceAreas.join(', ') : 'None',
    themes: row.themes.length > 0 ? row.themes.map((theme) => themeLabel(theme)).join(', ') : 'None',
    digest: DIGEST_LABELS[row.digest],
    subscribed: row.unsubscribedAt === null,
  };
}
