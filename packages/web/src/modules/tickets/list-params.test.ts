import { describe, expect, it } from 'vitest';
import { filterParams } from './api';
import { hasDrillFilters, hasFilters, readFilters } from './list-params';

describe('ticket list drill-down filters', () => {
  it('reads what an analytics link sets, keeps it through the address, and counts it as a filter', () => {
    const params = new URLSearchParams(
      'view=all&resolvedFrom=2026-03-03T00%3A00%3A00%2B08%3A00&resolvedTo=2026-03-10T00%3A00%3A00%2B08%3A00&rating=1&rating=2&rating=9&transferred=true&reopened=false&slaBreached=resolution&teamId=4',
    );
    const filters = readFilters(params, 'waiting', ['waiting', 'all']);
    expect(filters).toMatchObject({
      view: 'all',
      resolvedFrom: '2026-03-03T00:00:00+08:00',
      resolvedTo: '2026-03-10T00:00:00+08:00',
      rating: [1, 2],
      transferred: true,
      reopened: false,
      slaBreached: 'resolution',
      teamId: 4,
    });
    expect(hasDrillFilters(filters)).toBe(true);
    expect(hasFilters(filters)).toBe(true);
    expect(readFilters(filterParams(filters), 'waiting', ['waiting', 'all'])).toEqual(filters);
  });

  it('ignores values the API would refuse', () => {
    const filters = readFilters(new URLSearchParams('slaBreached=both&transferred=yes&rating=0'), 'waiting', ['waiting']);
    expect(hasDrillFilters(filters)).toBe(false);
  });
});
