import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** A wall-clock time ("2026-12-01 09:00") in `zone` as an ISO instant. */
export function wallTimeToIso(wall: string, zone: string): string {
  return dayjs.tz(wall, 'YYYY-MM-DD HH:mm', zone).toISOString();
}

/** An instant as wall-clock time in `zone`. */
export function inZone(iso: string, zone: string): Dayjs {
  return dayjs(iso).tz(zone);
}

/** Today's date in `zone`. */
export function todayIn(zone: string): string {
  return dayjs().tz(zone).format('YYYY-MM-DD');
}
