import {
  IdParams,
  SpareAdjustmentBody,
  SpareCategories,
  SpareIssueBody,
  SpareItem,
  SpareItemBody,
  SpareItemListQuery,
  SpareItemPage,
  SpareItemUpdateBody,
  SpareLedgerExportQuery,
  SpareLedgerQuery,
  SpareMovementList,
  SpareMovementPage,
  SpareMovementResult,
  SpareReceiptBody,
  SpareReturnBody,
  SpareTransferBody,
  SpareWarehouse,
  SpareWarehouseBody,
  SpareWarehouseList,
  SpareWarehouseUpdateBody,
} from '@shuyun/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf, ctxOf } from '../../platform/http/types.js';
import { adjustStock } from './adjust.js';
import { issueStock, returnStock } from './issue.js';
import { createItem, getItem, listCategories, listItems, updateItem } from './items.js';
import { exportLedger, listLedger, ticketMovements } from './ledger.js';
import { movementsById } from './queries.js';
import { receiveStock } from './receive.js';
import { transferStock } from './transfer.js';
import { createWarehouse, listWarehouses, updateWarehouse } from './warehouses.js';

const tags = ['spares'];

export async function spareRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { platform } = app;
  const { db, config } = platform;
  const result = async (done: { number: string; ids: number[] }) => ({ number: done.number, movements: await movementsById(db, done.ids) });

  // ---- items ----
  typed.get(
    '/api/spares/items',
    { config: { access: 'spare.read' }, schema: { tags, querystring: SpareItemListQuery, response: { 200: SpareItemPage } } },
    async (req) => listItems(db, req.query),
  );
  typed.get(
    '/api/spares/categories',
    { config: { access: 'spare.read' }, schema: { tags, response: { 200: SpareCategories } } },
    async () => ({ items: await listCategories(db) }),
  );
  typed.get(
    '/api/spares/items/:id',
    { config: { access: 'spare.read' }, schema: { tags, params: IdParams, response: { 200: SpareItem } } },
    async (req) => getItem(db, req.params.id),
  );
  typed.post(
    '/api/spares/items',
    { config: { access: 'spare.manage' }, schema: { tags, body: SpareItemBody, response: { 201: SpareItem } } },
    async (req, reply) => reply.code(201).send(await getItem(db, await createItem(platform, ctxOf(req), req.body))),
  );
  typed.patch(
    '/api/spares/items/:id',
    { config: { access: 'spare.manage' }, schema: { tags, params: IdParams, body: SpareItemUpdateBody, response: { 200: SpareItem } } },
    async (req) => {
      await updateItem(platform, ctxOf(req), req.params.id, req.body);
      return getItem(db, req.params.id);
    },
  );

  // ---- warehouses ----
  typed.get(
    '/api/spares/warehouses',
    { config: { access: 'spare.read' }, schema: { tags, response: { 200: SpareWarehouseList } } },
    async () => ({ items: await listWarehouses(db) }),
  );
  typed.post(
    '/api/spares/warehouses',
    { config: { access: 'spare.manage' }, schema: { tags, body: SpareWarehouseBody, response: { 201: SpareWarehouse } } },
    async (req, reply) => {
      const id = await createWarehouse(db, ctxOf(req), req.body);
      return reply.code(201).send((await listWarehouses(db)).find((w) => w.id === id) as never);
    },
  );
  typed.patch(
    '/api/spares/warehouses/:id',
    {
      config: { access: 'spare.manage' },
      schema: { tags, params: IdParams, body: SpareWarehouseUpdateBody, response: { 200: SpareWarehouse } },
    },
    async (req) => {
      await updateWarehouse(db, ctxOf(req), req.params.id, req.body);
      return (await listWarehouses(db)).find((w) => w.id === req.params.id) as never;
    },
  );

  // ---- movements ----
  typed.post(
    '/api/spares/receipts',
    { config: { access: 'spare.manage' }, schema: { tags, body: SpareReceiptBody, response: { 201: SpareMovementResult } } },
    async (req, reply) => reply.code(201).send(await result(await receiveStock(platform, ctxOf(req), req.body))),
  );
  typed.post(
    '/api/spares/issues',
    { config: { access: 'spare.issue' }, schema: { tags, body: SpareIssueBody, response: { 201: SpareMovementResult } } },
    async (req, reply) => reply.code(201).send(await result(await issueStock(platform, ctxOf(req), req.body))),
  );
  typed.post(
    '/api/spares/returns',
    { config: { access: 'spare.issue' }, schema: { tags, body: SpareReturnBody, response: { 201: SpareMovementResult } } },
    async (req, reply) => reply.code(201).send(await result(await returnStock(platform, ctxOf(req), req.body))),
  );
  typed.post(
    '/api/spares/transfers',
    { config: { access: 'spare.manage' }, schema: { tags, body: SpareTransferBody, response: { 201: SpareMovementResult } } },
    async (req, reply) => reply.code(201).send(await result(await transferStock(platform, ctxOf(req), req.body))),
  );
  typed.post(
    '/api/spares/adjustments',
    { config: { access: 'spare.manage' }, schema: { tags, body: SpareAdjustmentBody, response: { 201: SpareMovementResult } } },
    async (req, reply) => reply.code(201).send(await result(await adjustStock(platform, ctxOf(req), req.body))),
  );

  // ---- ledger ----
  typed.get(
    '/api/spares/ledger',
    { config: { access: 'spare.read' }, schema: { tags, querystring: SpareLedgerQuery, response: { 200: SpareMovementPage } } },
    async (req) => listLedger(db, actorOf(req), req.query, config.TIMEZONE),
  );
  typed.get(
    '/api/spares/ledger/export',
    { config: { access: 'spare.read' }, schema: { tags, querystring: SpareLedgerExportQuery } },
    async (req, reply) => exportLedger(platform, ctxOf(req), req.query, reply),
  );
  typed.get(
    '/api/spares/tickets/:id/movements',
    { config: { access: 'spare.read' }, schema: { tags, params: IdParams, response: { 200: SpareMovementList } } },
    async (req) => ticketMovements(db, actorOf(req), req.params.id),
  );
}
