import { z } from 'zod';
import { Day, Id, page, text, Version } from './common.js';

export const ASSET_STATUSES = ['in_stock', 'in_use', 'in_repair', 'scrapped', 'disposed', 'lost'] as const;
export type AssetStatus = (typeof ASSET_STATUSES)[number];
export const ASSET_PENDING_KINDS = ['receipt', 'transfer', 'scrap'] as const;
export type AssetPendingKind = (typeof ASSET_PENDING_KINDS)[number];
export const ASSET_DISPOSAL_METHODS = ['sale', 'recycling', 'destruction'] as const;
export const ASSET_SORTS = ['tag', '-tag', 'purchaseDate', '-purchaseDate', 'price', '-price', 'warrantyEnd', '-warrantyEnd'] as const;

/**
 * Operations on an asset and the statuses they start from (the server's conditional writes use the
 * same table; the web shows only the buttons an asset's status allows).
 */
export const ASSET_OPERATIONS = {
  issue: ['in_stock'],
  return: ['in_use'],
  transfer: ['in_use'],
  repair: ['in_stock', 'in_use'],
  completeRepair: ['in_repair'],
  replace: ['in_stock', 'in_use', 'in_repair'],
  scrap: ['in_stock'],
  dispose: ['scrapped'],
  lose: ['in_stock', 'in_use'],
} as const satisfies Record<string, readonly AssetStatus[]>;
export type AssetOperation = keyof typeof ASSET_OPERATIONS;

const Money = z.number().min(0).max(999_999_999_999).multipleOf(0.01);
const optionalText = (max: number) => text(1, max).nullable().optional();

export const AssetCategoryBody = z.strictObject({
  code: text(1, 40),
  name: text(1, 100),
  usefulLifeMonths: z.number().int().min(1).max(600).default(60),
  residualRate: z.number().min(0).max(0.99).default(0.05),
  sortOrder: z.number().int().min(0).max(100_000).default(0),
});
export const AssetCategoryUpdateBody = z.strictObject({
  version: Version,
  code: text(1, 40).optional(),
  name: text(1, 100).optional(),
  usefulLifeMonths: z.number().int().min(1).max(600).optional(),
  residualRate: z.number().min(0).max(0.99).optional(),
  sortOrder: z.number().int().min(0).max(100_000).optional(),
  active: z.boolean().optional(),
});
export const AssetCategory = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  usefulLifeMonths: z.number(),
  residualRate: z.number(),
  sortOrder: z.number(),
  active: z.boolean(),
  version: z.number(),
});
export const AssetCategoryList = z.object({ items: z.array(AssetCategory) });

export const AssetLocationBody = z.strictObject({
  code: text(1, 40),
  name: text(1, 100),
  parentId: Id.nullable().optional(),
  sortOrder: z.number().int().min(0).max(100_000).default(0),
});
export const AssetLocationUpdateBody = z.strictObject({
  version: Version,
  code: text(1, 40).optional(),
  name: text(1, 100).optional(),
  parentId: Id.nullable().optional(),
  sortOrder: z.number().int().min(0).max(100_000).optional(),
  active: z.boolean().optional(),
});
export const AssetLocation = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  /** The names from the root, e.g. 总部大楼 / 3F / 机房. */
  fullName: z.string(),
  parentId: z.number().nullable(),
  depth: z.number(),
  sortOrder: z.number(),
  active: z.boolean(),
  version: z.number(),
});
export const AssetLocationList = z.object({ items: z.array(AssetLocation) });

const AssetFields = {
  categoryId: Id,
  name: text(1, 200),
  model: optionalText(200),
  serialNo: optionalText(100),
  vendor: optionalText(200),
  purchaseDate: Day.nullable().optional(),
  purchasePrice: Money.nullable().optional(),
  warrantyEnd: Day.nullable().optional(),
  departmentId: Id.nullable().optional(),
  systemId: Id.nullable().optional(),
  note: z.string().trim().max(2000).nullable().optional(),
};

/** Inbound 入库: a new asset in stock at a location; its tag comes from the ZC sequence. */
export const CreateAssetBody = z.strictObject({ ...AssetFields, locationId: Id });
export type CreateAssetBody = z.infer<typeof CreateAssetBody>;
export const UpdateAssetBody = z.strictObject({
  version: Version,
  categoryId: Id.optional(),
  name: text(1, 200).optional(),
  model: AssetFields.model,
  serialNo: AssetFields.serialNo,
  vendor: AssetFields.vendor,
  purchaseDate: AssetFields.purchaseDate,
  purchasePrice: AssetFields.purchasePrice,
  warrantyEnd: AssetFields.warrantyEnd,
  locationId: Id.nullable().optional(),
  departmentId: AssetFields.departmentId,
  systemId: AssetFields.systemId,
  note: AssetFields.note,
});
export type UpdateAssetBody = z.infer<typeof UpdateAssetBody>;

export const AssetListQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  status: z.enum(ASSET_STATUSES).optional(),
  categoryId: Id.optional(),
  departmentId: Id.optional(),
  locationId: Id.optional(),
  custodianId: Id.optional(),
  /** Warranty ending within `warrantyDays` days from today, or already expired. */
  warranty: z.enum(['expiring', 'expired']).optional(),
  warrantyDays: z.coerce.number().int().min(1).max(3650).default(30),
  purchasedFrom: Day.optional(),
  purchasedTo: Day.optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(ASSET_SORTS).default('-tag'),
});
export type AssetListQuery = z.infer<typeof AssetListQuery>;
export const AssetExportQuery = AssetListQuery.omit({ page: true, pageSize: true });

const Person = z.object({ id: z.number(), name: z.string() }).nullable();
export const AssetSummary = z.object({
  id: z.number(),
  tag: z.string(),
  name: z.string(),
  status: z.enum(ASSET_STATUSES),
  category: z.object({ id: z.number(), name: z.string() }),
  model: z.string().nullable(),
  serialNo: z.string().nullable(),
  purchaseDate: z.string().nullable(),
  purchasePrice: z.number().nullable(),
  warrantyEnd: z.string().nullable(),
  location: z.object({ id: z.number(), name: z.string() }).nullable(),
  department: z.object({ id: z.number(), name: z.string() }).nullable(),
  custodian: Person,
  pending: z.enum(ASSET_PENDING_KINDS).nullable(),
  version: z.number(),
});
export const AssetPage = page(AssetSummary);

export const AssetDetail = AssetSummary.extend({
  vendor: z.string().nullable(),
  note: z.string().nullable(),
  system: z.object({ id: z.number(), name: z.string() }).nullable(),
  /** Straight-line net book value today (null without price and purchase date). */
  netValue: z.number().nullable(),
  depreciation: z
    .object({ usefulLifeMonths: z.number(), residualRate: z.number(), monthsUsed: z.number(), monthly: z.number() })
    .nullable(),
  pendingAction: z
    .object({
      kind: z.enum(ASSET_PENDING_KINDS),
      user: Person,
      fromUser: Person,
      requestedBy: Person,
      reason: z.string().nullable(),
      createdAt: z.string(),
    })
    .nullable(),
  /** What the caller may do now (status, pending action and permissions allowed). */
  allowed: z.array(z.string()),
  tickets: z.array(z.object({ id: z.number(), number: z.string(), title: z.string(), status: z.string() })),
  createdAt: z.string(),
});
export type AssetDetail = z.infer<typeof AssetDetail>;

// ---- operations: every body carries the version the user saw ----
export const AssetIssueBody = z.strictObject({ version: Version, userId: Id, note: z.string().trim().max(500).optional() });
export const AssetReturnBody = z.strictObject({ version: Version, locationId: Id, note: z.string().trim().max(500).optional() });
export const AssetTransferBody = z.strictObject({ version: Version, userId: Id, reason: z.string().trim().max(500).optional() });
export const AssetVersionBody = z.strictObject({ version: Version });
export const AssetDeclineBody = z.strictObject({ version: Version, reason: z.string().trim().max(500).optional() });
export const AssetRepairBody = z.strictObject({ version: Version, vendor: text(1, 200), fault: text(1, 500), cost: Money.optional() });
export const AssetRepairDoneBody = z.strictObject({ version: Version, result: text(1, 500), cost: Money.optional() });
export const AssetReplaceBody = z.strictObject({
  version: Version,
  component: text(1, 100),
  oldPart: text(1, 200),
  newPart: text(1, 200),
  cost: Money.optional(),
});
export const AssetScrapBody = z.strictObject({ version: Version, reason: text(1, 500) });
export const AssetDecisionBody = z.strictObject({ version: Version, comment: z.string().trim().max(500).optional() });
export const AssetDisposeBody = z.strictObject({
  version: Version,
  method: z.enum(ASSET_DISPOSAL_METHODS),
  dataWiped: z.boolean(),
  proceeds: Money.optional(),
});
/** Links a ticket (by its number, e.g. GD20261122-0007) to the asset. */
export const AssetLinkTicketBody = z.strictObject({ number: text(1, 40) });
export const AssetLoseBody = z.strictObject({ version: Version, note: z.string().trim().max(500).optional() });

/** The phone's 我的资产: what I hold and what waits for me. */
export const MyAssets = z.object({
  holding: z.array(AssetSummary),
  waiting: z.array(AssetSummary.extend({ fromUser: Person })),
});
export const ScrapApprovals = z.object({
  items: z.array(AssetSummary.extend({ reason: z.string().nullable(), requestedBy: Person, requestedAt: z.string() })),
});

export const AssetImportResult = z.object({ count: z.number(), firstTag: z.string().nullable(), lastTag: z.string().nullable() });
