import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, List, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../app/auth';
import { useTicketIncidents } from './api';
import { NewIncidentModal } from './new-incident-modal';
import { IncidentStatusTag, PriorityTag } from './tags';

/** The ticket page's 事件 card: incidents registered from the ticket; handlers register one ("登记事件"). */
export function TicketIncidentCard({ ticket }: { ticket: { id: number; number: string; title: string } }) {
  const { can } = useAuth();
  return can('incident.read') ? <IncidentCard ticket={ticket} /> : null;
}

function IncidentCard({ ticket }: { ticket: { id: number; number: string; title: string } }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const incidents = useTicketIncidents(ticket.id);
  const [creating, setCreating] = useState(false);
  return (
    <Card
      variant="borderless"
      title={t('incidents.ticketCard.title')}
      data-testid="ticket-incident-card"
      extra={
        can('incident.handle') && (
          <Button type="link" size="small" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="ticket-incident-register">
            {t('incidents.ticketCard.register')}
          </Button>
        )
      }
    >
      {incidents.data?.length ? (
        <List
          size="small"
          dataSource={incidents.data}
          renderItem={(i) => (
            <List.Item>
              <Space size={4} wrap>
                <PriorityTag priority={i.priority} />
                <Link to={`/incidents/${i.id}`}>{i.number}</Link>
                <IncidentStatusTag status={i.status} />
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('incidents.ticketCard.empty')} />
      )}
      {creating && (
        <NewIncidentModal
          ticket={ticket}
          onClose={() => setCreating(false)}
          onCreated={(incident) => navigate(`/incidents/${incident.id}`)}
        />
      )}
    </Card>
  );
}
