import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type ApiIssue, api, download, isApiError } from '../../app/api-client';
import { PageHeader } from '../../components/page-header';
import { useApiFeedback } from '../../components/use-api-feedback';
import { useAssetSave } from './api';

type Outcome =
  | { kind: 'done'; count: number; firstTag: string | null; lastTag: string | null }
  | { kind: 'invalid'; message: string; issues: ApiIssue[] };

/** 批量入库: the template, the upload, and either the imported tag range or every bad row (nothing imported). */
export function AssetImportPage() {
  const { t } = useTranslation();
  const { showError } = useApiFeedback();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const upload = useAssetSave((file: File) => {
    const body = new FormData();
    body.append('file', file);
    return api<{ count: number; firstTag: string | null; lastTag: string | null }>('/api/assets/import', { method: 'POST', body });
  });

  return (
    <div data-testid="asset-import-page">
      <PageHeader title={t('assets.importTitle')} back={<Link to="/assets">{t('common.back')}</Link>} />
      <Card variant="borderless">
        <Typography.Paragraph type="secondary">{t('assets.import.hint')}</Typography.Paragraph>
        <Space direction="vertical" style={{ width: '100%', maxWidth: 900 }} size="large">
          <Button
            icon={<DownloadOutlined />}
            onClick={() => download('/api/assets/import/template', undefined, 'asset-import.xlsx').catch((e) => showError(e))}
            data-testid="asset-import-template"
          >
            {t('assets.import.template')}
          </Button>
          <Upload.Dragger
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            showUploadList={false}
            disabled={upload.isPending}
            data-testid="asset-import-upload"
            customRequest={({ file, onSuccess, onError }) => {
              setOutcome(null);
              upload.mutate(file as File, {
                onSuccess: (result) => {
                  const r = result as { count: number; firstTag: string | null; lastTag: string | null };
                  setOutcome({ kind: 'done', ...r });
                  onSuccess?.(result);
                },
                onError: (error) => {
                  if (isApiError(error) && error.code === 'importInvalid')
                    setOutcome({ kind: 'invalid', message: error.message, issues: error.issues });
                  else showError(error);
                  onError?.(error as Error);
                },
              });
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('assets.import.choose')}</p>
          </Upload.Dragger>
          {outcome?.kind === 'done' && (
            <Alert
              type="success"
              showIcon
              data-testid="asset-import-done"
              message={t('assets.import.done', { count: outcome.count, first: outcome.firstTag, last: outcome.lastTag })}
            />
          )}
          {outcome?.kind === 'invalid' && (
            <>
              <Alert type="error" showIcon message={outcome.message} data-testid="asset-import-errors" />
              <Table<ApiIssue>
                size="small"
                rowKey={(issue) => `${issue.row}-${issue.column}-${issue.message}`}
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                dataSource={outcome.issues}
                columns={[
                  { title: t('assets.import.row'), dataIndex: 'row', width: 80 },
                  { title: t('assets.import.column'), dataIndex: 'column', width: 160 },
                  { title: t('assets.import.message'), dataIndex: 'message' },
                ]}
              />
            </>
          )}
        </Space>
      </Card>
    </div>
  );
}
