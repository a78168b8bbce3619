import { ConfigProvider, unstableSetRender } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { MobileRoutes } from './mobile-routes';
import './mobile.css';

// antd-mobile 5's imperative APIs (Toast, Dialog) render with React 18's API by default; give them React 19's.
unstableSetRender((node, container) => {
  const holder = container as HTMLElement & { __shuyunRoot?: ReturnType<typeof createRoot> };
  holder.__shuyunRoot ??= createRoot(holder);
  const root = holder.__shuyunRoot;
  root.render(node);
  return async () => {
    await Promise.resolve();
    root.unmount();
    delete holder.__shuyunRoot;
  };
});

/** The phone H5 end under /m: antd-mobile in the user's language. */
export function MobileApp() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en-US' ? enUS : zhCN}>
      <MobileRoutes />
    </ConfigProvider>
  );
}
