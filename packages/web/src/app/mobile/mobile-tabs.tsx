import type { Permission } from '@shuyun/shared';
import { AppOutline, ContentOutline, FileOutline, UserOutline } from 'antd-mobile-icons';
import type { ReactNode } from 'react';

export interface MobileTab {
  key: string;
  path: string;
  icon: ReactNode;
  /** i18n key of the tab title. */
  title: 'mobile.tabs.home' | 'mobile.tabs.mine' | 'ticketsUi.tab' | 'knowledgeDesk.mobile.tab';
  permission?: Permission;
}

/** The phone tab bar. Modules add their tabs between home and mine as they land. */
export const MOBILE_TABS: MobileTab[] = [
  { key: 'home', path: '/m', icon: <AppOutline />, title: 'mobile.tabs.home' },
  { key: 'tickets', path: '/m/tickets', icon: <FileOutline />, title: 'ticketsUi.tab', permission: 'ticket.read' },
  { key: 'knowledge', path: '/m/knowledge', icon: <ContentOutline />, title: 'knowledgeDesk.mobile.tab', permission: 'knowledge.read' },
  { key: 'mine', path: '/m/mine', icon: <UserOutline />, title: 'mobile.tabs.mine' },
];
