/**
 * How hard the reliability campaigns push. CI runs the reduced scale (the default); set
 * RELIABILITY_SCALE=full for the full campaigns. Only sizes change between scales, never invariants.
 */
export const FULL = process.env.RELIABILITY_SCALE === 'full';

export const scale = FULL
  ? {
      name: 'full',
      /** Crash campaign: concurrent storm clients and acknowledged writes before the kill. */
      stormClients: 16,
      writesBeforeKill: 400,
      /** Two instances: tickets created across both, SSE listeners per instance. */
      twinTickets: 60,
      twinListeners: 4,
      /** Concurrency: racing clients per race, distinct users among them. */
      racers: 100,
      raceUsers: 100,
      /** Fuzz: cases per route (all generated cases when null). */
      fuzzCasesPerRoute: null as number | null,
      /** Backup: demo tickets loaded before the round trip. */
      backupTickets: 3000,
    }
  : {
      name: 'ci',
      stormClients: 6,
      writesBeforeKill: 60,
      twinTickets: 12,
      twinListeners: 2,
      racers: 100,
      raceUsers: 10,
      fuzzCasesPerRoute: 24 as number | null,
      backupTickets: 300,
    };
