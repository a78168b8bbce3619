import type { ErrorCode } from '@shuyun/shared';
import { currentLocale, i18n } from './i18n';

/** One problem with one field (`path`) or one import row (`sheet`/`row`/`column`). */
export interface ApiIssue {
  path?: string;
  sheet?: string;
  row?: number;
  column?: string;
  code?: string;
  message: string;
}

/** An error answered by the API (`{ error: { code, message, details } }`) or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network',
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Issues listed in `details`, when the server sent a list. */
  get issues(): ApiIssue[] {
    return Array.isArray(this.details) ? (this.details as ApiIssue[]) : [];
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

type SignedOutListener = (code: 'sessionExpired' | 'unauthenticated') => void;

let csrfToken: string | null = null;
const signedOutListeners = new Set<SignedOutListener>();

/** The CSRF token from `Me`; every non-GET request carries it. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request finds the session gone, so the shell can send the user to sign in. */
export function onSignedOut(listener: SignedOutListener): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

// Requests whose 401 is an answer, not a lost session.
const AUTH_PROBES = ['/api/auth/me', '/api/auth/login'];

export function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': currentLocale() };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  try {
    return await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', i18n.t('shell.networkError'));
  }
}

async function failure(path: string, response: Response): Promise<ApiError> {
  let payload: unknown = null;
  try {
    payload = await response.json();
  } catch {
    // Not JSON (a proxy error page, say); fall back to a generic message below.
  }
  const error = (payload as { error?: { code?: ErrorCode; message?: string; details?: unknown } } | null)?.error;
  const apiError = error?.code
    ? new ApiError(response.status, error.code, error.message ?? i18n.t(`errors.${error.code}`), error.details)
    : new ApiError(response.status, response.status >= 500 ? 'internal' : 'validation', i18n.t('errors.internal'));
  if (
    response.status === 401 &&
    (apiError.code === 'sessionExpired' || apiError.code === 'unauthenticated') &&
    !AUTH_PROBES.includes(path)
  ) {
    for (const listener of signedOutListeners) listener(apiError.code);
  }
  return apiError;
}

/** Calls the JSON API; throws `ApiError` with the server's localised message on failure. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  if (!response.ok) throw await failure(path, response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Downloads a file answered by a GET (Excel exports, templates) and saves it under the server's file name. */
export async function download(path: string, query?: Query, fallbackName = 'download'): Promise<void> {
  const response = await send(path, { query });
  if (!response.ok) throw await failure(path, response);
  const blob = await response.blob();
  const disposition = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  const name = encoded ? decodeURIComponent(encoded) : (plain ?? fallbackName);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
