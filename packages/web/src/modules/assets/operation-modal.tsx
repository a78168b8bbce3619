import { ASSET_DISPOSAL_METHODS } from '@shuyun/shared';
import { Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiFeedback } from '../../components/use-api-feedback';
import { UserPicker } from '../../components/user-picker';
import { type AssetDetail, assetKeys, OPERATION_PATHS, tx, useAssetLocations, useAssetOperation } from './api';

type Field =
  | 'userId'
  | 'receiver'
  | 'locationId'
  | 'note'
  | 'reason'
  | 'vendor'
  | 'fault'
  | 'cost'
  | 'result'
  | 'component'
  | 'oldPart'
  | 'newPart'
  | 'comment'
  | 'method'
  | 'dataWiped'
  | 'proceeds';

/** The fields each operation asks for; `*` marks a required one. */
const FIELDS: Record<string, string[]> = {
  issue: ['userId*', 'note'],
  receive: [],
  return: ['locationId*', 'note'],
  transfer: ['receiver*', 'reason'],
  acceptTransfer: [],
  declineTransfer: ['reason'],
  repair: ['vendor*', 'fault*', 'cost'],
  completeRepair: ['result*', 'cost'],
  replace: ['component*', 'oldPart*', 'newPart*', 'cost'],
  scrap: ['reason*'],
  approveScrap: ['comment'],
  rejectScrap: ['comment'],
  dispose: ['method*', 'dataWiped', 'proceeds'],
  lose: ['note'],
};

/** One operation on an asset in a modal: its fields validated here and on the server; the asset's version is sent along. */
export function OperationModal({
  asset,
  operation,
  onClose,
  onDone,
}: {
  asset: AssetDetail;
  operation: string;
  onClose: () => void;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const run = useAssetOperation(asset.id);
  const locations = useAssetLocations();
  const { showError, showSuccess } = useApiFeedback();
  const fields = FIELDS[operation] ?? [];

  const control = (field: Field): ReactNode => {
    switch (field) {
      case 'userId':
      case 'receiver':
        return <UserPicker />;
      case 'locationId':
        return (
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={(locations.data ?? []).filter((l) => l.active).map((l) => ({ value: l.id, label: l.fullName }))}
          />
        );
      case 'cost':
      case 'proceeds':
        return <InputNumber min={0} precision={2} style={{ width: 200 }} />;
      case 'method':
        return <Select options={ASSET_DISPOSAL_METHODS.map((m) => ({ value: m, label: tx(t, `assets.disposalMethods.${m}`) }))} />;
      case 'dataWiped':
        return <Switch />;
      case 'fault':
      case 'result':
      case 'reason':
      case 'comment':
      case 'note':
        return <Input.TextArea rows={3} maxLength={500} showCount />;
      default:
        return <Input maxLength={200} />;
    }
  };

  return (
    <Modal
      open
      title={`${tx(t, `assets.operations.${operation}`)} · ${asset.tag}`}
      okText={t('common.confirm')}
      confirmLoading={run.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'operation-ok' } as Record<string, string>}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ dataWiped: false }}
        onFinish={(values: Record<string, unknown>) => {
          const body: Record<string, unknown> = { version: asset.version };
          for (const [key, value] of Object.entries(values)) {
            if (value === undefined || value === null || value === '') continue;
            body[key === 'receiver' ? 'userId' : key] = value;
          }
          run.mutate(
            { path: OPERATION_PATHS[operation] ?? operation, body },
            {
              onSuccess: () => {
                showSuccess(t('assets.detail.done'));
                onClose();
                onDone?.();
              },
              onError: (error) => showError(error, { form, refetch: [assetKeys.detail(asset.id)] }),
            },
          );
        }}
      >
        {fields.map((spec) => {
          const required = spec.endsWith('*');
          const name = spec.replace('*', '') as Field;
          const label =
            name === 'userId' ? t('assets.form.user') : name === 'receiver' ? t('assets.form.receiver') : tx(t, `assets.form.${name}`);
          return (
            <Form.Item
              key={name}
              name={name}
              label={label}
              valuePropName={name === 'dataWiped' ? 'checked' : 'value'}
              rules={
                required
                  ? [
                      { required: true, message: t('common.required') },
                      ...(name === 'userId' || name === 'receiver' || name === 'locationId' || name === 'method'
                        ? []
                        : [{ whitespace: true, message: t('common.required') }]),
                    ]
                  : []
              }
            >
              {control(name)}
            </Form.Item>
          );
        })}
      </Form>
    </Modal>
  );
}
