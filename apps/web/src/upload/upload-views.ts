import type { AcceptedRow, RejectedRow, UploadProgress } from './upload-progress.store';

/** Accepted rows listed per page. */
export const ACCEPTED_PAGE_ROWS = 100;

const number = (value: number) => value.toLocaleString('en-GB');

/**
 * A row as a spreadsheet numbers it: the header is row 1, so the first complaint is row 2
 * (data row index 0). Blank lines, which the parser skips, are not counted.
 */
export function spreadsheetRow(index: number): number {
  return index + 2;
}

/** Problems with a whole row (it could not be read, or was not a record) have no single field. */
function fieldLabel(field: string): string {
  return field === 'csv' || field === '(record)' ? 'Whole row' : field;
}

export function progressView(progress: UploadProgress) {
  const percent = progress.total === 0 ? 100 : Math.floor((progress.done / progress.total) * 100);
  return {
    upload: progress,
    phase: progress.phase,
    percent,
    figures: { total: number(progress.total), done: number(progress.done), accepted: number(progress.accepted), rejected: number(progress.rejected) },
    remaining: number(progress.total - progress.done),
  };
}

/** One table row per problem, in file order: a row with two bad fields shows twice. */
export function rejectedTable(rows: RejectedRow[]): Array<Array<{ text: string }>> {
  return [...rows]
    .sort((a, b) => a.index - b.index)
    .flatMap((row) => row.details.map((detail) => [{ text: String(spreadsheetRow(row.index)) }, { text: fieldLabel(detail.field) }, { text: detail.message }]));
}

export function statusJson(progress: UploadProgress) {
  const { phase, total, done, accepted, rejected } = progress;
  return { phase, total, done, accepted, rejected };
}

export async function acceptedPage(progress: UploadProgress, pageParam: unknown, load: (offset: number, count: number) => Promise<AcceptedRow[]>) {
  const pages = Math.max(1, Math.ceil(progress.accepted / ACCEPTED_PAGE_ROWS));
  const asked = typeof pageParam === 'string' && /^[1-9]\d{0,5}$/.test(pageParam) ? Number(pageParam) : 1;
  const page = Math.min(asked, pages);
  const rows = await load((page - 1) * ACCEPTED_PAGE_ROWS, ACCEPTED_PAGE_ROWS);
  const base = `/complaints/upload/${progress.id}/accepted`;
  return {
    upload: progress,
    acceptedCount: number(progress.accepted),
    rows: rows.map((row) => ({ row: spreadsheetRow(row.index), reference: row.reference, href: `/complaints/${row.id}` })),
    pagination:
      pages > 1
        ? {
            previous: page > 1 ? { href: `${base}?page=${page - 1}` } : undefined,
            next: page < pages ? { href: `${base}?page=${page + 1}` } : undefined,
            items: paginationItems(page, pages, (n) => `${base}?page=${n}`),
          }
        : undefined,
    page,
    pages,
  };
}

/** GOV.UK pagination: the first, the last and the pages next to the current one, with ellipses between. */
function paginationItems(page: number, pages: number, href: (n: number) => string) {
  const items: Array<{ number?: number; href?: string; current?: boolean; ellipsis?: boolean }> = [];
  for (let n = 1; n <= pages; n += 1) {
    if (n === 1 || n === pages || Math.abs(n - page) <= 1) items.push({ number: n, href: href(n), current: n === page });
    else if (!items[items.length - 1]?.ellipsis) items.push({ ellipsis: true });
  }
  return items;
}
