import { Button, ErrorBlock } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/** The phone end's page for an unknown address. */
export function MobileNotFound() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className="m-center" style={{ flexDirection: 'column', padding: 24 }}>
      <ErrorBlock status="empty" title={t('shell.notFoundTitle')} description={t('shell.notFoundHint')} />
      <Button color="primary" style={{ marginTop: 24 }} onClick={() => navigate('/m', { replace: true })}>
        {t('shell.backHome')}
      </Button>
    </div>
  );
}
