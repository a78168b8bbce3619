import { DeleteOutlined, LinkOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Popconfirm, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApiFeedback } from '../../components/use-api-feedback';
import { useLinks, useLinkTicket } from './api';
import { TicketSearchSelect } from './ticket-search-select';
import { StatusTag } from './ticket-tags';

/** Tickets linked to this one; handlers add and remove links. */
export function LinksCard({ ticketId, editable }: { ticketId: number; editable: boolean }) {
  const { t } = useTranslation();
  const links = useLinks(ticketId);
  const link = useLinkTicket();
  const { showError, showSuccess } = useApiFeedback();
  const [adding, setAdding] = useState(false);
  const [target, setTarget] = useState<number | undefined>();

  const add = () => {
    if (!target) return;
    link.mutate(
      { id: ticketId, targetId: target },
      {
        onSuccess: () => {
          showSuccess(t('ticketsUi.links.added'));
          setAdding(false);
          setTarget(undefined);
        },
        onError: (error) => showError(error),
      },
    );
  };

  return (
    <Card
      variant="borderless"
      title={t('ticketsUi.links.title')}
      extra={
        editable &&
        !adding && (
          <Button type="link" size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('ticketsUi.links.add')}
          </Button>
        )
      }
    >
      {adding && (
        <Flex vertical gap={8} style={{ marginBottom: 12 }}>
          <TicketSearchSelect excludeId={ticketId} value={target} onChange={setTarget} />
          <Flex justify="flex-end" gap={8}>
            <Button size="small" onClick={() => setAdding(false)}>
              {t('common.cancel')}
            </Button>
            <Button size="small" type="primary" onClick={add} loading={link.isPending} disabled={!target} data-testid="link-ok">
              {t('ticketsUi.links.add')}
            </Button>
          </Flex>
        </Flex>
      )}
      {links.isPending ? (
        <Skeleton active paragraph={{ rows: 1 }} />
      ) : links.isError ? (
        <Typography.Text type="danger">{links.error.message}</Typography.Text>
      ) : links.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ticketsUi.links.empty')} style={{ margin: '4px 0' }} />
      ) : (
        <Flex vertical gap={8}>
          {links.data.map((linked) => (
            <Flex key={linked.id} align="center" gap={8} justify="space-between">
              <Space size={6} style={{ minWidth: 0 }}>
                <LinkOutlined style={{ color: '#8c8c8c' }} />
                <Link to={`/tickets/${linked.id}`}>{linked.number}</Link>
                <Typography.Text ellipsis style={{ maxWidth: 180 }}>
                  {linked.title}
                </Typography.Text>
              </Space>
              <Space size={4}>
                <StatusTag status={linked.status} />
                {editable && (
                  <Popconfirm
                    title={t('ticketsUi.links.removeConfirm', { number: linked.number })}
                    okText={t('ticketsUi.links.remove')}
                    onConfirm={() =>
                      link.mutateAsync({ id: ticketId, targetId: linked.id, remove: true }).then(
                        () => showSuccess(t('ticketsUi.links.removed')),
                        (error: unknown) => showError(error),
                      )
                    }
                  >
                    <Button type="text" size="small" icon={<DeleteOutlined />} aria-label={t('ticketsUi.links.remove')} />
                  </Popconfirm>
                )}
              </Space>
            </Flex>
          ))}
        </Flex>
      )}
    </Card>
  );
}
