import {
  AlignLeftOutlined,
  AppstoreOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  DesktopOutlined,
  FieldNumberOutlined,
  FontSizeOutlined,
  PaperClipOutlined,
  UnorderedListOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { FormFieldType } from '@shuyun/shared';
import type { ReactNode } from 'react';

export const FIELD_TYPE_ICONS: Record<FormFieldType, ReactNode> = {
  text: <FontSizeOutlined />,
  textarea: <AlignLeftOutlined />,
  number: <FieldNumberOutlined />,
  select: <UnorderedListOutlined />,
  multiselect: <CheckSquareOutlined />,
  date: <CalendarOutlined />,
  user: <UserOutlined />,
  asset: <DesktopOutlined />,
  system: <AppstoreOutlined />,
  attachment: <PaperClipOutlined />,
};
