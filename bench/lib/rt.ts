import type { ResultRow } from './report.js';

export async function rtAvailable(_scale: string): Promise<{ ok: boolean; reason?: string }> {
  return { ok: false, reason: 'not set up yet' };
}

export async function runRtScenarios(_scale: string, _o: { seconds: number; warmup: number }, _shuyun: ResultRow[]): Promise<ResultRow[]> {
  return [];
}
