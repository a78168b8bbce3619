// The server's to-do links are PC paths; on the phone the ticket ones open the matching 工单 tab.
const PHONE_TABS: Record<string, string> = { waiting: 'todo', overdue: 'todo', team: 'pool', approvals: 'approvals', requested: 'mine' };

/** The phone page for a to-do link, or null when the phone has no such page (administration). */
export function phoneLink(link: string): string | null {
  const url = new URL(link, 'http://x');
  if (url.pathname === '/stocktakes') return '/m/stocktakes';
  // Assets waiting for my receipt or transfer-in: the phone's 我的资产.
  if (url.pathname === '/assets/mine') return '/m/assets';
  if (url.pathname !== '/tickets') return null;
  return `/m/tickets?tab=${PHONE_TABS[url.searchParams.get('view') ?? ''] ?? 'mine'}`;
}
