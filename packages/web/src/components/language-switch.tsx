import { GlobalOutlined } from '@ant-design/icons';
import { LOCALES, type Locale } from '@shuyun/shared';
import { App, Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../app/auth';
import { useLabels } from '../app/i18n';

/** zh-CN / en-US picker; saved to the profile when signed in, to this device otherwise. */
export function LanguageSwitch({ variant = 'text' }: { variant?: 'text' | 'outlined' }) {
  const { t } = useTranslation();
  const { switchLocale } = useAuth();
  const { message } = App.useApp();
  const { locale, language } = useLabels();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [locale],
        items: LOCALES.map((key) => ({ key, label: language(key) })),
        onClick: ({ key }) => {
          switchLocale(key as Locale).catch((error: Error) => message.error(error.message));
        },
      }}
    >
      <Button
        type={variant === 'text' ? 'text' : 'default'}
        icon={<GlobalOutlined />}
        aria-label={t('common.language')}
        data-testid="language-switch"
      >
        {language(locale)}
      </Button>
    </Dropdown>
  );
}
