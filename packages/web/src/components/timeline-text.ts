import type { TFunction } from 'i18next';
import type { TimelineEntry } from '../app/api-types';
import { i18n, type useLabels } from '../app/i18n';

type Labels = ReturnType<typeof useLabels>;

// Timeline payload values that name something the catalogue can translate.
const FIELD_LABEL_KEYS: Record<string, string> = {
  name: 'common.name',
  code: 'common.code',
  description: 'common.description',
  displayName: 'org.displayName',
  employeeNo: 'org.employeeNo',
  email: 'org.email',
  phone: 'org.phone',
  departmentId: 'org.department',
  supervisorId: 'org.supervisor',
  title: 'org.title',
  locale: 'org.locale',
  parentId: 'org.parentDepartment',
  managerId: 'org.manager',
  leadId: 'org.teamLead',
  memberIds: 'org.members',
  ownerId: 'org.owner',
  analystId: 'org.analyst',
  businessDomain: 'org.businessDomain',
  criticality: 'org.criticality',
  availabilityTarget: 'org.availabilityTarget',
  active: 'common.status',
  scope: 'roles.scope',
  permissions: 'roles.permissions',
};

/** One timeline entry as a sentence in the reader's language (`timeline.<kind>` with the payload). */
export function timelineText(entry: TimelineEntry, t: TFunction, labels: Labels): string {
  const { kind, ...payload } = entry.event;
  const actor = entry.actorName ?? t('timeline.system');
  const values: Record<string, unknown> = { ...payload, actor };
  const separator = labels.locale === 'zh-CN' ? '、' : ', ';
  if (Array.isArray(payload.fields)) {
    values.fields = (payload.fields as string[])
      .map((field) => {
        const labelKey = FIELD_LABEL_KEYS[field];
        return labelKey ? String(t(labelKey as 'common.name')) : field;
      })
      .join(separator);
  }
  if (kind === 'assigned' || kind === 'transferred') values.target = payload.toUser ?? payload.toTeam ?? '';
  if (typeof payload.role === 'string') values.role = labels.roleName(payload.role);
  if (typeof payload.scope === 'string') values.scope = labels.scope(payload.scope);
  const key = `timeline.${kind}`;
  if (!i18n.exists(key)) return `${actor} · ${kind}`;
  return String(t(key as 'timeline.created', values));
}
