import { type Locale, pickLocale } from '@shuyun/shared';
import type { FastifyRequest } from 'fastify';

/** The reader's language: the signed-in user's preference, else the browser's Accept-Language. */
export function requestLocale(req: FastifyRequest): Locale {
  return req.actor?.locale ?? pickLocale(req.headers['accept-language']);
}

const minuteFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * `2026-11-22 09:30` in a time zone (the business calendar's): how messages and exports show a
 * moment. One formatter per zone, kept — building one costs more than formatting thousands of cells.
 */
export function localMinute(date: Date | string, timeZone: string): string {
  let format = minuteFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' });
    minuteFormats.set(timeZone, format);
  }
  return format.format(new Date(date));
}
