import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Form, Input, Modal, Popconfirm, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedToken, TokenView } from '../../app/api-types';
import { formatDateTime } from '../../app/i18n';
import { PageHeader } from '../../components/page-header';
import { LoadFailedResult } from '../../components/results';
import { useApiFeedback } from '../../components/use-api-feedback';
import { useCreateToken, useRevokeToken, useTokens } from './api';

interface TokenForm {
  name: string;
  expiresAt?: Dayjs | null;
}

/** Personal API tokens: list, create (the secret is shown once), revoke. */
export function TokensPage() {
  const { t } = useTranslation();
  const tokens = useTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const { showError, showSuccess } = useApiFeedback();
  const [form] = Form.useForm<TokenForm>();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);

  const onCreate = (values: TokenForm) => {
    create.mutate(
      { name: values.name.trim(), expiresAt: values.expiresAt ? values.expiresAt.endOf('day').toISOString() : null },
      {
        onSuccess: (token) => {
          setCreating(false);
          form.resetFields();
          setCreated(token);
        },
        onError: (error) => showError(error, { form }),
      },
    );
  };

  if (tokens.isError) return <LoadFailedResult message={tokens.error.message} onRetry={() => tokens.refetch()} />;

  return (
    <>
      <PageHeader
        title={t('auth.tokens')}
        subtitle={t('account.tokensHint')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('account.newToken')}
          </Button>
        }
      />
      <Card variant="borderless">
        <Table<TokenView>
          rowKey="id"
          loading={tokens.isPending}
          dataSource={tokens.data}
          pagination={false}
          locale={{ emptyText: t('account.noTokens') }}
          columns={[
            {
              title: t('auth.tokenName'),
              dataIndex: 'name',
              render: (name: string) => (
                <span>
                  <KeyOutlined style={{ marginRight: 8, color: '#8c8c8c' }} />
                  {name}
                </span>
              ),
            },
            { title: t('account.tokenPrefix'), dataIndex: 'prefix', render: (prefix: string) => <code>{prefix}…</code> },
            { title: t('common.createdAt'), dataIndex: 'createdAt', render: formatDateTime },
            {
              title: t('auth.tokenExpires'),
              dataIndex: 'expiresAt',
              render: (value: string | null) => (value ? formatDateTime(value) : t('account.tokenNoExpiry')),
            },
            {
              title: t('auth.tokenLastUsed'),
              dataIndex: 'lastUsedAt',
              render: (value: string | null) => (value ? formatDateTime(value) : t('auth.tokenNever')),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 100,
              render: (_, token) => (
                <Popconfirm
                  title={t('account.revokeConfirm', { name: token.name })}
                  okText={t('auth.tokenRevoke')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() =>
                    revoke.mutateAsync(token.id).then(
                      () => showSuccess(t('account.tokenRevoked')),
                      (error: unknown) => showError(error),
                    )
                  }
                >
                  <Button type="link" danger size="small">
                    {t('auth.tokenRevoke')}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>

      <Modal
        open={creating}
        title={t('account.newToken')}
        okText={t('common.create')}
        confirmLoading={create.isPending}
        onOk={() => form.submit()}
        onCancel={() => setCreating(false)}
        destroyOnHidden
      >
        <Form<TokenForm> form={form} layout="vertical" onFinish={onCreate} preserve={false}>
          <Form.Item
            name="name"
            label={t('auth.tokenName')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input maxLength={80} placeholder={t('account.tokenNamePlaceholder')} />
          </Form.Item>
          <Form.Item name="expiresAt" label={t('auth.tokenExpires')} extra={t('account.tokenExpiresHint')}>
            <DatePicker style={{ width: '100%' }} disabledDate={(day) => day.isBefore(dayjs(), 'day')} />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={Boolean(created)}
        title={t('account.tokenReady')}
        onCancel={() => setCreated(null)}
        footer={
          <Button type="primary" onClick={() => setCreated(null)}>
            {t('common.close')}
          </Button>
        }
      >
        <Alert type="warning" showIcon title={t('auth.tokenCreated')} style={{ marginBottom: 16 }} />
        <Typography.Paragraph
          copyable={{ text: created?.token, tooltips: [t('common.copy'), t('common.copied')] }}
          code
          style={{ wordBreak: 'break-all', fontSize: 14 }}
          data-testid="new-token"
        >
          {created?.token}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}
