import { type Locale, pickLocale } from '@shuyun/shared';
import type { FastifyRequest } from 'fastify';

/** The reader's language: the signed-in user's preference, else the browser's Accept-Language. */
export function requestLocale(req: FastifyRequest): Locale {
  return req.actor?.locale ?? pickLocale(req.headers['accept-language']);
}
