/** The one password every generated person has (stored as one argon2id hash). */
export const BENCH_PASSWORD = 'Bench@2026';

export const SCALES = {
  large: { tickets: 1_000_000, users: 5_000, knowledge: 10_000, assets: 100_000, incidents: 20_000, faults: 20_000, demands: 50_000 },
  small: { tickets: 20_000, users: 1_000, knowledge: 1_000, assets: 5_000, incidents: 2_000, faults: 1_000, demands: 5_000 },
} as const;
export type Scale = keyof typeof SCALES;

export const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const databaseUrl = (scale: string) => `${PG_URL}/bench_${scale}`;

/** How many people of the IT operations department the generator makes asset admins (they register and operate assets). */
export const ASSET_ADMINS = 6;
