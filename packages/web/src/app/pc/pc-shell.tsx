import {
  ApiOutlined,
  BellOutlined,
  DownOutlined,
  KeyOutlined,
  LockOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  MobileOutlined,
  ProfileOutlined,
} from '@ant-design/icons';
import { App, Avatar, Button, Dropdown, Layout, Menu, type MenuProps, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { BrandMark } from '../../components/brand-mark';
import { LanguageSwitch } from '../../components/language-switch';
import { NotificationBell } from '../../modules/notifications/notification-bell';
import { useAuth, useMe } from '../auth';
import { activeEntry, visibleNavigation } from './pc-navigation';
import './pc-shell.css';

const COLLAPSED_KEY = 'shuyun.pc.siderCollapsed';

function initialCollapsed(): boolean {
  try {
    return localStorage.getItem(COLLAPSED_KEY) === '1';
  } catch {
    return false;
  }
}

/** The PC frame: side menu with the modules this user may use, header with language and user menu. */
export function PcShell() {
  const { t } = useTranslation();
  const me = useMe();
  const { can, logout } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(initialCollapsed);

  const sections = useMemo(() => visibleNavigation(can), [can]);
  const selected = activeEntry(sections, location.pathname);

  const menuItems: MenuProps['items'] = sections.map((section) => {
    const children = section.entries.map((entry) => ({ key: entry.path, icon: entry.icon, label: t(entry.label) }));
    return section.label
      ? { key: section.key, type: 'group' as const, label: collapsed ? null : t(section.label), children }
      : { key: section.key, type: 'group' as const, children };
  });

  const toggle = () => {
    setCollapsed((value) => {
      try {
        localStorage.setItem(COLLAPSED_KEY, value ? '0' : '1');
      } catch {
        // Only a preference.
      }
      return !value;
    });
  };

  const userMenu: MenuProps = {
    items: [
      { key: '/account/profile', icon: <ProfileOutlined />, label: t('auth.profile') },
      { key: '/account/password', icon: <LockOutlined />, label: t('auth.changePassword') },
      { key: '/account/notifications', icon: <BellOutlined />, label: t('notifications.preferences') },
      { key: '/account/tokens', icon: <KeyOutlined />, label: t('auth.tokens') },
      { type: 'divider' },
      { key: '/m', icon: <MobileOutlined />, label: t('mobile.switchToMobile') },
      { key: 'docs', icon: <ApiOutlined />, label: t('nav.apiDocs') },
      { type: 'divider' },
      { key: 'logout', icon: <LogoutOutlined />, label: t('auth.logout'), danger: true },
    ],
    onClick: ({ key }) => {
      if (key === 'logout') {
        logout()
          .then(() => navigate('/login', { replace: true }))
          .catch((error: Error) => message.error(error.message));
      } else if (key === 'docs') {
        window.open('/api/docs', '_blank', 'noopener');
      } else {
        navigate(key);
      }
    },
  };

  return (
    <Layout className="pc-shell">
      <Layout.Sider
        className="pc-shell__sider"
        width={224}
        collapsedWidth={64}
        collapsible
        collapsed={collapsed}
        breakpoint="lg"
        onBreakpoint={(narrow) => setCollapsed(narrow || initialCollapsed())}
        trigger={null}
        theme="dark"
      >
        <button type="button" className="pc-shell__brand" onClick={() => navigate('/')}>
          <BrandMark size={28} />
          {!collapsed && <span className="pc-shell__brand-name">{t('app.name')}</span>}
        </button>
        <Menu
          theme="dark"
          mode="inline"
          items={menuItems}
          selectedKeys={selected ? [selected.path] : []}
          onClick={({ key }) => navigate(key)}
          data-testid="side-menu"
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="pc-shell__header">
          <Button
            type="text"
            icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={toggle}
            aria-label={collapsed ? t('shell.expandMenu') : t('shell.collapseMenu')}
          />
          <Typography.Text className="pc-shell__tagline" type="secondary">
            {t('app.tagline')}
          </Typography.Text>
          <Space size="middle" className="pc-shell__tools">
            <NotificationBell />
            <LanguageSwitch />
            <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
              <Button type="text" className="pc-shell__user" data-testid="user-menu">
                <Avatar size="small" style={{ background: '#1668dc' }}>
                  {me.displayName.slice(0, 1)}
                </Avatar>
                <span>{me.displayName}</span>
                <DownOutlined style={{ fontSize: 10 }} />
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content className="pc-shell__content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
