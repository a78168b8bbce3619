import { LogoutOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAuth } from '../../app/auth';
import { BrandMark } from '../../components/brand-mark';
import { LanguageSwitch } from '../../components/language-switch';
import { PageHeader } from '../../components/page-header';
import { PasswordForm } from './password-form';

/** Change password from the user menu. */
export function PasswordPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('auth.changePassword')} />
      <Card variant="borderless">
        <PasswordForm />
      </Card>
    </>
  );
}

/** The first screen after signing in with a password that must be changed (new or reset account). */
export function ForcedPasswordPage() {
  const { t } = useTranslation();
  const { logout } = useAuth();
  const navigate = useNavigate();
  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', padding: 24, background: '#f4f6fa' }}>
      <Card variant="borderless" style={{ width: '100%', maxWidth: 480 }}>
        <Flex justify="space-between" align="center" style={{ marginBottom: 16 }}>
          <Flex align="center" gap={10}>
            <BrandMark size={28} />
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('auth.changePassword')}
            </Typography.Title>
          </Flex>
          <LanguageSwitch />
        </Flex>
        <Alert type="info" showIcon title={t('account.mustChangeHint')} style={{ marginBottom: 24 }} />
        <PasswordForm onDone={() => navigate('/', { replace: true })} />
        <Button
          type="link"
          icon={<LogoutOutlined />}
          style={{ marginTop: 16, paddingLeft: 0 }}
          onClick={() => logout().then(() => navigate('/login', { replace: true }))}
        >
          {t('auth.logout')}
        </Button>
      </Card>
    </Flex>
  );
}
