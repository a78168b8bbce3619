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

// A knowledge article's fields, as its editor names them.
const KNOWLEDGE_FIELD_KEYS: Record<string, string> = {
  title: 'knowledge.fields.title',
  type: 'knowledge.fields.type',
  categoryId: 'knowledge.fields.category',
  tags: 'knowledge.fields.tags',
  systemIds: 'knowledge.fields.systems',
  audience: 'knowledge.fields.audience',
  body: 'knowledge.fields.body',
  symptom: 'knowledge.fields.symptom',
  cause: 'knowledge.fields.cause',
  workaround: 'knowledge.fields.workaround',
  fix: 'knowledge.fields.fix',
  ownerId: 'knowledge.owner',
  reviewBy: 'knowledge.reviewBy',
};

// A release's fields, as its request form names them.
const RELEASE_FIELD_KEYS: Record<string, string> = {
  systemId: 'releases.fields.system',
  versionLabel: 'releases.fields.versionLabel',
  title: 'releases.fields.title',
  windowStart: 'releases.fields.windowStart',
  windowEnd: 'releases.fields.windowEnd',
  plan: 'releases.fields.plan',
  rollbackPlan: 'releases.fields.rollbackPlan',
  risk: 'releases.fields.risk',
  demandIds: 'releases.fields.demands',
};

/** Where a record type's statuses and field names are named in the catalogue (tickets by default). */
const RECORD_TEXTS: Record<string, { statuses: string; fields: Record<string, string> }> = {
  knowledge: { statuses: 'knowledge.versionStatuses', fields: KNOWLEDGE_FIELD_KEYS },
  stocktake: { statuses: 'stocktake.status', fields: {} },
  demand: { statuses: 'demands.status', fields: {} },
  release: { statuses: 'releases.status', fields: RELEASE_FIELD_KEYS },
  incident: { statuses: 'incidents.status', fields: {} },
  fault: {
    statuses: 'faults.status',
    fields: Object.fromEntries(
      [
        'title',
        'description',
        'severity',
        'impactKind',
        'impactUsers',
        'impactBusiness',
        'systemIds',
        'startedAt',
        'detectedAt',
        'recoveredAt',
      ].map((f) => [f, `faults.fields.${f}`]),
    ),
  },
};
const DEFAULT_TEXTS = { statuses: 'tickets.status', fields: FIELD_LABEL_KEYS };

/** Values a record page adds to an entry's own (names for ids the payload carries, say). */
export type TimelineExtras = (entry: TimelineEntry) => { values?: Record<string, unknown>; note?: string } | undefined;

/** A status or clock name from the record's catalogue section, when it has one. */
function named(t: TFunction, key: string, value: unknown): unknown {
  return typeof value === 'string' && i18n.exists(`${key}.${value}`) ? t(`${key}.${value}` as 'timeline.created') : value;
}

/**
 * One timeline entry as a sentence in the reader's language (`timeline.<kind>` with the payload).
 * `recordType` picks the names of the record's statuses and fields (a knowledge article's differ from a ticket's).
 */
export function timelineText(entry: TimelineEntry, t: TFunction, labels: Labels, extras?: TimelineExtras, recordType?: string): string {
  const { kind, ...payload } = entry.event;
  const texts = (recordType && RECORD_TEXTS[recordType]) || DEFAULT_TEXTS;
  const actor = entry.actorName ?? t('timeline.system');
  const values: Record<string, unknown> = { ...payload, actor };
  const separator = labels.locale === 'zh-CN' ? '、' : ', ';
  if (Array.isArray(payload.fields)) {
    values.fields = (payload.fields as string[])
      .map((field) => {
        const labelKey = texts.fields[field];
        return labelKey ? String(t(labelKey as 'common.name')) : field;
      })
      .join(separator);
  }
  if (kind === 'assigned' || kind === 'transferred') values.target = payload.toUser ?? payload.toTeam ?? '';
  if (typeof payload.role === 'string') values.role = labels.roleName(payload.role);
  if (typeof payload.scope === 'string') values.scope = labels.scope(payload.scope);
  if (kind === 'stateChanged') {
    values.from = named(t, texts.statuses, payload.from);
    values.to = named(t, texts.statuses, payload.to);
  }
  if (kind === 'slaWarning' || kind === 'slaBreached') values.clock = named(t, 'tickets.slaClock', payload.clock);
  // a demand's task status and test result
  if (kind === 'demandTaskChanged') values.status = named(t, 'demands.tasks.statuses', payload.status);
  if (kind === 'demandTestRegistered') values.result = named(t, 'demands.tests.results', payload.result);
  Object.assign(values, extras?.(entry)?.values);
  const key = `timeline.${kind}`;
  if (!i18n.exists(key)) return `${actor} · ${kind}`;
  return String(t(key as 'timeline.created', values));
}

/** The files a comment brought onto the record (named when it was written), in upload order. */
export function commentFiles(entry: TimelineEntry): { id: number; name: string }[] {
  const files = entry.event.files;
  if (!Array.isArray(files)) return [];
  return files.filter((file): file is { id: number; name: string } => typeof file?.id === 'number' && typeof file?.name === 'string');
}
