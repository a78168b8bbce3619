import { Paging } from '@shuyun/shared';
import { z } from 'zod';
import { OUTCOMES } from './queries.js';

// The web's client could share these once they move to packages/shared/schemas.

export const MailLogQuery = Paging.extend({
  outcome: z.enum(OUTCOMES).optional(),
  reason: z
    .string()
    .trim()
    .max(40)
    .regex(/^[A-Za-z]+$/, { message: 'invalidValue' })
    .optional(),
  from: z.string().trim().max(200).optional(),
});

export const MailLogEntry = z.object({
  id: z.number(),
  messageId: z.string(),
  from: z.string(),
  subject: z.string(),
  outcome: z.enum(OUTCOMES),
  /** A code (`autoSubmitted`, `unknownSender`, `rateLimited`…), and the same in the reader's language. */
  reason: z.string().nullable(),
  reasonText: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  ticket: z.object({ id: z.number(), number: z.string() }).nullable(),
  senderId: z.number().nullable(),
  receivedAt: z.string(),
  processedAt: z.string(),
});
