/** Readable number prefixes (SPEC §2 "Numbers"). Modules register theirs here. */
export const NUMBER_PREFIXES = {
  ticket: 'GD',
  incident: 'SJ',
  fault: 'GZ',
  demand: 'XQ',
  release: 'FB',
  project: 'XM',
  knowledge: 'ZS',
  spare: 'BJ',
  stocktake: 'PD',
} as const;
export type NumberedRecordType = keyof typeof NUMBER_PREFIXES;

/** Asset tags are one sequence for the whole register, not per day: `ZC-000123` (platform nextTag). */
export const ASSET_TAG_PREFIX = 'ZC';

/** `GD20261122-0007`: prefix, business-local date, a daily sequence of at least four digits. */
export function formatRecordNumber(prefix: string, day: string, seq: number): string {
  return `${prefix}${day.replaceAll('-', '')}-${String(seq).padStart(4, '0')}`;
}

export const RECORD_NUMBER_PATTERN = /^[A-Z]{2}\d{8}-\d{4,}$/;
