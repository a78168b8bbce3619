import {
  AlertOutlined,
  ApartmentOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  BranchesOutlined,
  BulbOutlined,
  CalendarOutlined,
  CheckCircleOutlined,
  CheckSquareOutlined,
  CloudUploadOutlined,
  DatabaseOutlined,
  EnvironmentOutlined,
  FieldTimeOutlined,
  FileTextOutlined,
  FolderOpenOutlined,
  HomeOutlined,
  ImportOutlined,
  LaptopOutlined,
  LineChartOutlined,
  NotificationOutlined,
  ProfileOutlined,
  RocketOutlined,
  SafetyCertificateOutlined,
  ScanOutlined,
  SendOutlined,
  ShoppingOutlined,
  TeamOutlined,
  ToolOutlined,
  UnorderedListOutlined,
  UserOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import type { Permission } from '@shuyun/shared';
import type { ReactNode } from 'react';

export interface NavEntry {
  path: string;
  icon: ReactNode;
  /** i18n key of the menu label. */
  label:
    | 'nav.home'
    | 'nav.departments'
    | 'nav.users'
    | 'nav.teams'
    | 'nav.systems'
    | 'nav.roles'
    | 'nav.import'
    | 'nav.audit'
    | 'ticketsUi.nav.tickets'
    | 'ticketsUi.nav.catalog'
    | 'deskAdmin.nav.catalog'
    | 'deskAdmin.nav.sla'
    | 'deskAdmin.nav.rules'
    | 'deskAdmin.nav.channels'
    | 'deskAdmin.nav.deliveries'
    | 'knowledge.title'
    | 'knowledge.admin.categories'
    | 'analytics.title'
    | 'spares.nav.items'
    | 'spares.nav.ledger'
    | 'spares.nav.lowStock'
    | 'spares.nav.receipt'
    | 'spares.nav.warehouses'
    | 'stocktake.title'
    | 'assets.register'
    | 'assets.mine'
    | 'assets.scrapApprovals'
    | 'assets.settingsNav'
    | 'demands.nav.list'
    | 'releases.nav.list'
    | 'releases.nav.calendar'
    | 'incidents.nav.list'
    | 'incidents.nav.settings'
    | 'faults.nav.list'
    | 'faults.nav.availability'
    | 'faults.nav.actions';
  /** Shown only to holders of this permission. */
  permission?: Permission;
}

export interface NavSection {
  key: string;
  label?: 'nav.admin' | 'spares.title' | 'faults.title';
  icon?: ReactNode;
  entries: NavEntry[];
}

/** The PC side menu. Modules add their sections here as they land. */
export const PC_NAVIGATION: NavSection[] = [
  {
    key: 'main',
    entries: [
      { path: '/', icon: <HomeOutlined />, label: 'nav.home' },
      { path: '/tickets', icon: <ProfileOutlined />, label: 'ticketsUi.nav.tickets', permission: 'ticket.read' },
      { path: '/catalog', icon: <ShoppingOutlined />, label: 'ticketsUi.nav.catalog', permission: 'catalog.read' },
      { path: '/incidents', icon: <AlertOutlined />, label: 'incidents.nav.list', permission: 'incident.read' },
      { path: '/knowledge', icon: <BulbOutlined />, label: 'knowledge.title', permission: 'knowledge.read' },
      { path: '/analytics', icon: <BarChartOutlined />, label: 'analytics.title', permission: 'analytics.view' },
      { path: '/assets', icon: <DatabaseOutlined />, label: 'assets.register', permission: 'asset.read' },
      { path: '/assets/mine', icon: <LaptopOutlined />, label: 'assets.mine', permission: 'asset.read' },
      { path: '/assets/scrap-approvals', icon: <CheckSquareOutlined />, label: 'assets.scrapApprovals', permission: 'asset.approve' },
      { path: '/stocktakes', icon: <ScanOutlined />, label: 'stocktake.title', permission: 'asset.stocktake' },
      { path: '/demands', icon: <FileTextOutlined />, label: 'demands.nav.list', permission: 'demand.read' },
      { path: '/releases', icon: <RocketOutlined />, label: 'releases.nav.list', permission: 'release.read' },
      { path: '/releases/calendar', icon: <CalendarOutlined />, label: 'releases.nav.calendar', permission: 'release.read' },
    ],
  },
  {
    key: 'faults',
    label: 'faults.title',
    icon: <AlertOutlined />,
    entries: [
      { path: '/faults', icon: <AlertOutlined />, label: 'faults.nav.list', permission: 'fault.read' },
      { path: '/faults/availability', icon: <LineChartOutlined />, label: 'faults.nav.availability', permission: 'fault.read' },
      { path: '/faults/actions', icon: <CheckCircleOutlined />, label: 'faults.nav.actions', permission: 'fault.read' },
    ],
  },
  {
    key: 'spares',
    label: 'spares.title',
    icon: <ToolOutlined />,
    entries: [
      { path: '/spares/items', icon: <DatabaseOutlined />, label: 'spares.nav.items', permission: 'spare.read' },
      { path: '/spares/ledger', icon: <UnorderedListOutlined />, label: 'spares.nav.ledger', permission: 'spare.read' },
      { path: '/spares/low-stock', icon: <WarningOutlined />, label: 'spares.nav.lowStock', permission: 'spare.read' },
      { path: '/spares/receipt', icon: <ImportOutlined />, label: 'spares.nav.receipt', permission: 'spare.manage' },
      { path: '/spares/warehouses', icon: <HomeOutlined />, label: 'spares.nav.warehouses', permission: 'spare.manage' },
    ],
  },
  {
    key: 'admin',
    label: 'nav.admin',
    icon: <AppstoreOutlined />,
    entries: [
      { path: '/admin/departments', icon: <ApartmentOutlined />, label: 'nav.departments', permission: 'org.department.read' },
      { path: '/admin/users', icon: <UserOutlined />, label: 'nav.users', permission: 'org.user.read' },
      { path: '/admin/teams', icon: <TeamOutlined />, label: 'nav.teams', permission: 'org.team.read' },
      { path: '/admin/systems', icon: <AppstoreOutlined />, label: 'nav.systems', permission: 'org.system.read' },
      { path: '/admin/roles', icon: <SafetyCertificateOutlined />, label: 'nav.roles', permission: 'role.read' },
      { path: '/admin/import', icon: <CloudUploadOutlined />, label: 'nav.import', permission: 'org.import' },
      { path: '/admin/audit', icon: <AuditOutlined />, label: 'nav.audit', permission: 'audit.read' },
      { path: '/admin/catalog', icon: <BookOutlined />, label: 'deskAdmin.nav.catalog', permission: 'catalog.manage' },
      { path: '/admin/sla', icon: <FieldTimeOutlined />, label: 'deskAdmin.nav.sla', permission: 'sla.read' },
      { path: '/admin/assignment-rules', icon: <BranchesOutlined />, label: 'deskAdmin.nav.rules', permission: 'ticket.manage' },
      {
        path: '/admin/knowledge-categories',
        icon: <FolderOpenOutlined />,
        label: 'knowledge.admin.categories',
        permission: 'knowledge.manage',
      },
      { path: '/assets/settings', icon: <EnvironmentOutlined />, label: 'assets.settingsNav', permission: 'asset.manage' },
      { path: '/admin/incident-alerts', icon: <AlertOutlined />, label: 'incidents.nav.settings', permission: 'incident.manage' },
      {
        path: '/admin/notification-channels',
        icon: <NotificationOutlined />,
        label: 'deskAdmin.nav.channels',
        permission: 'notification.manage',
      },
      {
        path: '/admin/notification-deliveries',
        icon: <SendOutlined />,
        label: 'deskAdmin.nav.deliveries',
        permission: 'notification.manage',
      },
    ],
  },
];

/** The menu entries this user may open, sections without any entry left out. */
export function visibleNavigation(can: (permission: Permission) => boolean): NavSection[] {
  return PC_NAVIGATION.map((section) => ({
    ...section,
    entries: section.entries.filter((entry) => !entry.permission || can(entry.permission)),
  })).filter((section) => section.entries.length > 0);
}

/** The entry whose path is the longest prefix of the current path, for the selected menu item. */
export function activeEntry(sections: NavSection[], pathname: string): NavEntry | undefined {
  let best: NavEntry | undefined;
  for (const entry of sections.flatMap((section) => section.entries)) {
    const matches = entry.path === '/' ? pathname === '/' : pathname === entry.path || pathname.startsWith(`${entry.path}/`);
    if (matches && (!best || entry.path.length > best.path.length)) best = entry;
  }
  return best;
}
