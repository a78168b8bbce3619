import { Button, Card, Form, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../app/api-client';
import { PageHeader } from '../../components/page-header';
import { useApiFeedback } from '../../components/use-api-feedback';
import { type AssetDetail, useAssetSave } from './api';
import { AssetFields, toAssetBody } from './asset-fields';

/** 资产入库: registers one asset in stock at a location; the tag is given by the server. */
export function AssetNewPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const navigate = useNavigate();
  const { showError, showSuccess } = useApiFeedback();
  const save = useAssetSave((body: Record<string, unknown>) => api<AssetDetail>('/api/assets', { method: 'POST', body }));
  return (
    <div data-testid="asset-new-page">
      <PageHeader title={t('assets.newAsset')} back={<Link to="/assets">{t('common.back')}</Link>} />
      <Card variant="borderless" style={{ maxWidth: 860 }}>
        <Form
          form={form}
          layout="vertical"
          onFinish={(values) =>
            save.mutate(toAssetBody(values, 'omit'), {
              onSuccess: (asset) => {
                const created = asset as AssetDetail;
                showSuccess(`${t('assets.detail.done')}：${created.tag}`);
                navigate(`/assets/${created.id}`);
              },
              onError: (error) => showError(error, { form }),
            })
          }
        >
          <AssetFields requireLocation />
          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="asset-save">
              {t('common.save')}
            </Button>
            <Button onClick={() => navigate('/assets')}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}
