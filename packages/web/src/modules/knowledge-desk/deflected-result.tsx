import { Button, Card, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';

/** PC: the end of a submission that an article solved — no ticket was created. */
export function DeflectedResult({ article }: { article: { id: number; title: string } }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Card variant="borderless" data-testid="kb-deflected">
      <Result
        status="success"
        title={t('knowledge.feedback.solvedThanks')}
        subTitle={
          <>
            <div>{t('knowledgeDesk.solve.doneHint')}</div>
            <div style={{ marginTop: 4 }}>
              <Link to={`/knowledge/articles/${article.id}`}>{t('knowledgeDesk.solve.solvedWith', { title: article.title })}</Link>
            </div>
          </>
        }
        extra={[
          <Button type="primary" key="home" onClick={() => navigate('/')}>
            {t('knowledgeDesk.solve.backHome')}
          </Button>,
          <Button key="catalog" onClick={() => navigate('/catalog')}>
            {t('knowledgeDesk.solve.newRequest')}
          </Button>,
          <Button key="browse" onClick={() => navigate('/knowledge')}>
            {t('knowledgeDesk.solve.browse')}
          </Button>,
        ]}
      />
    </Card>
  );
}
