import {
  AppstoreOutlined,
  BarChartOutlined,
  CustomerServiceOutlined,
  DatabaseOutlined,
  FolderOutlined,
  IdcardOutlined,
  LaptopOutlined,
  MailOutlined,
  PrinterOutlined,
  QuestionCircleOutlined,
  SafetyOutlined,
  ShopOutlined,
  WifiOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';

/** Icon keys a category may name (also what the requester's catalogue shows). */
export const CATEGORY_ICONS: Record<string, ReactNode> = {
  idcard: <IdcardOutlined />,
  laptop: <LaptopOutlined />,
  wifi: <WifiOutlined />,
  mail: <MailOutlined />,
  appstore: <AppstoreOutlined />,
  database: <DatabaseOutlined />,
  shop: <ShopOutlined />,
  'bar-chart': <BarChartOutlined />,
  printer: <PrinterOutlined />,
  'question-circle': <QuestionCircleOutlined />,
  safety: <SafetyOutlined />,
  'customer-service': <CustomerServiceOutlined />,
};

export function CategoryIcon({ icon }: { icon: string | null }) {
  return <>{(icon && CATEGORY_ICONS[icon]) ?? <FolderOutlined />}</>;
}
