import { CheckCircleOutlined, RightOutlined } from '@ant-design/icons';
import { Card, Col, Empty, Flex, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAuth, useMe } from '../../app/auth';
import { useLabels } from '../../app/i18n';
import { visibleNavigation } from '../../app/pc/pc-navigation';
import { LoadFailedResult } from '../../components/results';
import { useKnowledgeTodos } from '../knowledge-desk/knowledge-todos';
import { useTodos } from './api';
import './home-page.css';

/** PC home: greeting, the user's to-do counts (each opens its list), shortcuts to the user's modules. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const { can } = useAuth();
  const labels = useLabels();
  const navigate = useNavigate();
  const todos = useTodos();
  const knowledgeTodos = useKnowledgeTodos();
  const shortcuts = visibleNavigation(can)
    .flatMap((section) => section.entries)
    .filter((entry) => entry.path !== '/');

  return (
    <div className="home-page">
      <Card variant="borderless" className="home-page__greeting">
        <Flex justify="space-between" align="center" wrap gap={16}>
          <div>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="greeting">
              {t('home.welcome', { name: me.displayName })}
            </Typography.Title>
            <Typography.Text type="secondary">
              {[me.departmentName, dayjs().format(t('home.dateFormat'))].filter(Boolean).join(' · ')}
            </Typography.Text>
          </div>
          <Space size={[4, 8]} wrap>
            {me.roles.map((role) => (
              <Tag key={role.key} color="blue">
                {labels.roleName(role.key, role.name)}
              </Tag>
            ))}
          </Space>
        </Flex>
      </Card>

      <Typography.Title level={5} className="home-page__section">
        {t('home.todo')}
      </Typography.Title>
      {todos.isPending ? (
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 2 }} />
        </Card>
      ) : todos.isError ? (
        <LoadFailedResult message={todos.error.message} onRetry={() => todos.refetch()} />
      ) : todos.data.length === 0 && knowledgeTodos.length === 0 ? (
        <Card variant="borderless">
          <Empty
            image={<CheckCircleOutlined className="home-page__done" />}
            styles={{ image: { height: 44 } }}
            description={t('home.todoEmpty')}
          />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          {[...todos.data.map((item) => ({ ...item, label: labels.todo(item.key) })), ...knowledgeTodos].map((item) => (
            <Col key={item.key} xs={24} sm={12} lg={8} xl={6}>
              <Card
                variant="borderless"
                hoverable
                className="home-page__todo"
                onClick={() => navigate(item.link)}
                data-testid={`todo-${item.key}`}
              >
                <Statistic title={item.label} value={item.count} />
                <RightOutlined className="home-page__todo-arrow" />
              </Card>
            </Col>
          ))}
        </Row>
      )}

      {shortcuts.length > 0 && (
        <>
          <Typography.Title level={5} className="home-page__section">
            {t('home.quickLinks')}
          </Typography.Title>
          <Row gutter={[16, 16]}>
            {shortcuts.map((entry) => (
              <Col key={entry.path} xs={12} sm={8} lg={6} xl={4}>
                <Card variant="borderless" hoverable className="home-page__shortcut" onClick={() => navigate(entry.path)}>
                  <span className="home-page__shortcut-icon">{entry.icon}</span>
                  <span>{t(entry.label)}</span>
                </Card>
              </Col>
            ))}
          </Row>
        </>
      )}
    </div>
  );
}
