import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useTranslation } from 'react-i18next';
import { PcRoutes } from './pc-routes';
import { pcTheme } from './pc-theme';

const ANTD_LOCALES = { 'zh-CN': zhCN, 'en-US': enUS } as const;

/** The PC end: antd in the user's language around the PC routes. */
export function PcApp() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en-US' ? ANTD_LOCALES['en-US'] : ANTD_LOCALES['zh-CN'];
  return (
    <ConfigProvider locale={locale} theme={pcTheme}>
      <AntApp>
        <PcRoutes />
      </AntApp>
    </ConfigProvider>
  );
}
