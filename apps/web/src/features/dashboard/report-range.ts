import { REPORT_MAX_DAYS, REPORT_PRESETS, type ReportPreset } from '@ct/contracts/constants';
import { DEFAULT_REPORT_RANGE } from '@ct/contracts/defaults';

/** The dashboard's period, as the URL and GET /reports/kpi spell it: `7d`, `30d`, `90d` or `FROM..TO`. */
export type ParsedRange = { kind: 'preset'; preset: ReportPreset } | { kind: 'custom'; from: string; to: string };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function dayNumber(isoDate: string): number | null {
  if (!ISO_DATE.test(isoDate)) return null;
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const time = Date.UTC(year, month - 1, day);
  const back = new Date(time);
  return back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day
    ? time / 86_400_000
    : null;
}

/** Whether a custom range is one the API takes: real dates, not reversed, at most 366 days. */
export function isValidCustomRange(from: string, to: string): boolean {
  const a = dayNumber(from);
  const b = dayNumber(to);
  return a !== null && b !== null && b >= a && b - a + 1 <= REPORT_MAX_DAYS;
}

/** The range in the URL, or the default one when it is absent or not valid. */
export function parseRange(value: string | null): ParsedRange {
  if (value && (REPORT_PRESETS as readonly string[]).includes(value))
    return { kind: 'preset', preset: value as ReportPreset };
  const match = value ? /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(value) : null;
  if (match?.[1] && match[2] && isValidCustomRange(match[1], match[2]))
    return { kind: 'custom', from: match[1], to: match[2] };
  return { kind: 'preset', preset: DEFAULT_REPORT_RANGE };
}

export function rangeParam(range: ParsedRange): string {
  return range.kind === 'preset' ? range.preset : `${range.from}..${range.to}`;
}
