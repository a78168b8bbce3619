import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api-client';
import { useApiFeedback } from '../../components/use-api-feedback';
import { passwordErrorField, useChangePassword } from './api';

interface PasswordFormValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** Current + new + confirmation; server policy errors appear under the field they concern. */
export function PasswordForm({ onDone }: { onDone?: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PasswordFormValues>();
  const change = useChangePassword();
  const { showError, showSuccess } = useApiFeedback();

  const onFinish = (values: PasswordFormValues) => {
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          form.resetFields();
          showSuccess(t('auth.passwordChanged'));
          onDone?.();
        },
        onError: (error) => {
          const field = isApiError(error) ? passwordErrorField(error.code) : null;
          if (field && isApiError(error)) form.setFields([{ name: field, errors: [error.message] }]);
          showError(error, { form });
        },
      },
    );
  };

  return (
    <Form<PasswordFormValues> form={form} layout="vertical" onFinish={onFinish} requiredMark={false} style={{ maxWidth: 420 }}>
      <Form.Item name="currentPassword" label={t('auth.currentPassword')} rules={[{ required: true, message: t('validation.required') }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('auth.newPassword')}
        extra={t('account.passwordRule')}
        rules={[{ required: true, message: t('validation.required') }]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label={t('auth.confirmPassword')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('validation.required') },
          ({ getFieldValue }) => ({
            validator: (_rule, value) =>
              !value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error(t('auth.passwordMismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending}>
        {t('auth.changePassword')}
      </Button>
    </Form>
  );
}
