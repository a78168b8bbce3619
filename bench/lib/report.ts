import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export interface ResultRow {
  /** Stable name for lookups (side-by-side ratios), e.g. 'queue@1'. */
  key?: string;
  scenario: string;
  figure: string;
  target: string;
  /** true met, false missed, null: no target for this line. */
  met: boolean | null;
  data?: unknown;
}

export interface Results {
  scale: string;
  machine: Record<string, string | number>;
  rows: ResultRow[];
  notes: string[];
  generate?: { seconds: number; counts: Record<string, number>; size: string; phases: Record<string, number> };
  /** The machine and dataset lines as README printed them, when the results were read back from it. */
  header?: string[];
}

const verdict = (met: boolean | null) => (met === null ? '—' : met ? 'met' : '**missed**');
const tableLine = (x: ResultRow) => `| ${x.scenario} | ${x.figure} | ${x.target} | ${verdict(x.met)} |`;

/** The results as a Markdown section: machine facts, the dataset, then one line per scenario. */
export function renderResults(r: Results): string {
  const m = r.machine;
  const lines = r.header
    ? [...r.header, '', '| scenario | result | target | verdict |', '| --- | --- | --- | --- |', ...r.rows.map(tableLine)]
    : [
        `### ${r.scale} scale — ${String(m.date).slice(0, 16).replace('T', ' ')} UTC`,
        '',
        `Machine: ${m.nproc} cores (${m.cpu}), ${m.memory}; PostgreSQL ${m.postgres} (shared_buffers ${m.sharedBuffers}); Node ${m.node}. ` +
          `Load average before / after the run: ${m.loadBefore} / ${m.loadAfter}` +
          (Number(String(m.loadBefore).split(' ')[0]) > 2.5
            ? ' — **the machine was busy with other work: figures are pessimistic**.'
            : '.'),
        `Dataset: ${Number(m.tickets).toLocaleString('en-US')} tickets, ${Number(m.activity).toLocaleString('en-US')} timeline entries, ${m.users} users.` +
          (r.generate
            ? ` Generated and loaded in ${(r.generate.seconds / 60).toFixed(1)} min (${Object.entries(r.generate.phases)
                .map(([k, v]) => `${k} ${Math.round(v)} s`)
                .join(', ')}); database ${r.generate.size}.`
            : ''),
        '',
        '| scenario | result | target | verdict |',
        '| --- | --- | --- | --- |',
        ...r.rows.map(tableLine),
      ];
  if (r.notes.length) lines.push('', ...r.notes.map((n) => `- ${n}`));
  return lines.join('\n');
}

/** Replaces this scale's block inside README's results section (between the markers). */
export function writeReadme(file: string, scale: string, table: string) {
  const begin = `<!-- results:${scale}:begin -->`;
  const end = `<!-- results:${scale}:end -->`;
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const block = `${begin}\n${table}\n${end}`;
  const i = text.indexOf(begin);
  const j = text.indexOf(end);
  const next = i >= 0 && j > i ? text.slice(0, i) + block + text.slice(j + end.length) : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
}

/**
 * This scale's last results read back from README's block, for a partial run on a machine that does
 * not have them as JSON (bench/results/ is per machine): the rows by their scenario text, the
 * notes, and the machine and dataset lines as they were printed.
 */
export function readmeResults(file: string, scale: string): Results | null {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const i = text.indexOf(`<!-- results:${scale}:begin -->`);
  const j = text.indexOf(`<!-- results:${scale}:end -->`);
  if (i < 0 || j < i) return null;
  const lines = text.slice(i, j).split('\n').slice(1);
  const table = lines.findIndex((l) => l.startsWith('| scenario |'));
  if (table < 0) return null;
  const rows: ResultRow[] = [];
  const notes: string[] = [];
  for (const line of lines.slice(table + 2)) {
    const cells = line.match(/^\| (.*) \| (.*) \| (.*) \| (—|met|\*\*missed\*\*) \|$/);
    if (cells) {
      const [, scenario = '', figure = '', target = '', met] = cells;
      rows.push({ scenario, figure, target, met: met === '—' ? null : met === 'met' });
    } else if (line.startsWith('- ')) notes.push(line.slice(2));
  }
  // The block's first line is its "### … scale — date" heading; the machine and dataset lines follow.
  const header = lines.slice(0, table);
  while (header.at(-1)?.trim() === '') header.pop();
  return { scale, machine: {}, rows, notes, header };
}
