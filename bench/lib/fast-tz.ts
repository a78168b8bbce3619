// The SLA calendar code (packages/server/src/modules/sla/calendar.ts) asks Intl.formatToParts for
// the local time of every instant it handles; at a million tickets that alone takes most of the
// generator's time. Asia/Shanghai has been UTC+8 without daylight saving since 1991, so for it the
// same parts come from plain arithmetic. Installed in the generator process only, and checked
// against Intl at start-up on instants spread over the generated span, so the numbers the real
// engine computes are unchanged.
const original = Intl.DateTimeFormat.prototype.formatToParts;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

const eligible = new WeakMap<Intl.DateTimeFormat, boolean>();

export function installFastShanghai(from: number, to: number) {
  const fast = function (this: Intl.DateTimeFormat, date?: Date | number): Intl.DateTimeFormatPart[] {
    let ok = eligible.get(this);
    if (ok === undefined) {
      const o = this.resolvedOptions();
      ok = o.timeZone === 'Asia/Shanghai' && o.locale === 'en-US' && o.hourCycle === 'h23' && o.second === '2-digit';
      eligible.set(this, ok);
    }
    if (!ok) return original.call(this, date);
    const ms = date === undefined ? Date.now() : typeof date === 'number' ? date : date.getTime();
    const d = new Date(ms + 8 * 3_600_000);
    return [
      { type: 'month', value: pad(d.getUTCMonth() + 1) },
      { type: 'literal', value: '/' },
      { type: 'day', value: pad(d.getUTCDate()) },
      { type: 'literal', value: '/' },
      { type: 'year', value: pad(d.getUTCFullYear(), 4) },
      { type: 'literal', value: ', ' },
      { type: 'hour', value: pad(d.getUTCHours()) },
      { type: 'literal', value: ':' },
      { type: 'minute', value: pad(d.getUTCMinutes()) },
      { type: 'literal', value: ':' },
      { type: 'second', value: pad(d.getUTCSeconds()) },
    ];
  };
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone: 'Asia/Shanghai',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  for (let i = 0; i <= 2000; i++) {
    const ms = Math.floor(from + ((to - from) * i) / 2000) + i * 7919;
    const want = original
      .call(f, ms)
      .filter((p) => p.type !== 'literal')
      .map((p) => `${p.type}=${Number(p.value)}`)
      .join();
    const got = fast
      .call(f, ms)
      .filter((p) => p.type !== 'literal')
      .map((p) => `${p.type}=${Number(p.value)}`)
      .join();
    if (want !== got) throw new Error(`fast Asia/Shanghai parts differ at ${new Date(ms).toISOString()}: ${got} vs ${want}`);
  }
  Intl.DateTimeFormat.prototype.formatToParts = fast;
}
