import { Button, Form, Input, NavBar, NoticeBar, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '../../app/api-client';
import { useAuth } from '../../app/auth';
import { passwordErrorField, useChangePassword } from './api';

interface PasswordFormValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** Change password on the phone; `forced` when the account must change it before anything else. */
export function PasswordMobilePage({ forced = false }: { forced?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { logout } = useAuth();
  const [form] = Form.useForm<PasswordFormValues>();
  const change = useChangePassword();

  const onFinish = (values: PasswordFormValues) => {
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          Toast.show({ icon: 'success', content: t('auth.passwordChanged') });
          navigate(forced ? '/m' : '/m/mine', { replace: true });
        },
        onError: (error) => {
          const field = isApiError(error) ? passwordErrorField(error.code) : null;
          if (field) form.setFields([{ name: field, errors: [error.message] }]);
          Toast.show({ icon: 'fail', content: error.message });
        },
      },
    );
  };

  return (
    <div className="m-root">
      <NavBar
        back={forced ? null : t('common.back')}
        onBack={() => navigate('/m/mine')}
        right={
          forced ? (
            <Button size="mini" fill="none" onClick={() => logout().then(() => navigate('/m/login', { replace: true }))}>
              {t('auth.logout')}
            </Button>
          ) : null
        }
        style={{ background: '#fff' }}
      >
        {t('auth.changePassword')}
      </NavBar>
      {forced && <NoticeBar content={t('account.mustChangeHint')} color="info" wrap />}
      <Form
        form={form}
        layout="horizontal"
        onFinish={onFinish}
        requiredMarkStyle="none"
        footer={
          <Button block type="submit" color="primary" size="large" loading={change.isPending}>
            {t('common.submit')}
          </Button>
        }
      >
        <Form.Item name="currentPassword" label={t('auth.currentPassword')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input type="password" autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('auth.newPassword')}
          help={t('account.passwordRule')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Input type="password" autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('auth.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('validation.required') },
            ({ getFieldValue }) => ({
              validator: (_rule, value) =>
                !value || getFieldValue('newPassword') === value
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('auth.passwordMismatch'))),
            }),
          ]}
        >
          <Input type="password" autoComplete="new-password" />
        </Form.Item>
      </Form>
    </div>
  );
}
