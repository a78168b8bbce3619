import { DeleteOutlined, SaveOutlined, StarOutlined } from '@ant-design/icons';
import { Button, Divider, Dropdown, Empty, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiFeedback } from '../../components/use-api-feedback';
import { type SavedView, type TicketFilters, useDeleteView, useSavedViews, useSaveView } from './api';
import type { ColumnKey } from './ticket-columns';

interface SavedViewsMenuProps {
  filters: TicketFilters;
  columns: ColumnKey[];
  onApply: (view: SavedView) => void;
}

/** The user's saved list views: apply one, save the current filters and columns, delete. */
export function SavedViewsMenu({ filters, columns, onApply }: SavedViewsMenuProps) {
  const { t } = useTranslation();
  const views = useSavedViews();
  const save = useSaveView();
  const remove = useDeleteView();
  const { showError, showSuccess } = useApiFeedback();
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ name: string }>();

  const onSave = ({ name }: { name: string }) => {
    const { page: _page, pageSize: _size, ...kept } = filters;
    save.mutate(
      { name: name.trim(), filters: kept as Record<string, unknown>, columns },
      {
        onSuccess: () => {
          showSuccess(t('ticketsUi.list.viewSaved'));
          setSaving(false);
        },
        onError: (error) => showError(error, { form }),
      },
    );
  };

  const list = views.data ?? [];
  return (
    <>
      <Dropdown
        trigger={['click']}
        popupRender={() => (
          <div className="ant-dropdown-menu" style={{ padding: 8, minWidth: 240 }}>
            {list.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ticketsUi.list.noViews')} style={{ margin: '8px 0' }} />
            ) : (
              list.map((view) => (
                <div key={view.id} style={{ display: 'flex', alignItems: 'center', gap: 4 }}>
                  <Button type="text" block style={{ textAlign: 'left', justifyContent: 'flex-start' }} onClick={() => onApply(view)}>
                    {view.name}
                  </Button>
                  <Button
                    type="text"
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('ticketsUi.list.deleteView')}
                    onClick={() =>
                      remove.mutate(view.id, {
                        onSuccess: () => showSuccess(t('ticketsUi.list.viewDeleted')),
                        onError: (error) => showError(error),
                      })
                    }
                  />
                </div>
              ))
            )}
            <Divider style={{ margin: '8px 0' }} />
            <Button type="link" icon={<SaveOutlined />} onClick={() => setSaving(true)} block>
              {t('ticketsUi.list.saveView')}
            </Button>
          </div>
        )}
      >
        <Button icon={<StarOutlined />} data-testid="saved-views">
          {t('ticketsUi.list.views')}
          {list.length > 0 && <Typography.Text type="secondary"> ({list.length})</Typography.Text>}
        </Button>
      </Dropdown>
      <Modal
        open={saving}
        title={t('ticketsUi.list.saveView')}
        okText={t('common.save')}
        confirmLoading={save.isPending}
        onOk={() => form.submit()}
        onCancel={() => setSaving(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={onSave} preserve={false}>
          <Form.Item name="name" label={t('ticketsUi.list.viewName')} rules={[{ required: true, whitespace: true, max: 60 }]}>
            <Input autoFocus maxLength={60} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
