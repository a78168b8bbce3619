import { describe, expect, it } from 'vitest';
import { depreciation, monthsBetween } from './depreciation.js';

describe('straight-line depreciation', () => {
  it('counts whole months, a month once its day is reached', () => {
    expect(monthsBetween('2025-01-15', '2025-02-14')).toBe(0);
    expect(monthsBetween('2025-01-15', '2025-02-15')).toBe(1);
    expect(monthsBetween('2024-11-30', '2026-11-22')).toBe(23);
    expect(monthsBetween('2026-12-01', '2026-11-22')).toBe(0);
  });

  it('spreads the price less the residual over the life', () => {
    // 6,000 over 36 months, 5 % residual: 158.33 a month; after 12 months 6,000 − 1,900 = 4,100.
    const d = depreciation(6000, '2025-11-01', '2026-11-22', 36, 0.05);
    expect(d.monthly).toBe(158.33);
    expect(d.monthsUsed).toBe(12);
    expect(d.netValue).toBe(4100);
  });

  it('keeps the residual value once the life is over, and the full price in the first month', () => {
    expect(depreciation(10000, '2015-01-01', '2026-11-22', 60, 0.05).netValue).toBe(500);
    expect(depreciation(10000, '2026-11-01', '2026-11-22', 60, 0.05).netValue).toBe(10000);
  });
});
