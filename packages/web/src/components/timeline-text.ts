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

/** Values a record page adds to an entry's own (names for ids the payload carries, say). */
export type TimelineExtras = (entry: TimelineEntry) => { values?: Record<string, unknown>; note?: string } | undefined;

/** A status or clock name from the record's catalogue section, when it has one. */
function named(t: TFunction, key: string, value: unknown): unknown {
  return typeof value === 'string' && i18n.exists(`${key}.${value}`) ? t(`${key}.${value}` as 'timeline.created') : value;
}

/** One timeline entry as a sentence in the reader's language (`timeline.<kind>` with the payload). */
export function timelineText(entry: TimelineEntry, t: TFunction, labels: Labels, extras?: TimelineExtras): string {
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
  if (kind === 'stateChanged') {
    values.from = named(t, 'tickets.status', payload.from);
    values.to = named(t, 'tickets.status', payload.to);
  }
  if (kind === 'slaWarning' || kind === 'slaBreached') values.clock = named(t, 'tickets.slaClock', payload.clock);
  Object.assign(values, extras?.(entry)?.values);
  const key = `timeline.${kind}`;
  if (!i18n.exists(key)) return `${actor} · ${kind}`;
  return String(t(key as 'timeline.created', values));
}
