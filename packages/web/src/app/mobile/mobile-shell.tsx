import { SafeArea, TabBar } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth';
import { MOBILE_TABS } from './mobile-tabs';

/** The phone frame: the page above, the tab bar (home, module tabs, mine) below. */
export function MobileShell() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const tabs = MOBILE_TABS.filter((tab) => !tab.permission || can(tab.permission));
  const active =
    [...tabs].sort((a, b) => b.path.length - a.path.length).find((tab) => pathname === tab.path || pathname.startsWith(`${tab.path}/`)) ??
    null;

  return (
    <div className="m-shell">
      <main className="m-shell__body">
        <Outlet />
      </main>
      <footer className="m-shell__tabs" data-testid="tab-bar">
        <TabBar activeKey={active?.key ?? null} onChange={(key) => navigate(tabs.find((tab) => tab.key === key)?.path ?? '/m')}>
          {tabs.map((tab) => (
            <TabBar.Item key={tab.key} icon={tab.icon} title={t(tab.title)} />
          ))}
        </TabBar>
        <SafeArea position="bottom" />
      </footer>
    </div>
  );
}
