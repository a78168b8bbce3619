import { Button, Form, Input } from 'antd-mobile';
import { GlobalOutline } from 'antd-mobile-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { BrandMark } from '../../components/brand-mark';
import { isApiError } from '../api-client';
import { useAuth } from '../auth';
import { useLabels } from '../i18n';
import { safeNext } from '../safe-next';
import { MobileLanguagePicker } from './mobile-language-picker';

interface LoginForm {
  username: string;
  password: string;
}

export function MobileLoginPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { me, login, signOutReason } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [picking, setPicking] = useState(false);
  const next = safeNext(params.get('next'), '/m', '/m/login');

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
    <div className="m-login">
      <div className="m-login__top">
        <Button size="small" fill="none" onClick={() => setPicking(true)} data-testid="language-switch">
          <GlobalOutline /> {labels.language(labels.locale)}
        </Button>
      </div>
      <div className="m-login__brand">
        <BrandMark size={64} />
        <h1 className="m-login__name">{t('app.name')}</h1>
        <div className="m-login__tagline">{t('app.tagline')}</div>
      </div>
      {signOutReason === 'sessionExpired' && !error && <div className="m-login__notice">{t('auth.sessionTimedOut')}</div>}
      {error && (
        <div className="m-login__error" role="alert" data-testid="login-error">
          {error}
        </div>
      )}
      <Form
        layout="vertical"
        onFinish={onFinish}
        requiredMarkStyle="none"
        footer={
          <Button block type="submit" color="primary" size="large" loading={submitting}>
            {t('auth.login')}
          </Button>
        }
      >
        <Form.Item
          name="username"
          label={t('auth.username')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input autoComplete="username" clearable placeholder={t('mobilePages.usernamePlaceholder')} />
        </Form.Item>
        <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input type="password" autoComplete="current-password" clearable placeholder={t('mobilePages.passwordPlaceholder')} />
        </Form.Item>
      </Form>
      <div className="m-login__footer">
        <Link to="/login">{t('mobile.switchToPc')}</Link>
      </div>
      <MobileLanguagePicker visible={picking} onClose={() => setPicking(false)} />
    </div>
  );
}
