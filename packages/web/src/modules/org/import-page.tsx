import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Steps, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiIssue, download, isApiError } from '../../app/api-client';
import type { ImportResult } from '../../app/api-types';
import { PageHeader } from '../../components/page-header';
import { useApiFeedback } from '../../components/use-api-feedback';
import { useImportOrg } from './api';

type Outcome = { kind: 'done'; result: ImportResult } | { kind: 'invalid'; message: string; issues: ApiIssue[] } | null;

/** Import departments and users from the Excel template; every bad row is listed and nothing is imported. */
export function ImportPage() {
  const { t } = useTranslation();
  const importOrg = useImportOrg();
  const { showError } = useApiFeedback();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [downloading, setDownloading] = useState(false);

  const getTemplate = () => {
    setDownloading(true);
    download('/api/org/import/template', undefined, 'shuyun-org-import.xlsx')
      .catch((error: unknown) => showError(error))
      .finally(() => setDownloading(false));
  };

  return (
    <>
      <PageHeader title={t('org.importTitle')} />
      <Card variant="borderless">
        <Steps
          orientation="vertical"
          current={outcome?.kind === 'done' ? 2 : 1}
          items={[
            {
              title: t('org.importTemplate'),
              content: (
                <div style={{ padding: '8px 0 16px' }}>
                  <Typography.Paragraph type="secondary">{t('org.importHint')}</Typography.Paragraph>
                  <Button icon={<DownloadOutlined />} loading={downloading} onClick={getTemplate}>
                    {t('org.importTemplate')}
                  </Button>
                </div>
              ),
            },
            {
              title: t('orgPages.importUpload'),
              content: (
                <div style={{ padding: '8px 0 16px', maxWidth: 640 }}>
                  <Upload.Dragger
                    accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                    showUploadList={false}
                    disabled={importOrg.isPending}
                    customRequest={({ file, onSuccess, onError }) => {
                      setOutcome(null);
                      importOrg.mutate(file as File, {
                        onSuccess: (result) => {
                          setOutcome({ kind: 'done', result });
                          onSuccess?.(result);
                        },
                        onError: (error) => {
                          if (isApiError(error) && error.code === 'importInvalid') {
                            setOutcome({ kind: 'invalid', message: error.message, issues: error.issues });
                          } else {
                            showError(error);
                          }
                          onError?.(error as Error);
                        },
                      });
                    }}
                  >
                    <p className="ant-upload-drag-icon">
                      <InboxOutlined />
                    </p>
                    <p className="ant-upload-text">{importOrg.isPending ? t('orgPages.importing') : t('orgPages.importDrop')}</p>
                    <p className="ant-upload-hint">{t('orgPages.importAtomic')}</p>
                  </Upload.Dragger>
                </div>
              ),
            },
            { title: t('orgPages.importResult') },
          ]}
        />
        {outcome?.kind === 'done' && (
          <>
            <Alert
              type="success"
              showIcon
              title={t('org.importDone', { departments: outcome.result.departments, users: outcome.result.users })}
              data-testid="import-done"
            />
            {outcome.result.credentials.length > 0 && <ImportedCredentials credentials={outcome.result.credentials} />}
          </>
        )}
        {outcome?.kind === 'invalid' && (
          <>
            <Alert type="error" showIcon title={outcome.message} style={{ marginBottom: 16 }} />
            <Table<ApiIssue & { index: number }>
              rowKey="index"
              size="small"
              data-testid="import-errors"
              dataSource={outcome.issues.map((issue, index) => ({ ...issue, index }))}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              columns={[
                { title: t('org.sheet'), dataIndex: 'sheet', width: 140 },
                { title: t('org.row'), dataIndex: 'row', width: 80 },
                { title: t('org.column'), dataIndex: 'column', width: 140 },
                { title: t('org.reason'), dataIndex: 'message' },
              ]}
            />
          </>
        )}
      </Card>
    </>
  );
}

/** Generated initial passwords of the imported users: shown once, copyable as a list to hand out. */
function ImportedCredentials({ credentials }: { credentials: ImportResult['credentials'] }) {
  const { t } = useTranslation();
  const all = credentials.map((c) => `${c.username}\t${c.password}`).join('\n');
  return (
    <Card
      size="small"
      title={t('orgPages.importCredentials')}
      style={{ marginTop: 16 }}
      extra={
        <Typography.Text copyable={{ text: all, tooltips: [t('common.copy'), t('common.copied')] }}>
          {t('orgPages.copyAll')}
        </Typography.Text>
      }
    >
      <Typography.Paragraph type="secondary">{t('orgPages.importCredentialsHint')}</Typography.Paragraph>
      <Table
        rowKey="username"
        size="small"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        dataSource={credentials}
        columns={[
          { title: t('org.username'), dataIndex: 'username' },
          { title: t('org.initialPassword'), dataIndex: 'password', render: (password: string) => <code>{password}</code> },
        ]}
      />
    </Card>
  );
}
