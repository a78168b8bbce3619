import { Button, Result } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/** Phone: the end of a submission an article solved — no ticket was created. */
export function SolvedMobile({ article }: { article: { id: number; title: string } }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div data-testid="km-deflected">
      <Result status="success" title={t('knowledge.feedback.solvedThanks')} description={t('knowledgeDesk.solve.doneHint')} />
      <div style={{ display: 'flex', flexDirection: 'column', gap: 10, padding: '20px 16px 24px' }}>
        <Button block color="primary" size="large" onClick={() => navigate('/m', { replace: true })} data-testid="km-back-home">
          {t('knowledgeDesk.solve.backHome')}
        </Button>
        <Button block size="large" onClick={() => navigate(`/m/knowledge/articles/${article.id}`, { replace: true })}>
          {t('knowledgeDesk.solve.solvedWith', { title: article.title })}
        </Button>
        <Button block fill="none" onClick={() => navigate('/m/tickets/new', { replace: true })}>
          {t('knowledgeDesk.solve.newRequest')}
        </Button>
      </div>
    </div>
  );
}
