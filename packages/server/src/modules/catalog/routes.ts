import {
  CatalogAdminList,
  CatalogCategoryAdmin,
  CatalogCategoryBody,
  CatalogCategoryUpdateBody,
  CatalogItemAdmin,
  CatalogItemBody,
  CatalogItemDetail,
  CatalogItemUpdateBody,
  CatalogReorderBody,
  CatalogReorderResult,
  CatalogSearchQuery,
  CatalogSearchResult,
  CatalogTree,
  IdParams,
} from '@shuyun/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../../db/database.js';
import { notFound } from '../../platform/errors.js';
import { actorOf, ctxOf } from '../../platform/http/types.js';
import { catalogTree, itemDetail, searchCatalog } from './browse.js';
import { createCategory, updateCategory } from './categories.js';
import { createItem, updateItem } from './items.js';
import { adminCategories, adminItems } from './queries.js';
import { reorderCatalog } from './reorder.js';

const tags = ['catalog'];

async function oneCategory(db: Database, id: number) {
  const [category] = await adminCategories(db, id);
  if (!category) throw notFound();
  return category;
}

async function oneItem(db: Database, id: number) {
  const [item] = await adminItems(db, id);
  if (!item) throw notFound();
  return item;
}

export async function catalogRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.platform;

  // Requester side: what the caller may request, in the caller's language.
  typed.get('/api/catalog', { config: { access: 'catalog.read' }, schema: { tags, response: { 200: CatalogTree } } }, async (req) =>
    catalogTree(db, actorOf(req)),
  );
  typed.get(
    '/api/catalog/search',
    { config: { access: 'catalog.read' }, schema: { tags, querystring: CatalogSearchQuery, response: { 200: CatalogSearchResult } } },
    async (req) => searchCatalog(db, actorOf(req), req.query.q, req.query.limit),
  );
  typed.get(
    '/api/catalog/items/:id',
    { config: { access: 'catalog.read' }, schema: { tags, params: IdParams, response: { 200: CatalogItemDetail } } },
    async (req) => itemDetail(db, actorOf(req), req.params.id),
  );

  // Administration: everything, inactive included, both languages.
  typed.get(
    '/api/catalog/admin',
    { config: { access: 'catalog.manage' }, schema: { tags, response: { 200: CatalogAdminList } } },
    async () => ({ categories: await adminCategories(db), items: await adminItems(db) }),
  );
  typed.post(
    '/api/catalog/admin/categories',
    { config: { access: 'catalog.manage' }, schema: { tags, body: CatalogCategoryBody, response: { 201: CatalogCategoryAdmin } } },
    async (req, reply) => {
      const id = await createCategory(db, ctxOf(req), req.body);
      return reply.code(201).send(await oneCategory(db, id));
    },
  );
  typed.patch(
    '/api/catalog/admin/categories/:id',
    {
      config: { access: 'catalog.manage' },
      schema: { tags, params: IdParams, body: CatalogCategoryUpdateBody, response: { 200: CatalogCategoryAdmin } },
    },
    async (req) => {
      await updateCategory(db, ctxOf(req), req.params.id, req.body);
      return oneCategory(db, req.params.id);
    },
  );
  typed.post(
    '/api/catalog/admin/items',
    { config: { access: 'catalog.manage' }, schema: { tags, body: CatalogItemBody, response: { 201: CatalogItemAdmin } } },
    async (req, reply) => {
      const id = await createItem(db, ctxOf(req), req.body);
      return reply.code(201).send(await oneItem(db, id));
    },
  );
  typed.get(
    '/api/catalog/admin/items/:id',
    { config: { access: 'catalog.manage' }, schema: { tags, params: IdParams, response: { 200: CatalogItemAdmin } } },
    async (req) => oneItem(db, req.params.id),
  );
  typed.patch(
    '/api/catalog/admin/items/:id',
    {
      config: { access: 'catalog.manage' },
      schema: { tags, params: IdParams, body: CatalogItemUpdateBody, response: { 200: CatalogItemAdmin } },
    },
    async (req) => {
      await updateItem(db, ctxOf(req), req.params.id, req.body);
      return oneItem(db, req.params.id);
    },
  );
  typed.post(
    '/api/catalog/admin/reorder',
    { config: { access: 'catalog.manage' }, schema: { tags, body: CatalogReorderBody, response: { 200: CatalogReorderResult } } },
    async (req) => reorderCatalog(db, ctxOf(req), req.body),
  );
}
