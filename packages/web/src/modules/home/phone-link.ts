// The server's to-do links are PC paths; on the phone the ticket ones open the matching 工单 tab.
const PHONE_TABS: Record<string, string> = { waiting: 'todo', overdue: 'todo', team: 'pool', approvals: 'approvals', requested: 'mine' };

/** The phone page for a to-do link, or null when the phone has no such page (administration). */
export function phoneLink(link: string): string | null {
  const url = new URL(link, 'http://x');
  if (url.pathname === '/stocktakes') return '/m/stocktakes';
  // Assets waiting for my receipt or transfer-in: the phone's 我的资产.
  if (url.pathname === '/assets/mine') return '/m/assets';
  // Demands to approve or to rate: the phone's 需求.
  if (url.pathname === '/demands') return `/m/demands?tab=${url.searchParams.get('view') === 'toApprove' ? 'approve' : 'mine'}`;
  // Releases waiting for my approval: the phone's 发布审批.
  if (url.pathname === '/releases' && url.searchParams.get('todo') === 'approve') return '/m/releases';
  // My incidents and my teams' unassigned ones: the phone's 我的事件.
  if (url.pathname === '/incidents') return '/m/incidents';
  // My faults and the overdue ones: the phone's 我的故障 (corrective actions stay on PC).
  if (url.pathname === '/faults') return '/m/faults';
  if (url.pathname !== '/tickets') return null;
  return `/m/tickets?tab=${PHONE_TABS[url.searchParams.get('view') ?? ''] ?? 'mine'}`;
}
