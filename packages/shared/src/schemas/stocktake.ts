import { z } from 'zod';
import { Day, Id, page, text, Version } from './common.js';

/** Stocktakes 资产盘点 (SPEC §3.6). */
export const STOCKTAKE_STATUSES = ['draft', 'in_progress', 'completed', 'cancelled'] as const;
export type StocktakeStatus = (typeof STOCKTAKE_STATUSES)[number];
/** A line's outcome: pending until scanned (missing when the stocktake completes without it). */
export const STOCKTAKE_RESULTS = ['pending', 'found', 'wrong_location', 'wrong_user', 'surplus', 'missing'] as const;
export type StocktakeResult = (typeof STOCKTAKE_RESULTS)[number];
/** Results the owner can apply to the asset register. */
export const APPLICABLE_RESULTS = ['missing', 'wrong_location'] as const;

const Ids = z.array(Id).max(200);

export const CreateStocktakeBody = z.strictObject({
  name: text(1, 100),
  categoryIds: Ids.default([]),
  departmentIds: Ids.default([]),
  locationIds: Ids.default([]),
  counterIds: z.array(Id).min(1).max(100),
  dueDate: Day.nullable().optional(),
});
export type CreateStocktakeInput = z.infer<typeof CreateStocktakeBody>;

export const StocktakeVersionBody = z.strictObject({ version: Version });
export const StocktakeActionParams = z.strictObject({ id: Id, action: z.enum(['start', 'complete', 'cancel']) });

/** A scan: the QR label's text is exactly the asset's tag. */
export const ScanBody = z.strictObject({
  tag: text(1, 64),
  locationId: Id.nullable().optional(),
  /** false: the counter marks that someone other than the recorded custodian holds it. */
  custodianConfirmed: z.boolean().optional(),
  note: text(0, 500).optional(),
});
export type ScanInput = z.infer<typeof ScanBody>;

export const StocktakeListQuery = z.strictObject({
  status: z.enum(STOCKTAKE_STATUSES).optional(),
  mine: z.enum(['counter']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const StocktakeLinesQuery = z.strictObject({
  result: z.enum([...STOCKTAKE_RESULTS, 'anomalies']).optional(),
  applied: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

export const LineParams = z.strictObject({ id: Id, lineId: Id });
export const ApplyBody = z.strictObject({
  /** Lines to apply; omitted: every unapplied missing / wrong-location line. */
  lineIds: z.array(Id).min(1).max(10_000).optional(),
});

const Named = z.object({ id: z.number(), name: z.string() });
const Person = z.object({ id: z.number(), displayName: z.string() });

export const StocktakeProgress = z.object({
  expected: z.number(),
  pending: z.number(),
  found: z.number(),
  wrongLocation: z.number(),
  wrongUser: z.number(),
  surplus: z.number(),
  missing: z.number(),
  anomalies: z.number(),
  applied: z.number(),
});

export const StocktakeSummary = z.object({
  id: z.number(),
  number: z.string(),
  name: z.string(),
  status: z.enum(STOCKTAKE_STATUSES),
  dueDate: z.string().nullable(),
  owner: Person,
  progress: StocktakeProgress,
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
});
export const StocktakePage = page(StocktakeSummary);

export const StocktakeDetail = StocktakeSummary.extend({
  categories: z.array(Named),
  departments: z.array(Named),
  locations: z.array(Named),
  counters: z.array(Person),
  version: z.number(),
  isOwner: z.boolean(),
  isCounter: z.boolean(),
});
export type StocktakeDetailView = z.infer<typeof StocktakeDetail>;

export const StocktakeLine = z.object({
  id: z.number(),
  tag: z.string(),
  assetId: z.number().nullable(),
  assetName: z.string().nullable(),
  expected: z.boolean(),
  result: z.enum(STOCKTAKE_RESULTS),
  expectedLocation: Named.nullable(),
  expectedDepartment: Named.nullable(),
  expectedCustodian: Person.nullable(),
  scannedLocation: Named.nullable(),
  custodianConfirmed: z.boolean().nullable(),
  note: z.string().nullable(),
  scannedBy: Person.nullable(),
  scannedAt: z.string().nullable(),
  appliedAt: z.string().nullable(),
  appliedBy: Person.nullable(),
});
export type StocktakeLineView = z.infer<typeof StocktakeLine>;
export const StocktakeLinePage = page(StocktakeLine);

export const ScanResult = z.object({ line: StocktakeLine, progress: StocktakeProgress });
export const ApplyResult = z.object({
  applied: z.number(),
  conflicts: z.array(z.object({ lineId: z.number(), tag: z.string() })),
  progress: StocktakeProgress,
});

export const StocktakeOptions = z.object({
  categories: z.array(Named),
  locations: z.array(Named.extend({ parentId: z.number().nullable() })),
  departments: z.array(Named.extend({ parentId: z.number().nullable() })),
  counters: z.array(Person),
});
