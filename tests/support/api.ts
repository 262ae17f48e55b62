/** A tiny HTTP client for the black-box suites: every call returns status, headers and parsed body. */
export const baseUrl = (): string => {
  const url = process.env.LEDGER_BASE_URL;
  if (!url) throw new Error('LEDGER_BASE_URL is not set: run the suites through jest (tests/jest.config.js)');
  return url;
};

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface ErrorBody {
  statusCode: number;
  error: string;
  /** Stable code the admin translates. */
  code: string;
  message: string;
  details?: { field: string; message: string; code?: string }[];
}

/** The first administrator's write token (made in global-setup.mjs): the default identity of `api()`. */
export const adminToken = (): string => process.env.LEDGER_ADMIN_TOKEN ?? '';

export interface RequestOptions {
  rawBody?: string;
  headers?: Record<string, string>;
  /** Bearer token to send; default the admin's; `null` sends no Authorization header. */
  token?: string | null;
}

export async function api<T = unknown>(
  method: string,
  path: string,
  body?: unknown,
  init: RequestOptions = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
  const token = init.token === undefined ? adminToken() : init.token;
  if (token) headers.authorization = `Bearer ${token}`;
  let payload: string | undefined = init.rawBody;
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  } else if (payload !== undefined) {
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${baseUrl()}${path}`, { method, headers, body: payload });
  const text = await response.text();
  let parsed: unknown = text;
  if ((response.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
  return { status: response.status, headers: response.headers, body: parsed as T };
}

/** `?sort=…&range=…&filter=…` with each value JSON-encoded, as ra-data-simple-rest sends it. */
export function listQuery(params: { sort?: unknown; range?: unknown; filter?: unknown }): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) search.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return `?${search.toString()}`;
}

let counter = 0;
/** A name no other test uses (tests share one database). */
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix} ${process.pid}-${Date.now().toString(36)}-${counter}`;
}
