import { z } from 'zod';

/** bigint identity ids travel as JSON numbers (safe up to 2^53). */
export const Id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const IdParams = z.strictObject({ id: Id });

export const Paging = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const Version = z.number().int().min(1);

/** A calendar day `YYYY-MM-DD`. Years before 1900 are refused: PostgreSQL has no year 0000, and no record here is older. */
export const Day = z.iso.date().refine((d) => d >= '1900-01-01', { message: 'invalidValue' });

/** A trimmed single-line text with bounds. Control characters are refused. */
export function text(min: number, max: number) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s), { message: 'invalidValue' });
}

export const Email = z.string().trim().toLowerCase().max(200).pipe(z.email());
export const Phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 -]{4,19}$/, { message: 'invalidPhone' });

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

export const Ok = z.object({ ok: z.literal(true) });
