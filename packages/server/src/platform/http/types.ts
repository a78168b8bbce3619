import type { RouteAccess } from '@shuyun/shared';
import type { FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import type { ActionContext, Actor } from '../context.js';
import type { FileStore } from '../files/store.js';
import type { Jobs } from '../jobs/jobs.js';
import type { Realtime } from '../realtime/realtime.js';

/** What every module's routes and services may use. Built once at start-up. */
export interface Platform {
  config: Config;
  db: Database;
  jobs: Jobs;
  realtime: Realtime;
  files: FileStore;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every route declares this; the guard refuses to serve a route without it. */
    access?: RouteAccess;
    /** Skip the CSRF check (login, which has no session yet and only accepts JSON). */
    csrfExempt?: boolean;
    /** The route checks its own bearer token (a webhook secret): the guard does not read it as an API token. */
    ownBearer?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionIdHash: string | null;
    /** Actor plus IP and user agent, for services and audit entries. */
    ctx: ActionContext;
  }
  interface FastifyInstance {
    platform: Platform;
  }
}

/** Requires an actor in a handler that declared a permission (the guard already made sure). */
export function actorOf(req: { actor: Actor | null }): Actor {
  if (!req.actor) throw new Error('guarded route reached without an actor');
  return req.actor;
}

/** The acting user with request metadata, for services that audit. */
export function ctxOf(req: FastifyRequest): ActionContext & { actor: Actor } {
  return { ...req.ctx, actor: actorOf(req) };
}
