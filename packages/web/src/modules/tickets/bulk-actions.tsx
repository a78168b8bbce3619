import { CloseCircleOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { App, Button, Form, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiFeedback } from '../../components/use-api-feedback';
import { type BulkResult, useBulkAction } from './api';
import { TeamPersonFields } from './team-person-fields';

/** Bulk assign and close for dispatchers, on the rows ticked in the list. */
export function BulkActions({ ids, onDone }: { ids: number[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const bulk = useBulkAction();
  const { showError } = useApiFeedback();
  const [assigning, setAssigning] = useState(false);
  const [form] = Form.useForm<{ teamId?: number; assigneeId?: number }>();

  const report = (result: BulkResult) => {
    const ok = result.results.filter((r) => r.ok).length;
    const failed = result.results.length - ok;
    const text = t('ticketsUi.list.bulkDone', { ok, failed });
    if (failed > 0) message.warning(text);
    else message.success(text);
    onDone();
  };

  return (
    <Space>
      <Typography.Text>{t('ticketsUi.list.selected', { count: ids.length })}</Typography.Text>
      <Button icon={<UserSwitchOutlined />} onClick={() => setAssigning(true)}>
        {t('ticketsUi.list.bulkAssign')}
      </Button>
      <Button
        icon={<CloseCircleOutlined />}
        onClick={() =>
          modal.confirm({
            title: t('ticketsUi.list.bulkClose'),
            content: t('ticketsUi.list.bulkCloseConfirm', { count: ids.length }),
            okText: t('ticketsUi.actions.close'),
            onOk: () => bulk.mutateAsync({ ids, action: 'close' }).then(report, (error: unknown) => showError(error)),
          })
        }
      >
        {t('ticketsUi.list.bulkClose')}
      </Button>
      <Button type="link" onClick={onDone}>
        {t('ticketsUi.list.clearSelection')}
      </Button>
      <Modal
        open={assigning}
        title={`${t('ticketsUi.list.bulkAssign')} · ${t('ticketsUi.list.selected', { count: ids.length })}`}
        okText={t('ticketsUi.actions.assign')}
        confirmLoading={bulk.isPending}
        onOk={() => form.submit()}
        onCancel={() => setAssigning(false)}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={(values) =>
            bulk.mutate(
              { ids, action: 'assign', teamId: values.teamId ?? null, assigneeId: values.assigneeId ?? null },
              {
                onSuccess: (result) => {
                  setAssigning(false);
                  report(result);
                },
                onError: (error) => showError(error),
              },
            )
          }
        >
          <TeamPersonFields form={form} />
        </Form>
      </Modal>
    </Space>
  );
}
