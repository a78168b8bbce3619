import { DislikeFilled, DislikeOutlined, LikeFilled, LikeOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiFeedback } from '../../components/use-api-feedback';
import { type KnowledgeArticleDetail, useHelpfulVote } from './api';

/** "Was this helpful?": one vote per reader, which they may change. */
export function HelpfulVote({ article }: { article: KnowledgeArticleDetail }) {
  const { t } = useTranslation();
  const vote = useHelpfulVote(article.id);
  const { showError, showSuccess } = useApiFeedback();
  const cast = (helpful: boolean) =>
    vote.mutate(helpful, { onSuccess: () => showSuccess(t('knowledge.feedback.thanks')), onError: (error) => showError(error) });
  return (
    <div className="knowledge-vote" data-testid="helpful-vote">
      <Typography.Text>{t('knowledge.feedback.question')}</Typography.Text>
      <Space>
        <Button
          icon={article.myVote === true ? <LikeFilled /> : <LikeOutlined />}
          type={article.myVote === true ? 'primary' : 'default'}
          ghost={article.myVote === true}
          loading={vote.isPending && vote.variables === true}
          onClick={() => cast(true)}
          data-testid="vote-helpful"
          aria-pressed={article.myVote === true}
        >
          {t('knowledge.feedback.yes')} {article.stats.helpful}
        </Button>
        <Button
          icon={article.myVote === false ? <DislikeFilled /> : <DislikeOutlined />}
          danger={article.myVote === false}
          loading={vote.isPending && vote.variables === false}
          onClick={() => cast(false)}
          data-testid="vote-not-helpful"
          aria-pressed={article.myVote === false}
        >
          {t('knowledge.feedback.no')} {article.stats.notHelpful}
        </Button>
      </Space>
    </div>
  );
}
