import type { FormField } from '@shuyun/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../../test/harness.js';
import { assertFormValues, validateFormValues } from './form-values.js';
import { field, label, uniq } from './test-helpers.js';

let t: TestContext;
let submitter: number;
let colleague: number;
let leaver: number;
let erp: number;
let retired: number;

beforeAll(async () => {
  t = await setupTestApp();
  submitter = (await t.createUser()).id;
  colleague = (await t.createUser()).id;
  leaver = (await t.createUser({ active: false })).id;
  const system = (code: string, active: boolean) =>
    t.platform.db
      .insertInto('it_systems')
      .values({ name: code, code: `${code}-${uniq()}`, criticality: 'high', availability_target: 99.9, active })
      .returning('id')
      .executeTakeFirstOrThrow()
      .then((r) => r.id);
  erp = await system('ERP', true);
  retired = await system('OLD', false);
});
afterAll(() => t.close());

const upload = (uploadedBy: number, record?: { type: string; id: number }) =>
  t.platform.db
    .insertInto('attachments')
    .values({
      sha256: uniq().padEnd(64, '0'),
      size: 10,
      mime: 'image/png',
      name: 'photo.png',
      uploaded_by: uploadedBy,
      record_type: record?.type ?? null,
      record_id: record?.id ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
    .then((r) => r.id);

const options = [
  { value: 'no_power', label: label('无法开机', 'Does not start') },
  { value: 'slow', label: label('运行缓慢', 'Slow') },
  { value: 'other', label: label('其他', 'Other') },
];
const form: FormField[] = [
  field('title', 'text', { required: true, label: label('标题', 'Title'), maxLength: 10 }),
  field('details', 'textarea', { label: label('详细描述', 'Details') }),
  field('qty', 'number', { label: label('数量', 'Quantity'), min: 1, max: 5 }),
  field('symptom', 'select', { label: label('故障现象', 'Symptom'), options }),
  field('symptoms', 'multiselect', { label: label('其他现象', 'More symptoms'), options }),
  field('when', 'date', { label: label('发生日期', 'Date') }),
  field('owner', 'user', { label: label('使用人', 'User') }),
  field('asset', 'asset', { label: label('资产编号', 'Asset tag') }),
  field('system', 'system', { label: label('应用系统', 'IT system') }),
  field('photos', 'attachment', { label: label('照片', 'Photos') }),
];
const item = { form };

const check = (values: unknown, locale: 'zh-CN' | 'en-US' = 'zh-CN', by = submitter) =>
  validateFormValues(t.platform.db, item, values, locale, by);

/** The issues of a failed check, as [path, code]. */
async function issues(values: unknown): Promise<[string | undefined, string][]> {
  const result = await check(values);
  if (result.ok) throw new Error(`expected issues, got ${JSON.stringify(result.values)}`);
  return result.issues.map((i) => [i.path, i.code]);
}

describe('validateFormValues', () => {
  it('accepts a complete, correct form and returns the values normalised in form order', async () => {
    const photo = await upload(submitter);
    const result = await check({
      photos: [photo, photo],
      title: '  电脑蓝屏  ',
      details: '第一行\n第二行\t缩进',
      qty: 2,
      symptom: 'slow',
      symptoms: ['other', 'no_power', 'other'],
      when: '2026-02-28',
      owner: colleague,
      asset: ' ZC-000123 ',
      system: erp,
    });
    expect(result).toEqual({
      ok: true,
      values: {
        title: '电脑蓝屏',
        details: '第一行\n第二行\t缩进',
        qty: 2,
        symptom: 'slow',
        symptoms: ['other', 'no_power'],
        when: '2026-02-28',
        owner: colleague,
        asset: 'ZC-000123',
        system: erp,
        photos: [photo],
      },
    });
    expect(Object.keys(result.ok ? result.values : {})).toEqual([
      'title',
      'details',
      'qty',
      'symptom',
      'symptoms',
      'when',
      'owner',
      'asset',
      'system',
      'photos',
    ]);
  });

  it('drops optional fields left empty, and treats a missing value object as empty', async () => {
    expect(await check({ title: 'x', details: '   ', qty: null, symptoms: [], photos: [] })).toEqual({ ok: true, values: { title: 'x' } });
    expect(await validateFormValues(t.platform.db, { form: [field('a', 'text')] }, undefined, 'zh-CN', submitter)).toEqual({
      ok: true,
      values: {},
    });
  });

  it('asks for every required field that is missing, blank or empty, with the label in the message', async () => {
    const required: FormField[] = [
      field('a', 'text', { required: true, label: label('标题', 'Title') }),
      field('b', 'multiselect', { required: true, options }),
      field('c', 'attachment', { required: true }),
      field('d', 'number', { required: true }),
    ];
    const result = await validateFormValues(t.platform.db, { form: required }, { a: '  ', b: [], d: null }, 'zh-CN', submitter);
    expect(result).toEqual({
      ok: false,
      issues: [
        { path: 'form.a', code: 'required', message: '请填写「标题」' },
        { path: 'form.b', code: 'required', message: '请填写「字段b」' },
        { path: 'form.c', code: 'required', message: '请填写「字段c」' },
        { path: 'form.d', code: 'required', message: '请填写「字段d」' },
      ],
    });
  });

  it('words the issues in the requested language', async () => {
    const result = await check({ qty: 9 }, 'en-US');
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues).toEqual([
        { path: 'form.title', code: 'required', message: 'Please fill in "Title"' },
        { path: 'form.qty', code: 'tooBig', message: '"Quantity" may not be greater than 5' },
      ]);
  });

  it('refuses unknown keys, naming each', async () => {
    expect(await issues({ title: 'x', colour: 'red', __proto__x: 1 })).toEqual([
      ['form.colour', 'unknownField'],
      ['form.__proto__x', 'unknownField'],
    ]);
  });

  it('reads only submitted keys, not inherited ones (a field keyed "constructor" left empty is just empty)', async () => {
    const odd = { form: [field('constructor', 'text'), field('tostring', 'text')] };
    expect(await validateFormValues(t.platform.db, odd, JSON.parse('{"tostring":"x"}'), 'zh-CN', submitter)).toEqual({
      ok: true,
      values: { tostring: 'x' },
    });
  });

  it('refuses values that are not an object', async () => {
    for (const bad of [[], 'text', 42, true]) expect(await issues(bad)).toEqual([['form', 'invalidType']]);
  });

  const wrongTypes: [string, Record<string, unknown>][] = [
    ['a number for text', { title: 12 }],
    ['an object for text', { title: { zh: 'x' } }],
    ['a line break in single-line text', { title: 'a\nb' }],
    ['a control character in long text', { title: 'x', details: 'a\u0007b' }],
    ['a numeric string for a number', { title: 'x', qty: '3' }],
    ['NaN-like text for a number', { title: 'x', qty: 'NaN' }],
    ['a number for a select', { title: 'x', symptom: 1 }],
    ['a string for a multiselect', { title: 'x', symptoms: 'slow' }],
    ['a mixed array for a multiselect', { title: 'x', symptoms: ['slow', 3] }],
    ['a string id for a user', { title: 'x', owner: String(colleague) }],
    ['a fractional id for a system', { title: 'x', system: 1.5 }],
    ['a negative id for a user', { title: 'x', owner: -1 }],
    ['a single id for attachments', { title: 'x', photos: 5 }],
    ['a non-id in attachments', { title: 'x', photos: ['a'] }],
    ['a number for an asset tag', { title: 'x', asset: 123 }],
  ];
  for (const [what, values] of wrongTypes) {
    it(`refuses ${what} as invalidType`, async () => {
      const found = await issues(values);
      expect(found).toHaveLength(1);
      expect(found[0]?.[1]).toBe('invalidType');
    });
  }

  it('checks text lengths in characters (Chinese counts one each), with the field’s maxLength or the default', async () => {
    expect((await check({ title: '一二三四五六七八九十' })).ok).toBe(true);
    expect(await issues({ title: '一二三四五六七八九十一' })).toEqual([['form.title', 'tooLong']]);
    expect(await issues({ title: 'x', details: 'x'.repeat(5001) })).toEqual([['form.details', 'tooLong']]);
    expect(await issues({ title: 'x', asset: 'Z'.repeat(65) })).toEqual([['form.asset', 'tooLong']]);
    const result = await check({ title: '一二三四五六七八九十一' });
    expect(!result.ok && result.issues[0]?.message).toBe('「标题」最多 10 个字符');
  });

  it('checks number bounds inclusively', async () => {
    expect((await check({ title: 'x', qty: 1 })).ok).toBe(true);
    expect((await check({ title: 'x', qty: 5 })).ok).toBe(true);
    expect((await check({ title: 'x', qty: 2.5 })).ok).toBe(true);
    expect(await issues({ title: 'x', qty: 0.99 })).toEqual([['form.qty', 'tooSmall']]);
    expect(await issues({ title: 'x', qty: 5.01 })).toEqual([['form.qty', 'tooBig']]);
  });

  it('takes only offered options, matching values exactly', async () => {
    expect(await issues({ title: 'x', symptom: 'SLOW' })).toEqual([['form.symptom', 'invalidOption']]);
    expect(await issues({ title: 'x', symptom: '运行缓慢' })).toEqual([['form.symptom', 'invalidOption']]);
    expect(await issues({ title: 'x', symptoms: ['slow', 'fast'] })).toEqual([['form.symptoms', 'invalidOption']]);
  });

  it('takes calendar dates as YYYY-MM-DD only', async () => {
    expect((await check({ title: 'x', when: '2024-02-29' })).ok).toBe(true);
    for (const bad of ['2026-02-29', '2026-13-01', '2026-1-5', '2026/01/05', '2026-01-05T08:00:00Z', '20260105', 'tomorrow']) {
      expect(await issues({ title: 'x', when: bad }), bad).toEqual([['form.when', 'invalidDate']]);
    }
  });

  it('takes only existing, active people', async () => {
    expect(await issues({ title: 'x', owner: leaver })).toEqual([['form.owner', 'notFound']]);
    expect(await issues({ title: 'x', owner: 999_999 })).toEqual([['form.owner', 'notFound']]);
    const result = await check({ title: 'x', owner: leaver });
    expect(!result.ok && result.issues[0]?.message).toBe('「使用人」所选人员不存在或已停用');
  });

  it('takes only existing, active IT systems', async () => {
    expect(await issues({ title: 'x', system: retired })).toEqual([['form.system', 'notFound']]);
    expect(await issues({ title: 'x', system: 999_999 })).toEqual([['form.system', 'notFound']]);
  });

  it('takes only attachments the submitter uploaded and that are not yet attached to a record', async () => {
    const mine = await upload(submitter);
    const theirs = await upload(colleague);
    const used = await upload(submitter, { type: 'user', id: submitter });
    expect((await check({ title: 'x', photos: [mine] })).ok).toBe(true);
    expect(await issues({ title: 'x', photos: [mine, theirs] })).toEqual([['form.photos', 'notFound']]);
    expect(await issues({ title: 'x', photos: [used] })).toEqual([['form.photos', 'notFound']]);
    expect(await issues({ title: 'x', photos: [999_999] })).toEqual([['form.photos', 'notFound']]);
    // The colleague may use their own upload.
    expect((await check({ title: 'x', photos: [theirs] }, 'zh-CN', colleague)).ok).toBe(true);
  });

  it('limits the number of attachments in one field', async () => {
    const ids = Array.from({ length: 21 }, (_, i) => i + 1);
    expect(await issues({ title: 'x', photos: ids })).toEqual([['form.photos', 'tooMany']]);
  });

  it('reports every problem at once, in form order, unknown keys last', async () => {
    expect(await issues({ zzz: 1, system: retired, qty: 0, title: '' })).toEqual([
      ['form.title', 'required'],
      ['form.qty', 'tooSmall'],
      ['form.system', 'notFound'],
      ['form.zzz', 'unknownField'],
    ]);
  });

  it('looks references up in one query per kind, however many fields refer', async () => {
    const many: FormField[] = Array.from({ length: 8 }, (_, i) => field(`u${i}`, 'user'));
    const values = Object.fromEntries(many.map((f) => [f.key, colleague]));
    const queries: string[] = [];
    const { db } = t.platform;
    const counting = db.withPlugin({
      transformQuery: (args) => {
        queries.push(args.node.kind);
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    expect((await validateFormValues(counting, { form: many }, values, 'zh-CN', submitter)).ok).toBe(true);
    expect(queries).toHaveLength(1);
  });

  it('assertFormValues throws a 400 validation with the issues, or returns the values', async () => {
    await expect(assertFormValues(t.platform.db, item, { title: 'x' }, 'zh-CN', submitter)).resolves.toEqual({ title: 'x' });
    await expect(assertFormValues(t.platform.db, item, {}, 'zh-CN', submitter)).rejects.toMatchObject({
      code: 'validation',
      status: 400,
      details: [{ path: 'form.title', code: 'required' }],
    });
  });
});
