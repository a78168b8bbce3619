// Bad-input cases generated from a route's OpenAPI description: wrong types, missing and extra
// fields, huge strings, deep JSON, unicode edge cases, SQL and script payloads, bad ids, huge numbers.

// biome-ignore lint/suspicious/noExplicitAny: JSON Schema as the OpenAPI document gives it
export type Schema = any;

export interface FuzzCase {
  label: string;
  path: string;
  query: string;
  /** A raw body (sent as is) or undefined for none. */
  payload?: string | Buffer;
  contentType?: string;
  /** The case carries CJK text (an English error may then quote it). */
  cjk?: boolean;
}

export interface OpenApiOperation {
  method: string;
  path: string;
  parameters: { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema: Schema }[];
  body: Schema | null;
}

export const STRINGS: [string, string][] = [
  ['empty', ''],
  ['huge', 'x'.repeat(300_000)],
  ['long CJK', '数'.repeat(20_000)],
  ['NUL', 'a\u0000b'],
  ['lone surrogate', 'a\ud800b'],
  ['RTL override', '\u202eabc\u202c'],
  ['emoji ZWJ', '👨‍👩‍👧‍👦🏳️‍🌈'],
  ['astral CJK', '𠮷野家'],
  ['zero-width and BOM', '\u200b\ufeff\u200d'],
  ['combining marks', 'e\u0301\u0301\u0301'],
  ['control chars', '\r\n\t\u0007\u001b[31m'],
  ['SQL quote', "' OR '1'='1"],
  ['SQL stacked', '1; DROP TABLE users; --'],
  ['LIKE wildcards', '%_\\'],
  ['script tag', '<script>alert(1)</script>'],
  ['img onerror', '<img src=x onerror=alert(1)>'],
  ['javascript URL', 'javascript:alert(1)'],
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection payload, on purpose
  ['template', '{{7*7}}${7*7}'],
  ['path traversal', '../../../../etc/passwd'],
  ['header injection', 'a\r\nSet-Cookie: x=1'],
];

export const NUMBERS: [string, string][] = [
  ['-1', '-1'],
  ['0', '0'],
  ['fraction', '1.5'],
  ['2^53+1', '9007199254740993'],
  ['2^63', '9223372036854775808'],
  ['1e308', '1e308'],
  ['1e309 (Infinity)', '1e309'],
  ['-1e309', '-1e309'],
  ['tiny', '5e-324'],
];

export const WRONG_TYPES: [string, string][] = [
  ['null', 'null'],
  ['true', 'true'],
  ['number', '12345'],
  ['string', '"12"'],
  ['object', '{"a":1}'],
  ['array', '[1,"a",null]'],
  ['big array', `[${Array.from({ length: 5000 }, () => '1').join(',')}]`],
];

export const BAD_IDS: string[] = [
  '0',
  '-1',
  '1.5',
  'abc',
  '1e3',
  '99999999999999999999',
  '9223372036854775808',
  '%00',
  '%F0%9F%98%80',
  '1%27%20OR%201%3D1',
  '..%2F..%2Fetc%2Fpasswd',
  '%ED%A0%80',
  'x'.repeat(250),
];

/** encodeURIComponent, except that a lone surrogate (which it refuses) is sent as its raw, invalid UTF-8 bytes. */
function encodeQuery(value: string): string {
  return value.replace(/[\ud800-\udfff]|[^\ud800-\udfff]+/g, (part) =>
    part.length === 1 && /[\ud800-\udfff]/.test(part) ? '%ED%A0%80' : encodeURIComponent(part),
  );
}

const deep = (depth: number, open: string, close: string, leaf = '1') => open.repeat(depth) + leaf + close.repeat(depth);

/** A value the schema accepts, as far as a simple generator can tell (the fuzz mutates from it). */
export function example(schema: Schema, depth = 0): unknown {
  if (!schema || depth > 6) return null;
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum) return schema.enum[0];
  if (schema.const !== undefined) return schema.const;
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    if (Array.isArray(schema[key])) {
      const first = schema[key].find((s: Schema) => s.type !== 'null') ?? schema[key][0];
      return example(first, depth + 1);
    }
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const name of schema.required ?? []) out[name] = example(schema.properties?.[name], depth + 1);
      return out;
    }
    case 'array':
      return schema.minItems ? Array.from({ length: schema.minItems }, () => example(schema.items, depth + 1)) : [];
    case 'integer':
    case 'number':
      return Math.max(1, schema.minimum ?? schema.exclusiveMinimum ?? 1);
    case 'boolean':
      return false;
    case 'string':
      if (schema.format === 'date-time') return '2026-11-22T09:00:00+08:00';
      if (schema.format === 'date' || /\\d\{4\}-/.test(schema.pattern ?? '')) return '2026-11-22';
      if (schema.format === 'email') return 'fuzz@example.com';
      if (schema.format === 'uri' || schema.format === 'url') return 'http://127.0.0.1:9/hook';
      if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
      return 'f'.repeat(Math.max(1, Math.min(schema.minLength ?? 4, 64)));
    default:
      return null;
  }
}

/** Every generated case of one operation (the path's ids filled with `validId`). */
export function casesFor(op: OpenApiOperation, validId: string): FuzzCase[] {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const fill = (override: Record<string, string> = {}) =>
    op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (override[name] !== undefined) return override[name];
      const param = pathParams.find((p) => p.name === name);
      return String(param?.schema?.enum?.[0] ?? validId);
    });
  const baseQuery = queryParams
    .filter((p) => p.required)
    .map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(String(example(p.schema)))}`)
    .join('&');
  const baseBody = op.body ? (example(op.body) as Record<string, unknown>) : undefined;
  const json = (value: unknown) => JSON.stringify(value);
  const base = { path: fill(), query: baseQuery, payload: baseBody === undefined ? undefined : json(baseBody) };
  const cases: FuzzCase[] = [];

  for (const param of pathParams) {
    const values = param.schema?.enum ? ['nope', 'CLAIM', '__proto__', 'constructor', '%00'] : BAD_IDS;
    for (const value of values)
      cases.push({ ...base, label: `path ${param.name}=${value.slice(0, 20)}`, path: fill({ [param.name]: value }) });
  }

  for (const param of queryParams) {
    const others = queryParams.filter((p) => p.required && p.name !== param.name);
    const rest = others.map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(String(example(p.schema)))}`);
    const withValue = (raw: string) => [...rest, raw].join('&');
    const name = encodeURIComponent(param.name);
    for (const [label, value] of [...STRINGS.filter(([l]) => l !== 'huge'), ...NUMBERS, ['huge', 'x'.repeat(5000)] as [string, string]]) {
      cases.push({
        ...base,
        label: `query ${param.name} ${label}`,
        query: withValue(`${name}=${encodeQuery(value)}`),
        cjk: /[\u4e00-\u9fff]/.test(value) || value.includes('𠮷'),
      });
    }
    cases.push({ ...base, label: `query ${param.name} repeated`, query: withValue(`${name}=1&${name}=2`) });
    cases.push({ ...base, label: `query ${param.name} bracketed`, query: withValue(`${name}[a]=1&${name}[]=2`) });
    if (param.required) cases.push({ ...base, label: `query ${param.name} missing`, query: rest.join('&') });
  }

  const bodyCase = (label: string, payload: string | Buffer, contentType = 'application/json', cjk = false) =>
    cases.push({ ...base, label, payload, contentType, cjk });
  if (op.body || op.method !== 'GET') {
    bodyCase('body malformed JSON', '{"a": ');
    bodyCase('body invalid UTF-8', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]));
    bodyCase('body array', '[]');
    bodyCase('body string', '"x"');
    bodyCase('body null', 'null');
    bodyCase('body number', '123');
    bodyCase('body deep object (5000)', deep(5000, '{"a":', '}'));
    bodyCase('body deep array (20000)', deep(20_000, '[', ']'));
    bodyCase('body __proto__', '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"polluted":1}}}');
    bodyCase('body over the size limit', `{"a":"${'x'.repeat(1_200_000)}"}`);
    bodyCase('body as text/plain', base.payload ?? '{}', 'text/plain');
    bodyCase(
      'body as broken multipart',
      '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc',
      'multipart/form-data; boundary=y',
    );
  }
  if (baseBody && typeof baseBody === 'object' && !Array.isArray(baseBody)) {
    bodyCase('body empty object', '{}');
    bodyCase('body extra field', json({ ...baseBody, zzUnknownField: 1 }));
    const props: Record<string, Schema> = op.body.properties ?? {};
    const required = new Set<string>(op.body.required ?? []);
    for (const [field, schema] of Object.entries(props)) {
      const withRaw = (raw: string) => {
        const marker = '"__FUZZ__"';
        return json({ ...baseBody, [field]: '__FUZZ__' }).replace(marker, raw);
      };
      if (required.has(field)) {
        const { [field]: _omitted, ...rest } = baseBody;
        bodyCase(`${field} missing`, json(rest));
      }
      for (const [label, raw] of WRONG_TYPES) bodyCase(`${field} ${label}`, withRaw(raw));
      for (const [label, raw] of NUMBERS) bodyCase(`${field} ${label}`, withRaw(raw));
      for (const [label, value] of STRINGS)
        bodyCase(`${field} ${label}`, withRaw(json(value)), 'application/json', /[\u4e00-\u9fff]|𠮷/.test(value));
      bodyCase(`${field} deep object`, withRaw(deep(2000, '{"a":', '}')));
      if (schema?.type === 'object' || schema?.additionalProperties)
        bodyCase(`${field} many keys`, withRaw(json(Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, i])))));
    }
  }
  return cases;
}

/** A deterministic sample of n cases, or all of them. */
export function sample(cases: FuzzCase[], n: number | null, seed: number): FuzzCase[] {
  if (n === null || cases.length <= n) return cases;
  let state = seed || 1;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const shuffled = [...cases];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j] as FuzzCase, shuffled[i] as FuzzCase];
  }
  return shuffled.slice(0, n);
}
