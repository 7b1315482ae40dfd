/**
 * NHS number check digit (modulus 11): weights 10..2 over the first nine digits,
 * check = 11 − (sum mod 11); 11 means 0 and 10 means the number is invalid.
 * Only checksum-valid numbers are redacted, so invoice and reference numbers stay.
 */
export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i += 1) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}
