import { describe, expect, it } from 'vitest';
import { phoneLink } from './phone-link';

describe('phone to-do links', () => {
  it('open the matching 工单 tab on the phone, and nothing for administration pages', () => {
    expect(phoneLink('/tickets?view=waiting')).toBe('/m/tickets?tab=todo');
    expect(phoneLink('/tickets?view=team&status=new')).toBe('/m/tickets?tab=pool');
    expect(phoneLink('/tickets?view=approvals')).toBe('/m/tickets?tab=approvals');
    expect(phoneLink('/tickets?view=requested&status=resolved')).toBe('/m/tickets?tab=mine');
    expect(phoneLink('/admin/users?locked=true')).toBeNull();
  });

  it('open 资产盘点 on the phone for stocktakes to count', () => {
    expect(phoneLink('/stocktakes?mine=counter')).toBe('/m/stocktakes');
  });

  it('open the phone pages of the operations modules, and nothing for what the phone does not have', () => {
    expect(phoneLink('/incidents?view=mine')).toBe('/m/incidents');
    expect(phoneLink('/faults?view=overdue')).toBe('/m/faults');
    expect(phoneLink('/faults/actions')).toBeNull();
    expect(phoneLink('/demands?view=toApprove')).toBe('/m/demands?tab=approve');
    expect(phoneLink('/releases?todo=approve')).toBe('/m/releases');
    expect(phoneLink('/releases?todo=accept')).toBeNull();
  });
});
