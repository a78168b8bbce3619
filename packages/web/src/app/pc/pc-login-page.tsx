import { LockOutlined, MobileOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { BrandMark } from '../../components/brand-mark';
import { LanguageSwitch } from '../../components/language-switch';
import { isApiError } from '../api-client';
import { useAuth } from '../auth';
import { safeNext } from '../safe-next';
import './pc-login-page.css';

interface LoginForm {
  username: string;
  password: string;
}

export function PcLoginPage() {
  const { t } = useTranslation();
  const { me, login, signOutReason, clearSignOutReason } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const next = safeNext(params.get('next'), '/', '/login');

  if (me) return <Navigate to={next} replace />;

  const onFinish = async (values: LoginForm) => {
    setSubmitting(true);
    setError(null);
    try {
      await login(values.username.trim(), values.password);
      navigate(next, { replace: true });
    } catch (caught) {
      setError(isApiError(caught) ? caught.message : t('errors.internal'));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="pc-login">
      <section className="pc-login__brand">
        <BrandMark size={56} />
        <Typography.Title level={1} className="pc-login__product">
          {t('app.name')}
        </Typography.Title>
        <Typography.Paragraph className="pc-login__tagline">{t('app.tagline')}</Typography.Paragraph>
        <ul className="pc-login__points">
          <li>{t('login.pointService')}</li>
          <li>{t('login.pointAssets')}</li>
          <li>{t('login.pointInsight')}</li>
        </ul>
      </section>
      <section className="pc-login__panel">
        <div className="pc-login__top">
          <LanguageSwitch />
        </div>
        <Card className="pc-login__card" variant="borderless">
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {t('auth.loginTitle')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('auth.loginHint')}</Typography.Paragraph>
          {signOutReason === 'sessionExpired' && !error && (
            <Alert
              type="warning"
              showIcon
              title={t('auth.sessionTimedOut')}
              closable={{ onClose: clearSignOutReason }}
              style={{ marginBottom: 16 }}
            />
          )}
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
          <Form<LoginForm> layout="vertical" size="large" onFinish={onFinish} requiredMark={false}>
            <Form.Item
              name="username"
              label={t('auth.username')}
              rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
            >
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('validation.required') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={submitting}>
              {t('auth.login')}
            </Button>
          </Form>
          <div className="pc-login__footer">
            <Link to="/m/login">
              <MobileOutlined /> {t('mobile.switchToMobile')}
            </Link>
          </div>
        </Card>
      </section>
    </div>
  );
}
