import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, List, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../app/auth';
import { useTicketSpares } from './api';
import { IssueModal } from './spare-modals';

/** The ticket page's 备件 card: parts issued to (and returned from) the ticket; holders of spare.issue issue more. */
export function TicketSparesCard({ ticketId, open }: { ticketId: number; open: boolean }) {
  const { can } = useAuth();
  return can('spare.read') ? <SparesCard ticketId={ticketId} open={open} /> : null;
}

function SparesCard({ ticketId, open }: { ticketId: number; open: boolean }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const parts = useTicketSpares(ticketId);
  const [issuing, setIssuing] = useState(false);
  return (
    <Card
      variant="borderless"
      title={t('spares.ticketCard.title')}
      data-testid="ticket-spares-card"
      extra={
        can('spare.issue') &&
        open && (
          <Button type="link" size="small" icon={<PlusOutlined />} onClick={() => setIssuing(true)} data-testid="ticket-spares-issue">
            {t('spares.ticketCard.issue')}
          </Button>
        )
      }
    >
      {parts.data?.length ? (
        <List
          size="small"
          dataSource={parts.data}
          renderItem={(m) => (
            <List.Item data-testid="ticket-spare-row">
              <div style={{ width: '100%' }}>
                <Link to={`/spares/items/${m.item.id}`}>{m.item.name}</Link>
                <Typography.Text strong style={{ float: 'right' }} type={m.quantity < 0 ? undefined : 'success'}>
                  {`${t(`spares.kinds.${m.kind}`)} ${Math.abs(m.quantity)} ${m.item.unit}`}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {`${m.number} · ${m.warehouse.name} · ${m.actor?.displayName ?? ''} · ${dayjs(m.at).format('MM-DD HH:mm')}`}
                </Typography.Text>
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('spares.ticketCard.empty')} />
      )}
      {issuing && <IssueModal ticketId={ticketId} onClose={() => setIssuing(false)} />}
    </Card>
  );
}
