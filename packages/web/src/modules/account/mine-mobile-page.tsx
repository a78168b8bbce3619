import { Badge, Button, Dialog, List, Tag, Toast } from 'antd-mobile';
import {
  AppOutline,
  BellOutline,
  ExclamationCircleOutline,
  ExclamationTriangleOutline,
  FileOutline,
  GlobalOutline,
  LinkOutline,
  LockOutline,
  ScanningOutline,
  UploadOutline,
} from 'antd-mobile-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAuth, useMe } from '../../app/auth';
import { useLabels } from '../../app/i18n';
import { MobileLanguagePicker } from '../../app/mobile/mobile-language-picker';
import { useUnreadCount } from '../notifications/api';

/** Phone "mine": who I am, language, password, PC version, sign out. */
export function MineMobilePage() {
  const { t } = useTranslation();
  const me = useMe();
  const labels = useLabels();
  const { logout, can } = useAuth();
  const navigate = useNavigate();
  const [picking, setPicking] = useState(false);
  const unread = useUnreadCount();
  const none = t('common.none');

  const onLogout = async () => {
    const confirmed = await Dialog.confirm({
      content: t('mobilePages.logoutConfirm'),
      confirmText: t('auth.logout'),
      cancelText: t('common.cancel'),
    });
    if (!confirmed) return;
    try {
      await logout();
      navigate('/m/login', { replace: true });
    } catch (error) {
      Toast.show({ icon: 'fail', content: (error as Error).message });
    }
  };

  return (
    <>
      <header className="m-hero">
        <div className="m-profile">
          <span className="m-profile__avatar">{me.displayName.slice(0, 1)}</span>
          <div>
            <h1 className="m-hero__title" data-testid="mine-name">
              {me.displayName}
            </h1>
            <div className="m-hero__sub">
              {me.username}
              {me.departmentName ? ` · ${me.departmentName}` : ''}
            </div>
          </div>
        </div>
      </header>
      <section className="m-section">
        <List mode="card" style={{ margin: 0 }} aria-label={t('auth.profile')}>
          <List.Item extra={me.phone ?? none}>{t('org.phone')}</List.Item>
          <List.Item extra={me.email ?? none}>{t('org.email')}</List.Item>
          <List.Item extra={me.departmentName ?? none}>{t('org.department')}</List.Item>
          <List.Item
            extra={
              <span className="m-roles">
                {me.roles.map((role) => (
                  <Tag key={role.key} color="primary" fill="outline">
                    {labels.roleName(role.key, role.name)}
                  </Tag>
                ))}
              </span>
            }
          >
            {t('org.roles')}
          </List.Item>
        </List>
      </section>
      <section className="m-section">
        <List mode="card" style={{ margin: 0 }}>
          <List.Item
            prefix={<BellOutline />}
            extra={unread.data ? <Badge content={unread.data > 99 ? '99+' : unread.data} /> : null}
            onClick={() => navigate('/m/mine/notifications')}
            data-testid="mine-notifications"
          >
            {t('deskAdmin.notifications.messages')}
          </List.Item>
          {can('asset.read') && (
            <List.Item prefix={<AppOutline />} onClick={() => navigate('/m/assets')} data-testid="mine-assets">
              {t('assets.mine')}
            </List.Item>
          )}
          {can('asset.stocktake') ? (
            <List.Item prefix={<ScanningOutline />} onClick={() => navigate('/m/stocktakes')} data-testid="mine-stocktakes">
              {t('stocktake.mobile.title')}
            </List.Item>
          ) : null}
          {can('demand.read') && (
            <List.Item prefix={<FileOutline />} onClick={() => navigate('/m/demands')} data-testid="mine-demands">
              {t('demands.mobile.title')}
            </List.Item>
          )}
          {can('incident.read') && (
            <List.Item prefix={<ExclamationCircleOutline />} onClick={() => navigate('/m/incidents')} data-testid="mine-incidents">
              {t('incidents.mobile.title')}
            </List.Item>
          )}
          {can('fault.read') && (
            <List.Item prefix={<ExclamationTriangleOutline />} onClick={() => navigate('/m/faults')} data-testid="mine-faults">
              {t('faults.mobile.title')}
            </List.Item>
          )}
          {can('release.approve') && (
            <List.Item prefix={<UploadOutline />} onClick={() => navigate('/m/releases')} data-testid="mine-releases">
              {t('releases.mobile.title')}
            </List.Item>
          )}
          <List.Item
            prefix={<GlobalOutline />}
            extra={labels.language(labels.locale)}
            onClick={() => setPicking(true)}
            data-testid="mine-language"
          >
            {t('common.language')}
          </List.Item>
          <List.Item prefix={<LockOutline />} onClick={() => navigate('/m/mine/password')}>
            {t('auth.changePassword')}
          </List.Item>
          <List.Item prefix={<LinkOutline />} onClick={() => navigate('/')}>
            {t('mobile.switchToPc')}
          </List.Item>
        </List>
      </section>
      <section className="m-section" style={{ padding: '8px 0 24px' }}>
        <Button block color="danger" fill="outline" size="large" onClick={onLogout}>
          {t('auth.logout')}
        </Button>
      </section>
      <MobileLanguagePicker visible={picking} onClose={() => setPicking(false)} />
    </>
  );
}
