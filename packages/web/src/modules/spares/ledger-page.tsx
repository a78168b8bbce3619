import { DownloadOutlined } from '@ant-design/icons';
import { SPARE_MOVEMENT_KINDS, type SpareMovementKind } from '@shuyun/shared';
import { Button, Card, DatePicker, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { download } from '../../app/api-client';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult } from '../../components/results';
import { useApiFeedback } from '../../components/use-api-feedback';
import { useLedger, useWarehouses } from './api';
import { SpareItemSelect } from './item-select';
import { LedgerTable } from './ledger-table';

/** The ledger 台账 across items: every movement with its balance, filters, and an Excel export of the same rows. */
export function SpareLedgerPage() {
  const { t } = useTranslation();
  const warehouses = useWarehouses();
  const { showError } = useApiFeedback();
  const [itemId, setItemId] = useState<number | undefined>();
  const [kind, setKind] = useState<SpareMovementKind | undefined>();
  const [warehouseId, setWarehouseId] = useState<number | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const filter = { itemId, kind, warehouseId, from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') };
  const ledger = useLedger({ ...filter, ...page });
  const [exporting, setExporting] = useState(false);
  const reset = () => setPage((p) => ({ ...p, page: 1 }));

  const exportLedger = () => {
    setExporting(true);
    download('/api/spares/ledger/export', filter, `${t('spares.exportName')}.xlsx`)
      .catch((error) => showError(error))
      .finally(() => setExporting(false));
  };

  return (
    <div data-testid="spares-ledger-page">
      <PageHeader
        title={t('spares.nav.ledger')}
        extra={
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={exportLedger} data-testid="ledger-export">
            {t('spares.actions.export')}
          </Button>
        }
      />
      <Card variant="borderless">
        <Space wrap style={{ marginBottom: 12 }}>
          <div style={{ width: 260 }}>
            <SpareItemSelect
              value={itemId}
              onChange={(v) => {
                setItemId(v);
                reset();
              }}
            />
          </div>
          <Select
            allowClear
            placeholder={t('spares.allKinds')}
            style={{ width: 130 }}
            value={kind}
            onChange={(v) => {
              setKind(v);
              reset();
            }}
            options={SPARE_MOVEMENT_KINDS.map((k) => ({ value: k, label: t(`spares.kinds.${k}`) }))}
          />
          <Select
            allowClear
            placeholder={t('spares.allWarehouses')}
            style={{ width: 160 }}
            value={warehouseId}
            onChange={(v) => {
              setWarehouseId(v);
              reset();
            }}
            options={(warehouses.data ?? []).map((w) => ({ value: w.id, label: w.name }))}
          />
          <DatePicker.RangePicker
            value={range}
            onChange={(v) => {
              setRange(v);
              reset();
            }}
          />
          {itemId && (
            <Button
              type="link"
              onClick={() => {
                setItemId(undefined);
                reset();
              }}
            >
              {t('common.reset')}
            </Button>
          )}
        </Space>
        {ledger.isError ? (
          <LoadFailedResult message={ledger.error.message} onRetry={() => ledger.refetch()} />
        ) : (
          <LedgerTable
            rows={ledger.data?.items ?? []}
            loading={ledger.isFetching}
            pagination={{
              current: page.page,
              pageSize: page.pageSize,
              total: ledger.data?.total ?? 0,
              onChange: (p, s) => setPage({ page: p, pageSize: s }),
            }}
          />
        )}
      </Card>
    </div>
  );
}
