import { LOCALES, type Locale } from '@shuyun/shared';
import { Button, Card, Col, Descriptions, Form, Input, Row, Select, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/auth';
import { useLabels } from '../../app/i18n';
import { PageHeader } from '../../components/page-header';
import { useApiFeedback } from '../../components/use-api-feedback';
import { useUpdateProfile } from './api';

interface ProfileForm {
  phone: string;
  locale: Locale;
}

/** The signed-in user's own information; phone and language are theirs to change. */
export function ProfilePage() {
  const { t } = useTranslation();
  const me = useMe();
  const labels = useLabels();
  const [form] = Form.useForm<ProfileForm>();
  const update = useUpdateProfile();
  const { showError, showSuccess } = useApiFeedback();

  const onFinish = (values: ProfileForm) => {
    const phone = values.phone?.trim() || null;
    update.mutate(
      { phone, locale: values.locale },
      { onSuccess: () => showSuccess(t('common.saved')), onError: (error) => showError(error, { form }) },
    );
  };

  return (
    <>
      <PageHeader title={t('auth.profile')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card variant="borderless" title={t('account.basicInfo')}>
            <Descriptions
              column={1}
              items={[
                { key: 'displayName', label: t('org.displayName'), children: me.displayName },
                { key: 'username', label: t('org.username'), children: me.username },
                { key: 'department', label: t('org.department'), children: me.departmentName ?? t('common.none') },
                { key: 'email', label: t('org.email'), children: me.email ?? t('common.none') },
                {
                  key: 'roles',
                  label: t('org.roles'),
                  children: (
                    <Space size={[4, 8]} wrap>
                      {me.roles.map((role) => (
                        <Tag key={role.key} color="blue">
                          {labels.roleName(role.key, role.name)} · {labels.scope(role.scope)}
                        </Tag>
                      ))}
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card variant="borderless" title={t('account.preferences')}>
            <Form<ProfileForm>
              form={form}
              layout="vertical"
              initialValues={{ phone: me.phone ?? '', locale: me.locale }}
              onFinish={onFinish}
            >
              <Form.Item name="phone" label={t('org.phone')}>
                <Input autoComplete="tel" maxLength={32} />
              </Form.Item>
              <Form.Item name="locale" label={t('org.locale')}>
                <Select options={LOCALES.map((value) => ({ value, label: labels.language(value) }))} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={update.isPending}>
                {t('common.save')}
              </Button>
            </Form>
          </Card>
        </Col>
      </Row>
    </>
  );
}
