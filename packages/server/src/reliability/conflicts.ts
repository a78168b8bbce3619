import { type Locale, translate } from '@shuyun/shared';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

/**
 * Checks a race's answers: exactly one winner (2xx), every loser a 409 with one of `codes` and the
 * code's message in the loser's language. Returns the winner's index.
 */
export function expectOneWinner(results: { res: LightMyRequestResponse; locale: Locale }[], codes: string[]): number {
  const winners = results.map((r, i) => (r.res.statusCode < 300 ? i : -1)).filter((i) => i >= 0);
  const statuses = results.map((r) => r.res.statusCode);
  expect(winners, `winners among ${JSON.stringify(countBy(statuses))}`).toHaveLength(1);
  for (const [i, { res, locale }] of results.entries()) {
    if (i === winners[0]) continue;
    expect(res.statusCode, res.body).toBe(409);
    const error = res.json().error as { code: string; message: string };
    expect(codes).toContain(error.code);
    expectLocalised(error.code, error.message, locale);
  }
  return winners[0] as number;
}

/**
 * The message is the catalogue's text for the code in the reader's language: every literal part of
 * the template, in order (the values put into its placeholders may be in any language — names).
 */
export function expectLocalised(code: string, message: string, locale: Locale): void {
  const template = translate(locale, `errors.${code}`, new Proxy({}, { get: () => '\u0001' }));
  expect(template, `errors.${code} in ${locale}`).not.toBe(`errors.${code}`);
  let at = 0;
  for (const part of template.split('\u0001')) {
    const found = message.indexOf(part, at);
    expect(found, `"${part}" of errors.${code} (${locale}) in "${message}"`).toBeGreaterThanOrEqual(0);
    at = found + part.length;
  }
}

export function countBy(values: (string | number)[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[String(v)] = (out[String(v)] ?? 0) + 1;
  return out;
}
