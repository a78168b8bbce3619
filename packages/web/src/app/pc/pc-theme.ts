import type { ThemeConfig } from 'antd';

export const BRAND_COLOR = '#1668dc';

export const pcTheme: ThemeConfig = {
  token: {
    colorPrimary: BRAND_COLOR,
    borderRadius: 6,
    colorBgLayout: '#f4f6fa',
  },
  components: {
    Layout: { siderBg: '#0f1f3d', triggerBg: '#0b1830', headerBg: '#ffffff', headerPadding: '0 24px' },
    Menu: {
      darkItemBg: '#0f1f3d',
      darkSubMenuItemBg: '#0b1830',
      darkItemSelectedBg: BRAND_COLOR,
    },
  },
};
