import type { FormInstance } from 'antd';
import { Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { UserPicker } from '../../components/user-picker';
import { useTeams } from '../org/api';

/**
 * A team and a person: picking a team offers its members; without a team any handler can be found
 * by name. At least one of the two is required (the server says the same).
 */
export function TeamPersonFields({ form, required = true }: { form: FormInstance; required?: boolean }) {
  const { t } = useTranslation();
  const teams = useTeams();
  const teamId = Form.useWatch('teamId', form) as number | undefined;
  const team = teams.data?.find((candidate) => candidate.id === teamId);
  const atLeastOne = {
    validator: async () => {
      if (!required || form.getFieldValue('teamId') || form.getFieldValue('assigneeId')) return;
      throw new Error(t('ticketsUi.modals.targetHint'));
    },
  };
  return (
    <>
      <Form.Item name="teamId" label={t('ticketsUi.modals.team')} rules={[atLeastOne]} dependencies={['assigneeId']}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          loading={teams.isPending}
          placeholder={t('ticketsUi.catalog.selectPlaceholder')}
          options={(teams.data ?? [])
            .filter((candidate) => candidate.active)
            .map((candidate) => ({ value: candidate.id, label: candidate.name }))}
          onChange={() => form.setFieldValue('assigneeId', undefined)}
          data-testid="target-team"
        />
      </Form.Item>
      <Form.Item name="assigneeId" label={t('ticketsUi.modals.person')} extra={t('ticketsUi.modals.targetHint')}>
        {team ? (
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('ticketsUi.modals.anyoneInTeam')}
            options={team.members.map((member) => ({ value: member.id, label: member.displayName }))}
            data-testid="target-person"
          />
        ) : (
          <UserPicker />
        )}
      </Form.Item>
    </>
  );
}
