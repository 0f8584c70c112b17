/**
 * Instants as Open Banking date-times: ISO 8601 with the customer's UTC offset, so the
 * date part is the customer's calendar date and the instant is exact.
 */

const wallClockFormatters = new Map<string, Intl.DateTimeFormat>();

function wallClockFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = wallClockFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    wallClockFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * Wall clocks already worked out, by time zone and instant: every transactions request
 * filters and dates the same bookings again, and formatToParts is the slow part of it.
 */
const wallClocks = new Map<string, string>();
const WALL_CLOCKS_KEPT = 50_000;

/** The local wall clock at an instant, to the second: "2024-05-01T09:30:00". */
export function wallClock(instantMs: number, timeZone: string): string {
  const key = `${timeZone}|${instantMs}`;
  const known = wallClocks.get(key);
  if (known !== undefined) return known;
  const parts: Record<string, string> = {};
  for (const part of wallClockFormatter(timeZone).formatToParts(new Date(instantMs))) parts[part.type] = part.value;
  const clock = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
  if (wallClocks.size >= WALL_CLOCKS_KEPT) wallClocks.clear();
  wallClocks.set(key, clock);
  return clock;
}

/** Minutes the time zone is ahead of UTC at an instant. */
function offsetMinutes(instantMs: number, timeZone: string): number {
  const wholeSecond = Math.floor(instantMs / 1000) * 1000;
  return Math.round((Date.parse(`${wallClock(wholeSecond, timeZone)}Z`) - wholeSecond) / 60_000);
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** "2024-05-01T09:30:00-04:00": the instant as the customer's clock shows it. */
export function zonedDateTime(instantMs: number, timeZone: string): string {
  return `${wallClock(instantMs, timeZone)}${formatOffset(offsetMinutes(instantMs, timeZone))}`;
}

/** The instant a calendar date (YYYY-MM-DD) starts in the time zone. */
export function startOfLocalDay(isoDate: string, timeZone: string): number {
  const utcMidnight = Date.parse(`${isoDate}T00:00:00Z`);
  const first = utcMidnight - offsetMinutes(utcMidnight, timeZone) * 60_000;
  return utcMidnight - offsetMinutes(first, timeZone) * 60_000;
}

const QUERY_DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * A from/to query parameter as the wall clock it names. The spec says the time part is
 * optional (00:00:00 when absent) and a time zone, when present, is ignored.
 */
export function queryWallClock(value: string): string | undefined {
  const match = QUERY_DATE_TIME.exec(value);
  if (!match) return undefined;
  const date = match[1] ?? '';
  const probe = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(probe.getTime()) || !probe.toISOString().startsWith(date)) return undefined;
  const [hours, minutes, seconds] = [match[2] ?? '00', match[3] ?? '00', match[4] ?? '00'];
  if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) return undefined;
  return `${date}T${hours}:${minutes}:${seconds}`;
}
