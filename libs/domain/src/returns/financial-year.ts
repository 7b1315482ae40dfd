/** A UK financial year: 1 April `year` to 31 March `year + 1` (KO41a and the LGSCO review letters both use it). */
export interface FinancialYear {
  year: number;
  /** 'YYYY-MM-DD', inclusive. */
  from: string;
  /** 'YYYY-MM-DD', exclusive. */
  to: string;
  /** "2025-26" */
  label: string;
}

export function financialYear(year: number): FinancialYear {
  if (!Number.isSafeInteger(year) || year < 2000 || year > 2100) throw new RangeError(`year must be a whole number 2000–2100, got ${year}`);
  return { year, from: `${year}-04-01`, to: `${year + 1}-04-01`, label: `${year}-${String((year + 1) % 100).padStart(2, '0')}` };
}
