import { type FormInstance, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiIssue } from '../app/api-client';
import { IssueList } from './issue-list';

/**
 * An edit dialog around a form: Save submits the form, the server's issues that no field could show
 * (see applyNestedIssues) are listed above it.
 */
export function FormModal({
  title,
  width,
  form,
  saving,
  issues,
  onClose,
  children,
}: {
  title: ReactNode;
  width: number;
  form: FormInstance;
  saving: boolean;
  issues: ApiIssue[];
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      width={width}
      title={title}
      okText={t('common.save')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <IssueList issues={issues} />
      {children}
    </Modal>
  );
}
