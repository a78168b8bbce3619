import { z } from 'zod';
import { Day, Id, page, text, Version } from './common.js';

/** Movement kinds in the ledger 台账: + into a warehouse, − out of it. */
export const SPARE_MOVEMENT_KINDS = ['inbound', 'issue', 'return', 'transferOut', 'transferIn', 'adjust'] as const;
export type SpareMovementKind = (typeof SPARE_MOVEMENT_KINDS)[number];

/** Quantities are counted in whole units (个, 条, 米…): a positive whole number. */
export const SpareQuantity = z.number().int().min(1).max(1_000_000);
const Note = z.string().trim().max(500).nullable().optional();
const Bool = z.enum(['true', 'false']).transform((v) => v === 'true');

// ---- items ----
export const SpareItemBody = z.strictObject({
  code: text(1, 40),
  name: text(1, 100),
  model: text(0, 100).nullable().optional(),
  unit: text(1, 10),
  category: text(0, 40).nullable().optional(),
  minStock: z.number().int().min(0).max(1_000_000).default(0),
});
export type SpareItemBody = z.infer<typeof SpareItemBody>;

export const SpareItemUpdateBody = z.strictObject({
  version: Version,
  code: text(1, 40).optional(),
  name: text(1, 100).optional(),
  model: text(0, 100).nullable().optional(),
  unit: text(1, 10).optional(),
  category: text(0, 40).nullable().optional(),
  minStock: z.number().int().min(0).max(1_000_000).optional(),
  active: z.boolean().optional(),
});
export type SpareItemUpdateBody = z.infer<typeof SpareItemUpdateBody>;

export const SpareItemListQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  category: z.string().trim().max(40).optional(),
  lowOnly: Bool.optional(),
  includeInactive: Bool.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type SpareItemListQuery = z.infer<typeof SpareItemListQuery>;

const WarehouseRef = z.object({ id: z.number(), code: z.string(), name: z.string() });
export const SpareStockLine = z.object({ warehouse: WarehouseRef, quantity: z.number().int() });

export const SpareItem = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  model: z.string().nullable(),
  unit: z.string(),
  category: z.string().nullable(),
  minStock: z.number().int(),
  total: z.number().int(),
  low: z.boolean(),
  active: z.boolean(),
  stock: z.array(SpareStockLine),
  version: z.number().int(),
});
export type SpareItem = z.infer<typeof SpareItem>;
export const SpareItemPage = page(SpareItem);
export const SpareCategories = z.object({ items: z.array(z.string()) });

// ---- warehouses ----
export const SpareWarehouseBody = z.strictObject({
  code: text(1, 40),
  name: text(1, 100),
  place: text(0, 200).nullable().optional(),
  keeperId: Id.nullable().optional(),
});
export const SpareWarehouseUpdateBody = z.strictObject({
  version: Version,
  code: text(1, 40).optional(),
  name: text(1, 100).optional(),
  place: text(0, 200).nullable().optional(),
  keeperId: Id.nullable().optional(),
  active: z.boolean().optional(),
});
export type SpareWarehouseUpdateBody = z.infer<typeof SpareWarehouseUpdateBody>;
export const SpareWarehouse = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  place: z.string().nullable(),
  keeper: z.object({ id: z.number(), displayName: z.string() }).nullable(),
  active: z.boolean(),
  itemCount: z.number().int(),
  version: z.number().int(),
});
export const SpareWarehouseList = z.object({ items: z.array(SpareWarehouse) });

// ---- movements ----
export const SpareReceiptBody = z.strictObject({
  warehouseId: Id,
  supplier: text(0, 100).nullable().optional(),
  note: Note,
  lines: z
    .array(
      z.strictObject({
        itemId: Id,
        quantity: SpareQuantity,
        unitPrice: z.number().min(0).max(100_000_000).nullable().optional(),
      }),
    )
    .min(1)
    .max(100),
});
export type SpareReceiptBody = z.infer<typeof SpareReceiptBody>;

/** What an issue 领用 is for: a ticket, the repair of an asset (by id or tag), or a person. */
export const SpareIssueTarget = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ticket'), ticketId: Id }),
  z.strictObject({ type: z.literal('asset'), assetTag: text(1, 40) }),
  z.strictObject({ type: z.literal('person'), userId: Id }),
]);
export type SpareIssueTarget = z.infer<typeof SpareIssueTarget>;

export const SpareIssueBody = z.strictObject({
  itemId: Id,
  warehouseId: Id,
  quantity: SpareQuantity,
  target: SpareIssueTarget,
  note: Note,
});
export type SpareIssueBody = z.infer<typeof SpareIssueBody>;

/** Returns part of an earlier issue to the warehouse it came from. */
export const SpareReturnBody = z.strictObject({
  issueId: Id,
  quantity: SpareQuantity,
  note: Note,
});
export type SpareReturnBody = z.infer<typeof SpareReturnBody>;

export const SpareTransferBody = z.strictObject({
  itemId: Id,
  fromWarehouseId: Id,
  toWarehouseId: Id,
  quantity: SpareQuantity,
  note: Note,
});
export type SpareTransferBody = z.infer<typeof SpareTransferBody>;

/** After a count: the quantity found, against the quantity the form showed (refused if it moved since). */
export const SpareAdjustmentBody = z.strictObject({
  itemId: Id,
  warehouseId: Id,
  expectedQuantity: z.number().int().min(0).max(10_000_000),
  countedQuantity: z.number().int().min(0).max(10_000_000),
  reason: text(1, 500),
});
export type SpareAdjustmentBody = z.infer<typeof SpareAdjustmentBody>;

export const SpareMovement = z.object({
  id: z.number(),
  number: z.string(),
  kind: z.enum(SPARE_MOVEMENT_KINDS),
  at: z.string(),
  item: z.object({ id: z.number(), code: z.string(), name: z.string(), unit: z.string() }),
  warehouse: WarehouseRef,
  quantity: z.number().int(),
  balanceAfter: z.number().int(),
  unitPrice: z.string().nullable(),
  ticket: z.object({ id: z.number(), number: z.string(), title: z.string() }).nullable(),
  asset: z.object({ id: z.number(), tag: z.string(), name: z.string() }).nullable(),
  recipient: z.object({ id: z.number(), displayName: z.string() }).nullable(),
  actor: z.object({ id: z.number(), displayName: z.string() }).nullable(),
  supplier: z.string().nullable(),
  note: z.string().nullable(),
  /** For an issue: how much is still out (may be returned). */
  returnable: z.number().int(),
});
export type SpareMovement = z.infer<typeof SpareMovement>;
export const SpareMovementPage = page(SpareMovement);
export const SpareMovementList = z.object({ items: z.array(SpareMovement) });

export const SpareLedgerQuery = z.strictObject({
  itemId: Id.optional(),
  warehouseId: Id.optional(),
  kind: z.enum(SPARE_MOVEMENT_KINDS).optional(),
  from: Day.optional(),
  to: Day.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type SpareLedgerQuery = z.infer<typeof SpareLedgerQuery>;
export const SpareLedgerExportQuery = SpareLedgerQuery.omit({ page: true, pageSize: true });

/** What a movement request answers: its document number and the ledger rows it wrote. */
export const SpareMovementResult = z.object({ number: z.string(), movements: z.array(SpareMovement) });
