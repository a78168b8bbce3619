import type { StocktakeResult, StocktakeStatus } from '@shuyun/shared';

export const STATUS_COLORS: Record<StocktakeStatus, string> = {
  draft: 'default',
  in_progress: 'processing',
  completed: 'success',
  cancelled: 'default',
};

export const RESULT_COLORS: Record<StocktakeResult, string> = {
  pending: 'default',
  found: 'success',
  wrong_location: 'warning',
  wrong_user: 'warning',
  surplus: 'processing',
  missing: 'error',
};

/** antd-mobile Tag colours for the same results. */
export const MOBILE_RESULT_COLORS: Record<StocktakeResult, string> = {
  pending: 'default',
  found: 'success',
  wrong_location: 'warning',
  wrong_user: 'warning',
  surplus: 'primary',
  missing: 'danger',
};

/** Share of the expected assets found so far (in place or not), 0–100; missing ones do not count. */
export function percentDone(progress: { expected: number; found: number; wrongLocation: number; wrongUser: number }): number {
  if (!progress.expected) return 0;
  return Math.round(((progress.found + progress.wrongLocation + progress.wrongUser) / progress.expected) * 100);
}
