import { Typography } from 'antd';
import type { ReactNode } from 'react';
import './page-header.css';

interface PageHeaderProps {
  title: ReactNode;
  subtitle?: ReactNode;
  extra?: ReactNode;
  back?: ReactNode;
}

/** The title row of a PC page: title (and optional back link), description, actions on the right. */
export function PageHeader({ title, subtitle, extra, back }: PageHeaderProps) {
  return (
    <div className="page-header">
      <div className="page-header__text">
        {back}
        <Typography.Title level={4} className="page-header__title">
          {title}
        </Typography.Title>
        {subtitle && (
          <Typography.Text type="secondary" className="page-header__subtitle">
            {subtitle}
          </Typography.Text>
        )}
      </div>
      {extra && <div className="page-header__extra">{extra}</div>}
    </div>
  );
}
