import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { TimelineExtras } from '../../components/timeline-text';
import { useTeams } from '../org/api';
import { joinList } from './ticket-format';

const MATCHES = ['catalogItem', 'department', 'system'] as const;

/**
 * What a ticket's timeline shows beyond the payload: the team and person an automatic assignment
 * chose (the payload carries their ids), why the rule matched, and the reason given with a change.
 */
export function useTicketTimelineExtras(): TimelineExtras {
  const { t } = useTranslation();
  const teams = useTeams();
  return useCallback(
    (entry) => {
      const event = entry.event;
      if (event.kind === 'autoAssigned') {
        const team = teams.data?.find((candidate) => String(candidate.id) === String(event.toTeam));
        const person = teams.data?.flatMap((candidate) => candidate.members).find((member) => String(member.id) === String(event.toUser));
        const matched = (Array.isArray(event.matched) ? (event.matched as string[]) : []).map((match) => {
          if (match.startsWith('keyword:')) return t('ticketsUi.matched.keyword', { value: match.slice('keyword:'.length) });
          return (MATCHES as readonly string[]).includes(match) ? t(`ticketsUi.matched.${match as 'system'}`) : match;
        });
        const target = [team?.name ?? event.toTeam, person?.displayName].filter(Boolean).join(' · ');
        return { values: { target, matched: joinList(matched) } };
      }
      if (event.kind === 'stateChanged' && typeof event.reason === 'string' && event.reason && event.to !== 'new') {
        return { note: event.reason };
      }
      if ((event.kind === 'rated' || event.kind === 'workLogged') && typeof (event.comment ?? event.note) === 'string') {
        return { note: String(event.comment ?? event.note) };
      }
      return undefined;
    },
    [t, teams.data],
  );
}
