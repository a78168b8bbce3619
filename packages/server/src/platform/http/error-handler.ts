import { type ErrorCode, type FieldIssue, translate } from '@shuyun/shared';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from '../errors.js';
import { requestLocale } from '../i18n.js';

// Fastify's own error codes mapped to ours.
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'badJson',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'badJson',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payloadTooLarge',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupportedMediaType',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'badJson',
  FST_REQ_FILE_TOO_LARGE: 'fileTooLarge',
  FST_PARTS_LIMIT: 'payloadTooLarge',
  FST_FILES_LIMIT: 'payloadTooLarge',
  FST_FIELDS_LIMIT: 'payloadTooLarge',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'unsupportedMediaType',
  FST_ERR_VALIDATION: 'validation',
};

const MALFORMED_MULTIPART =
  /^(Unexpected end of (form|multipart data)|Malformed part header|Multipart: Boundary not found|Part terminated early)/i;

/** One JSON error shape for everything: `{ error: { code, message, details? } }`, message in the reader's language. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, req, reply) => {
    const locale = requestLocale(req);
    if (error instanceof AppError) {
      // A value written `i18n:<key>` is itself translated (e.g. a role name inside the message).
      const values = Object.fromEntries(
        Object.entries(error.values).map(([k, v]) => [
          k,
          typeof v === 'string' && v.startsWith('i18n:') ? translate(locale, v.slice(5)) : v,
        ]),
      );
      // Field messages written `i18n:<key>` are translated the same way, with the same values.
      const details = Array.isArray(error.details)
        ? error.details.map((d) => (d.message?.startsWith('i18n:') ? { ...d, message: translate(locale, d.message.slice(5), values) } : d))
        : error.details;
      return send(reply, error.status, error.code, translate(locale, `errors.${error.code}`, values), details);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details: FieldIssue[] = error.validation.map((v) => {
        const issue = { ...(v.params as object), code: v.keyword, message: v.message } as ZodIssueLike;
        const path = [v.instancePath.replace(/^\//, '').replaceAll('/', '.'), ...unknownKeys(issue)].filter(Boolean).join('.');
        return { path, code: v.keyword, message: issueMessage(locale, issue) };
      });
      return send(reply, 400, 'validation', translate(locale, 'errors.validation'), details);
    }
    if (isResponseSerializationError(error)) {
      req.log.error({ err: error, issues: error.cause.issues }, 'response does not match its schema');
      return send(reply, 500, 'internal', translate(locale, 'errors.internal'));
    }
    // The multipart parser throws plain errors for a malformed body: the client's mistake, not ours.
    if (MALFORMED_MULTIPART.test(error.message ?? '') && req.isMultipart()) {
      return send(reply, 400, 'validation', translate(locale, 'errors.validation'));
    }
    if (error.statusCode === 429) {
      return send(reply, 429, 'rateLimited', translate(locale, 'errors.rateLimited'));
    }
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (mapped) {
      const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 400;
      return send(reply, status, mapped, translate(locale, `errors.${mapped}`, { max: `${req.server.platform.config.UPLOAD_MAX_MB} MB` }));
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return send(reply, error.statusCode, 'validation', translate(locale, 'errors.validation'));
    }
    req.log.error({ err: error }, 'unhandled error');
    return send(reply, 500, 'internal', translate(locale, 'errors.internal'));
  });

  app.setNotFoundHandler((req, reply) => {
    send(reply, 404, 'notFound', translate(requestLocale(req), 'errors.notFound'));
  });
}

function send(reply: FastifyReply, status: number, code: ErrorCode, message: string, details?: unknown) {
  return reply.code(status).send({ error: { code, message, ...(details === undefined ? {} : { details }) } });
}

interface ZodIssueLike {
  code?: string;
  message?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  format?: string;
  keys?: string[];
  input?: unknown;
}

function unknownKeys(issue: ZodIssueLike): string[] {
  return issue.code === 'unrecognized_keys' ? (issue.keys ?? []) : [];
}

/** Turns a zod issue into a message in the reader's language. */
function issueMessage(locale: ReturnType<typeof requestLocale>, issue: ZodIssueLike): string {
  const t = (key: string, values?: Record<string, unknown>) => translate(locale, `validation.${key}`, values);
  const isString = issue.origin === 'string';
  switch (issue.code) {
    case 'too_small':
      return isString
        ? Number(issue.minimum) <= 1
          ? t('required')
          : t('tooShort', { min: issue.minimum })
        : t('tooSmall', { min: issue.minimum });
    case 'too_big':
      return isString ? t('tooLong', { max: issue.maximum }) : t('tooBig', { max: issue.maximum });
    case 'invalid_type':
      // zod 4 words a missing value "… received undefined"; anything else is a wrong type.
      return /received undefined/.test(issue.message ?? '') ? t('required') : t('invalidType');
    case 'invalid_format':
      if (issue.format === 'email') return t('invalidEmail');
      return issue.message === 'invalidPhone' ? t('invalidPhone') : t('invalidValue');
    case 'unrecognized_keys':
      return t('unknownField', { field: (issue.keys ?? []).join(', ') });
    case 'custom':
    case 'invalid_string':
      return issue.message && ['invalidPhone', 'invalidValue'].includes(issue.message) ? t(issue.message) : t('invalidValue');
    default:
      return issue.message === 'invalidPhone' ? t('invalidPhone') : t('invalidValue');
  }
}
