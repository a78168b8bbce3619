/** Whole months from `from` to `to` (both `YYYY-MM-DD`): a month counts once its day-of-month is reached. */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  const months = (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
  return Math.max(0, months);
}

const cents = (n: number) => Math.round(n * 100) / 100;

/**
 * Straight-line depreciation (SPEC §3.6): the price less its residual value is spread evenly over the
 * category's useful life, month by month from the purchase date; after the life the residual remains.
 */
export function depreciation(price: number, purchaseDate: string, today: string, usefulLifeMonths: number, residualRate: number) {
  const monthsUsed = Math.min(monthsBetween(purchaseDate, today), usefulLifeMonths);
  const monthly = (price * (1 - residualRate)) / usefulLifeMonths;
  return { usefulLifeMonths, residualRate, monthsUsed, monthly: cents(monthly), netValue: cents(price - monthly * monthsUsed) };
}
