import { LOCALES } from '@shuyun/shared';
import { Alert, Button, Col, Form, Input, Modal, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../app/api-types';
import { useLabels } from '../../app/i18n';
import { queryKeys } from '../../app/query-keys';
import { DepartmentSelect } from '../../components/department-select';
import { useApiFeedback } from '../../components/use-api-feedback';
import { UserPicker } from '../../components/user-picker';
import { type UserInput, useCreateUser, useUpdateUser } from './api';

interface UserFormValues {
  username: string;
  displayName: string;
  employeeNo?: string;
  email?: string;
  phone?: string;
  departmentId?: number | null;
  supervisorId?: number | null;
  title?: string;
  locale: 'zh-CN' | 'en-US';
  password?: string;
}

const blankToNull = (value: string | undefined) => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

// The same rules the server applies (packages/shared schemas), so most mistakes show before sending.
const USERNAME_PATTERN = /^[A-Za-z0-9._@-]+$/;
const PHONE_PATTERN = /^\+?[0-9][0-9 -]{4,19}$/;

/** Create a user (the initial password is shown once) or edit one (sending the version edited). */
export function UserFormModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [form] = Form.useForm<UserFormValues>();
  const create = useCreateUser();
  const update = useUpdateUser();
  const { showError, showSuccess } = useApiFeedback();
  const [initialPassword, setInitialPassword] = useState<{ name: string; password: string } | null>(null);

  const onFinish = (values: UserFormValues) => {
    const common = {
      displayName: values.displayName.trim(),
      employeeNo: blankToNull(values.employeeNo),
      email: blankToNull(values.email),
      phone: blankToNull(values.phone),
      departmentId: values.departmentId ?? null,
      supervisorId: values.supervisorId ?? null,
      title: blankToNull(values.title),
      locale: values.locale,
    } satisfies UserInput;
    const options = { onError: (error: unknown) => showError(error, { form, refetch: [queryKeys.users] }) };
    if (user) {
      update.mutate(
        { ...common, id: user.id, version: user.version },
        {
          ...options,
          onSuccess: () => {
            showSuccess(t('common.saved'));
            onClose();
          },
        },
      );
    } else {
      const password = values.password?.trim() ? values.password : undefined;
      create.mutate(
        { ...common, username: values.username.trim(), password },
        {
          ...options,
          onSuccess: (created) => {
            showSuccess(t('common.saved'));
            if (created.initialPassword) {
              setInitialPassword({ name: created.user.displayName, password: created.initialPassword });
            } else {
              onClose();
            }
          },
        },
      );
    }
  };

  if (initialPassword) {
    return (
      <Modal
        open
        title={t('org.initialPassword')}
        onCancel={onClose}
        footer={
          <Button type="primary" onClick={onClose}>
            {t('common.close')}
          </Button>
        }
      >
        <Alert type="warning" showIcon title={t('orgPages.initialPasswordHint', { name: initialPassword.name })} />
        <Typography.Paragraph
          code
          copyable={{ text: initialPassword.password, tooltips: [t('common.copy'), t('common.copied')] }}
          style={{ fontSize: 16, marginTop: 16 }}
          data-testid="initial-password"
        >
          {initialPassword.password}
        </Typography.Paragraph>
      </Modal>
    );
  }

  return (
    <Modal
      open
      width={720}
      title={user ? t('orgPages.editUser') : t('org.newUser')}
      okText={t('common.save')}
      confirmLoading={create.isPending || update.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<UserFormValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={
          user
            ? {
                username: user.username,
                displayName: user.displayName,
                employeeNo: user.employeeNo ?? '',
                email: user.email ?? '',
                phone: user.phone ?? '',
                departmentId: user.departmentId,
                supervisorId: user.supervisorId,
                title: user.title ?? '',
                locale: user.locale,
              }
            : { locale: 'zh-CN' }
        }
      >
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="username"
              label={t('org.username')}
              rules={[
                { required: true, whitespace: true },
                { min: 2, max: 64 },
                { pattern: USERNAME_PATTERN, message: t('orgPages.usernameRule') },
              ]}
            >
              <Input disabled={Boolean(user)} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="displayName" label={t('org.displayName')} rules={[{ required: true, whitespace: true, max: 64 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="employeeNo" label={t('org.employeeNo')} rules={[{ max: 32 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="title" label={t('org.title')} rules={[{ max: 64 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="email" label={t('org.email')} rules={[{ type: 'email', message: t('validation.invalidEmail') }]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="phone" label={t('org.phone')} rules={[{ pattern: PHONE_PATTERN, message: t('validation.invalidPhone') }]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="departmentId" label={t('org.department')}>
              <DepartmentSelect />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="supervisorId" label={t('org.supervisor')}>
              <UserPicker known={user?.supervisorId ? [{ id: user.supervisorId, displayName: user.supervisorName ?? '' }] : []} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="locale" label={t('org.locale')}>
              <Select options={LOCALES.map((value) => ({ value, label: labels.language(value) }))} />
            </Form.Item>
          </Col>
          {!user && (
            <Col xs={24} sm={12}>
              <Form.Item name="password" label={t('org.initialPassword')} extra={t('orgPages.passwordGenerated')}>
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </Modal>
  );
}
