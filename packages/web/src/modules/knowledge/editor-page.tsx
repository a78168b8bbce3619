import { ArrowLeftOutlined, EditOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Result, Skeleton, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { type ApiIssue, isApiError } from '../../app/api-client';
import { useMe } from '../../app/auth';
import { applyNestedIssues } from '../../components/form-issues';
import { LoadFailedResult, NotFoundResult } from '../../components/results';
import { useApiFeedback } from '../../components/use-api-feedback';
import {
  type KnowledgeArticleDetail,
  type KnowledgeVersionDetail,
  useArticle,
  useArticleSettings,
  useCreateArticle,
  useSaveDraft,
  useVersion,
  useVersionAction,
} from './api';
import { type EditorValues, emptyValues, KnowledgeFields, toContent, valuesOf } from './editor-fields';
import { VersionStatusTag } from './knowledge-tags';
import { VersionActionButtons } from './version-actions';
import { useOpenNewVersion } from './version-history';
import './knowledge.css';

/** `/knowledge/new`: a new article, saved as a draft of its author (or submitted for review at once). */
export function NewArticlePage() {
  return <ArticleEditor article={null} version={null} />;
}

/** `/knowledge/articles/:id/edit`: the article's working version (a draft, or one sent back by a reviewer). */
export function EditArticlePage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const article = useArticle(id);
  const version = useVersion(article.data?.working?.id);
  const { open: startEditing, isPending: starting } = useOpenNewVersion(id);

  if (!Number.isInteger(id) || id <= 0) return <NotFoundResult />;
  if (article.isPending || (article.data?.working && version.isPending)) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (article.isError) {
    return isApiError(article.error) && article.error.status === 404 ? (
      <NotFoundResult />
    ) : (
      <LoadFailedResult message={article.error.message} onRetry={() => article.refetch()} />
    );
  }
  if (version.isError) return <LoadFailedResult message={version.error.message} onRetry={() => version.refetch()} />;
  const detail = article.data;
  const working = version.data;
  const back = (
    <Link to={`/knowledge/articles/${detail.id}`}>
      <Button icon={<ArrowLeftOutlined />}>{t('knowledge.backToArticle')}</Button>
    </Link>
  );
  if (!working) {
    return (
      <Result
        status="info"
        title={detail.title}
        subTitle={t('knowledge.editor.noWorkingVersion')}
        extra={
          <Space>
            {back}
            {detail.canEdit && detail.status === 'published' && (
              <Button type="primary" icon={<EditOutlined />} loading={starting} onClick={() => startEditing()}>
                {t('knowledge.edit')}
              </Button>
            )}
          </Space>
        }
      />
    );
  }
  if (!working.canEdit) {
    return (
      <Result
        status="info"
        title={working.title}
        subTitle={working.status === 'submitted' ? t('knowledge.editor.inReview') : t('knowledge.editor.notEditable')}
        extra={
          <Space orientation="vertical" align="center">
            {back}
            <VersionActionButtons version={working} ownerId={detail.owner?.id} />
          </Space>
        }
      />
    );
  }
  return <ArticleEditor key={working.id} article={detail} version={working} />;
}

interface EditorProps {
  article: KnowledgeArticleDetail | null;
  version: KnowledgeVersionDetail | null;
}

function ArticleEditor({ article, version }: EditorProps) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { showError } = useApiFeedback();
  const [form] = Form.useForm<EditorValues>();
  const create = useCreateArticle();
  const save = useSaveDraft();
  const settings = useArticleSettings();
  const action = useVersionAction();
  const reload = useVersion(version?.id);
  // The lock the server gave us: sent back with each save, so a save over someone else's is refused.
  const lock = useRef(version?.version ?? 0);
  const initial = useRef<EditorValues>(version ? valuesOf(version, article) : emptyValues());
  const [conflict, setConflict] = useState(false);
  const [unplaced, setUnplaced] = useState<ApiIssue[]>([]);
  const [dirty, setDirty] = useState(false);
  const busy = create.isPending || save.isPending || settings.isPending || action.isPending;
  const settingsEditable = !article || article.owner?.id === me.id || article.canManage;

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const failed = (error: unknown) => {
    if (isApiError(error) && error.code === 'versionConflict') {
      // Keep every word the user typed; they decide when to load the newer version.
      setConflict(true);
      message.error(t('knowledge.editor.conflictShort'));
      return;
    }
    if (isApiError(error)) setUnplaced(applyNestedIssues(form, error.issues));
    showError(error);
  };

  /** Saves what is on screen; resolves to the saved version (or null when it failed). */
  const persist = async (): Promise<KnowledgeVersionDetail | null> => {
    let values: EditorValues;
    try {
      values = await form.validateFields();
    } catch {
      message.error(t('knowledge.editor.fixErrors'));
      return null;
    }
    setUnplaced([]);
    const content = toContent(values);
    try {
      if (!version || !article) {
        return await create.mutateAsync({ ...content, reviewBy: values.reviewBy ? values.reviewBy.format('YYYY-MM-DD') : null });
      }
      const saved = await save.mutateAsync({ id: version.id, version: lock.current, ...content });
      lock.current = saved.version;
      const reviewBy = values.reviewBy ? values.reviewBy.format('YYYY-MM-DD') : null;
      if (settingsEditable && reviewBy !== article.reviewBy) {
        await settings.mutateAsync({ id: article.id, version: article.version, reviewBy });
      }
      setDirty(false);
      return saved;
    } catch (error) {
      failed(error);
      return null;
    }
  };

  const saveDraft = async () => {
    const saved = await persist();
    if (!saved) return;
    message.success(t('knowledge.editor.saved'));
    if (!version) navigate(`/knowledge/articles/${saved.articleId}/edit`, { replace: true });
  };

  const submit = async () => {
    const saved = await persist();
    if (!saved) return;
    try {
      await action.mutateAsync({ id: saved.id, action: 'submit', version: saved.version });
      setDirty(false);
      message.success(t('knowledge.done.submit'));
      navigate(`/knowledge/articles/${saved.articleId}`);
    } catch (error) {
      if (!version) navigate(`/knowledge/articles/${saved.articleId}/edit`, { replace: true });
      failed(error);
    }
  };

  const loadLatest = async () => {
    const latest = await reload.refetch();
    if (!latest.data) return;
    lock.current = latest.data.version;
    form.setFieldsValue(valuesOf(latest.data, article));
    setConflict(false);
    setDirty(false);
  };

  const title = version ? t('knowledge.editor.editTitle', { revision: version.revision }) : t('knowledge.newArticle');
  return (
    <div className="knowledge-page knowledge-editor" data-testid="knowledge-editor">
      <div className="knowledge-article__header">
        <div className="knowledge-article__heading">
          <Link to={article ? `/knowledge/articles/${article.id}` : '/knowledge'} className="knowledge-article__back">
            <ArrowLeftOutlined /> {article ? t('knowledge.backToArticle') : t('knowledge.backHome')}
          </Link>
          <Space>
            <Typography.Title level={4} className="knowledge-article__title">
              {title}
            </Typography.Title>
            {version && <VersionStatusTag status={version.status} />}
            {article && <span className="knowledge-number">{article.number}</span>}
          </Space>
        </div>
        <Space>
          <Button icon={<SaveOutlined />} onClick={saveDraft} loading={busy} data-testid="editor-save">
            {t('knowledge.editor.saveDraft')}
          </Button>
          <Button type="primary" icon={<SendOutlined />} onClick={submit} loading={busy} data-testid="editor-submit">
            {t('knowledge.actions.submit')}
          </Button>
        </Space>
      </div>
      {version?.status === 'rejected' && version.reviewComment && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('knowledge.editor.rejectedBy', { name: version.reviewer?.displayName ?? '' })}
          description={version.reviewComment}
          data-testid="editor-reject-comment"
        />
      )}
      {version?.basedOnRevision && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('knowledge.editNewVersion')} />}
      {conflict && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="editor-conflict"
          title={t('knowledge.editor.conflictTitle')}
          description={t('knowledge.editor.conflict')}
          action={
            <Button danger onClick={loadLatest} loading={reload.isFetching}>
              {t('knowledge.editor.loadLatest')}
            </Button>
          }
        />
      )}
      {unplaced.length > 0 && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={unplaced.map((issue) => issue.message).join('；')} />
      )}
      <Card variant="borderless">
        <Form<EditorValues> form={form} layout="vertical" initialValues={initial.current} onValuesChange={() => setDirty(true)}>
          <KnowledgeFields form={form} article={article} settingsEditable={settingsEditable} />
        </Form>
      </Card>
    </div>
  );
}
