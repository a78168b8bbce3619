import {
  AppstoreOutlined,
  BarChartOutlined,
  DatabaseOutlined,
  IdcardOutlined,
  LaptopOutlined,
  MailOutlined,
  QuestionCircleOutlined,
  ShopOutlined,
  WifiOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';

// Icon keys an admin may give a category (antd icon names); anything else shows the generic one.
const ICONS: Record<string, ReactNode> = {
  idcard: <IdcardOutlined />,
  laptop: <LaptopOutlined />,
  wifi: <WifiOutlined />,
  mail: <MailOutlined />,
  appstore: <AppstoreOutlined />,
  database: <DatabaseOutlined />,
  shop: <ShopOutlined />,
  'bar-chart': <BarChartOutlined />,
  'question-circle': <QuestionCircleOutlined />,
};

export function CategoryIcon({ icon }: { icon: string | null }) {
  return <>{(icon && ICONS[icon]) ?? <AppstoreOutlined />}</>;
}
