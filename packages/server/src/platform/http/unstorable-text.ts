import type { FastifyInstance } from 'fastify';
import { fieldError } from '../errors.js';

/**
 * PostgreSQL cannot store a NUL character in text, nor a lone UTF-16 surrogate in jsonb (the audit
 * log's before/after): either would fail deep in a transaction as a 500. Refuse them up front, in
 * the query, the path and the JSON body, as a 400 naming the field.
 */
export function registerUnstorableTextCheck(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    for (const [where, value] of [
      ['', req.params],
      ['', req.query],
      ['', req.body],
    ] as const) {
      const path = findUnstorable(value, where);
      if (path !== null) throw fieldError(path, 'invalid_string', 'validation.invalidValue');
    }
  });
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const unstorable = (text: string) => text.includes('\u0000') || LONE_SURROGATE.test(text);

/** The path of the first string (or key) holding a NUL or a lone surrogate, or null. Iterative: bodies may nest deeply. */
export function findUnstorable(root: unknown, rootPath = ''): string | null {
  const stack: [unknown, string][] = [[root, rootPath]];
  while (stack.length) {
    const [value, path] = stack.pop() as [unknown, string];
    if (typeof value === 'string') {
      if (unstorable(value)) return path;
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    for (const [key, item] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      if (unstorable(key)) return at;
      stack.push([item, at]);
    }
  }
  return null;
}
