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
}

const verdict = (met: boolean | null) => (met === null ? '—' : met ? 'met' : '**missed**');

/** The results as a Markdown section: machine facts, the dataset, then one line per scenario. */
export function renderResults(r: Results): string {
  const m = r.machine;
  const lines = [
    `### ${r.scale} scale — ${String(m.date).slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${m.nproc} cores (${m.cpu}), ${m.memory}; PostgreSQL ${m.postgres} (shared_buffers ${m.sharedBuffers}); Node ${m.node}. ` +
      `Load average before / after the run: ${m.loadBefore} / ${m.loadAfter}` +
      (Number(String(m.loadBefore).split(' ')[0]) > 2.5 ? ' — **the machine was busy with other work: figures are pessimistic**.' : '.'),
    `Dataset: ${Number(m.tickets).toLocaleString('en-US')} tickets, ${Number(m.activity).toLocaleString('en-US')} timeline entries, ${m.users} users.` +
      (r.generate
        ? ` Generated and loaded in ${(r.generate.seconds / 60).toFixed(1)} min (${Object.entries(r.generate.phases)
            .map(([k, v]) => `${k} ${Math.round(v)} s`)
            .join(', ')}); database ${r.generate.size}.`
        : ''),
    '',
    '| scenario | result | target | verdict |',
    '| --- | --- | --- | --- |',
    ...r.rows.map((x) => `| ${x.scenario} | ${x.figure} | ${x.target} | ${verdict(x.met)} |`),
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
