import type { zhCN } from './zh-CN.js';

/** Same shape as zh-CN with every leaf widened to string: a missing or extra key fails tsc. */
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Catalogue = Widen<typeof zhCN>;
