import { Card, ErrorBlock, Grid, Skeleton } from 'antd-mobile';
import { CheckCircleOutline } from 'antd-mobile-icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMe } from '../../app/auth';
import { useLabels } from '../../app/i18n';
import { useKnowledgeTodos } from '../knowledge-desk/knowledge-todos';
import { useTodos } from './api';
import { phoneLink } from './phone-link';

/** Phone home: greeting and the user's to-do counts. */
export function HomeMobilePage() {
  const { t } = useTranslation();
  const me = useMe();
  const labels = useLabels();
  const navigate = useNavigate();
  const todos = useTodos();
  const knowledgeTodos = useKnowledgeTodos();

  return (
    <>
      <header className="m-hero">
        <h1 className="m-hero__title" data-testid="greeting">
          {t('home.welcome', { name: me.displayName })}
        </h1>
        <div className="m-hero__sub">{[me.departmentName, dayjs().format(t('home.dateFormat'))].filter(Boolean).join(' · ')}</div>
      </header>
      <section className="m-section">
        <Card>
          <h2 className="m-card-title">{t('home.todo')}</h2>
          {todos.isPending ? (
            <Skeleton.Paragraph lineCount={3} animated />
          ) : todos.isError ? (
            <ErrorBlock status="disconnected" title={t('shell.loadFailed')} description={todos.error.message} />
          ) : todos.data.length === 0 && knowledgeTodos.length === 0 ? (
            <div className="m-center" style={{ minHeight: 120, flexDirection: 'column', color: '#8c8c8c', gap: 8 }}>
              <CheckCircleOutline fontSize={36} color="#52c41a" />
              {t('home.todoEmpty')}
            </div>
          ) : (
            <Grid columns={2} gap={10}>
              {[...todos.data.map((item) => ({ ...item, label: labels.todo(item.key) })), ...knowledgeTodos].map((item) => (
                <Grid.Item
                  key={item.key}
                  onClick={() => {
                    const target = phoneLink(item.link);
                    if (target) navigate(target);
                    // Knowledge work lists live on the PC pages.
                    else if (item.link.startsWith('/knowledge')) window.location.assign(item.link);
                  }}
                >
                  <div className="m-todo" data-testid={`todo-${item.key}`}>
                    <div className="m-todo__count">{item.count}</div>
                    <div className="m-todo__label">{item.label}</div>
                  </div>
                </Grid.Item>
              ))}
            </Grid>
          )}
        </Card>
      </section>
    </>
  );
}
