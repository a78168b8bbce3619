/** A minimal API client over real HTTP (fetch) with the session cookie and CSRF token, for spawned servers. */
export interface HttpResponse {
  status: number;
  body: string;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field by the campaigns
  json: any;
}

export class HttpClient {
  cookie = '';
  csrf = '';

  constructor(
    readonly base: string,
    readonly language = 'zh-CN',
  ) {}

  /** Signs in; throws unless the server answers 200. */
  static async signIn(base: string, username: string, password: string): Promise<HttpClient> {
    const client = new HttpClient(base);
    const res = await client.request('POST', '/api/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${res.body}`);
    client.csrf = res.json.csrfToken;
    return client;
  }

  /** One request; network errors (server gone) are thrown, HTTP errors are returned. */
  async request(method: string, url: string, body?: unknown, signal?: AbortSignal): Promise<HttpResponse> {
    const headers: Record<string, string> = { 'accept-language': this.language };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.base}${url}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: signal ?? AbortSignal.timeout(60_000),
    });
    const setCookie = res.headers.get('set-cookie');
    const sid = setCookie && /shuyun_sid=([^;]*)/.exec(setCookie);
    if (sid) this.cookie = `shuyun_sid=${sid[1]}`;
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {}
    return { status: res.status, body: text, json };
  }

  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body: unknown = {}) {
    return this.request('POST', url, body);
  }
  patch(url: string, body: unknown) {
    return this.request('PATCH', url, body);
  }
}
