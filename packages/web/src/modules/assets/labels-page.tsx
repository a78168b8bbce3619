import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Skeleton, Typography } from 'antd';
import QRCode from 'qrcode';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../app/api-client';
import { PageHeader } from '../../components/page-header';
import type { AssetDetail } from './api';
import './labels.css';

/** Printable QR labels for the chosen assets: each QR code holds exactly the asset's tag (the stocktake scanner reads it). */
export function AssetLabelsPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const ids = (params.get('ids') ?? '')
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0)
    .slice(0, 200);
  const labels = useQuery({
    queryKey: ['assets', 'labels', ids],
    queryFn: () =>
      Promise.all(
        ids.map(async (id) => {
          const asset = await api<AssetDetail>(`/api/assets/${id}`);
          const svg = await QRCode.toString(asset.tag, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
          return { asset, svg };
        }),
      ),
  });

  return (
    <div data-testid="asset-labels-page">
      <div className="asset-labels__chrome">
        <PageHeader
          title={t('assets.labelsPage.title')}
          subtitle={t('assets.labelsPage.hint')}
          back={<Link to="/assets">{t('common.back')}</Link>}
          extra={
            <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!ids.length}>
              {t('assets.labelsPage.print')}
            </Button>
          }
        />
      </div>
      {!ids.length ? (
        <Empty description={t('assets.labelsPage.none')} />
      ) : labels.isPending ? (
        <Skeleton active />
      ) : labels.isError ? (
        <Typography.Text type="danger">{labels.error.message}</Typography.Text>
      ) : (
        <div className="asset-labels">
          {labels.data.map(({ asset, svg }) => (
            <div className="asset-label" key={asset.id} data-testid="asset-label" data-tag={asset.tag}>
              {/* The SVG is generated locally by the qrcode library from the tag text alone. */}
              <img className="asset-label__qr" alt={asset.tag} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} />
              <div className="asset-label__text">
                <div className="asset-label__company">
                  {t('app.name')} · {t('assets.asset')}
                </div>
                <div className="asset-label__tag">{asset.tag}</div>
                <div className="asset-label__name">{asset.name}</div>
                <div className="asset-label__meta">{asset.category.name}</div>
              </div>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
