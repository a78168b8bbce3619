import { useQuery } from '@tanstack/react-query';
import { Button, Dialog, ErrorBlock, List, NavBar, Popup, SearchBar, Skeleton, Space, Tag, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api, isApiError } from '../../app/api-client';
import type { Items, UserOption } from '../../app/api-types';
import { useDebounced } from '../../components/use-debounced';
import { type AssetDetail, tx, useAsset, useAssetOperation } from './api';

/** One asset on the phone: its key fields and what the holder or receiver can do here (transfer out, confirm, decline). */
export function AssetMobilePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const asset = useAsset(id);
  const run = useAssetOperation(id);
  const [picking, setPicking] = useState(false);

  if (asset.isPending) return <Skeleton.Paragraph lineCount={8} animated />;
  if (asset.isError) {
    const missing = isApiError(asset.error) && (asset.error.status === 404 || asset.error.status === 400);
    return (
      <>
        <NavBar onBack={() => navigate('/m/assets')}>{t('assets.asset')}</NavBar>
        <ErrorBlock status={missing ? 'empty' : 'disconnected'} title={missing ? t('assets.detail.notFound') : t('shell.loadFailed')} />
      </>
    );
  }
  const a = asset.data;
  const act = (path: string, body: Record<string, unknown>, after?: () => void) =>
    run.mutate(
      { path, body: { version: a.version, ...body } },
      {
        onSuccess: () => {
          Toast.show({ icon: 'success', content: t('assets.detail.done') });
          after?.();
        },
        onError: (error) => Toast.show({ icon: 'fail', content: error.message }),
      },
    );

  return (
    <div data-testid="asset-mobile">
      <NavBar onBack={() => navigate('/m/assets')}>{a.tag}</NavBar>
      <List header={a.name}>
        <List.Item extra={<Tag color="primary">{tx(t, `assets.status.${a.status}`)}</Tag>}>{t('assets.fields.status')}</List.Item>
        <List.Item extra={a.category.name}>{t('assets.fields.category')}</List.Item>
        <List.Item extra={a.model ?? '—'}>{t('assets.fields.model')}</List.Item>
        <List.Item extra={a.serialNo ?? '—'}>{t('assets.fields.serialNo')}</List.Item>
        <List.Item extra={<span data-testid="asset-mobile-custodian">{a.custodian?.name ?? '—'}</span>}>
          {t('assets.fields.custodian')}
        </List.Item>
        <List.Item extra={a.department?.name ?? '—'}>{t('assets.fields.department')}</List.Item>
        <List.Item extra={a.warrantyEnd ?? '—'}>{t('assets.fields.warrantyEnd')}</List.Item>
        {a.pendingAction && a.pendingAction.kind !== 'scrap' && (
          <List.Item extra={<Tag color="warning">{tx(t, `assets.pendingTag.${a.pendingAction.kind}`)}</Tag>}>
            {a.pendingAction.fromUser ? t('assets.mobile.from', { name: a.pendingAction.fromUser.name }) : t('assets.fields.custodian')}
          </List.Item>
        )}
      </List>
      <Space direction="vertical" block style={{ padding: 12 }}>
        {a.allowed.includes('receive') && (
          <Button block color="primary" loading={run.isPending} onClick={() => act('receive', {})} data-testid="m-receive">
            {t('assets.mobile.confirmReceipt')}
          </Button>
        )}
        {a.allowed.includes('acceptTransfer') && (
          <Button block color="primary" loading={run.isPending} onClick={() => act('accept-transfer', {})} data-testid="m-accept">
            {t('assets.mobile.confirmTransfer')}
          </Button>
        )}
        {a.allowed.includes('declineTransfer') && (
          <Button
            block
            color="danger"
            fill="outline"
            onClick={async () => {
              let reason = '';
              const ok = await Dialog.confirm({
                title: t('assets.mobile.decline'),
                content: <TextArea placeholder={t('assets.form.reason')} maxLength={500} onChange={(v) => (reason = v)} />,
              });
              if (ok) act('decline-transfer', reason ? { reason } : {}, () => navigate('/m/assets'));
            }}
            data-testid="m-decline"
          >
            {t('assets.mobile.decline')}
          </Button>
        )}
        {a.allowed.includes('transfer') && (
          <Button block color="primary" fill="outline" onClick={() => setPicking(true)} data-testid="m-transfer">
            {t('assets.mobile.transferOut')}
          </Button>
        )}
      </Space>
      <TransferPopup
        asset={a}
        open={picking}
        onClose={() => setPicking(false)}
        onPick={(user) => act('transfer', { userId: user.id }, () => Toast.show(t('assets.mobile.submitted')))}
      />
    </div>
  );
}

function TransferPopup({
  asset,
  open,
  onClose,
  onPick,
}: {
  asset: AssetDetail;
  open: boolean;
  onClose: () => void;
  onPick: (user: UserOption) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const users = useQuery({
    queryKey: ['org', 'user-options', 'm', q],
    queryFn: () => api<Items<UserOption>>('/api/users/options', { query: { q } }),
    enabled: open,
  });
  return (
    <Popup visible={open} onMaskClick={onClose} bodyStyle={{ height: '70vh', overflow: 'auto' }}>
      <div style={{ padding: 12 }}>
        <SearchBar placeholder={t('assets.mobile.searchUser')} value={search} onChange={setSearch} data-testid="m-user-search" />
      </div>
      <List header={t('assets.mobile.pickUser')}>
        {(users.data?.items ?? [])
          .filter((u) => u.id !== asset.custodian?.id)
          .map((u) => (
            <List.Item
              key={u.id}
              description={[u.username, u.departmentName].filter(Boolean).join(' · ')}
              onClick={async () => {
                const ok = await Dialog.confirm({ content: `${t('assets.mobile.transferOut')}：${u.displayName}？` });
                if (ok) {
                  onClose();
                  onPick(u);
                }
              }}
              data-testid="m-user-option"
            >
              {u.displayName}
            </List.Item>
          ))}
      </List>
    </Popup>
  );
}
