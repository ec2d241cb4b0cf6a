import type { CallStatus } from '@ct/contracts/enums';
import type { Theme } from '@/lib/theme/theme';

/** One colour per outcome, close to its badge's tone, legible on both themes' cards. */
export const STATUS_COLORS: Record<CallStatus, { light: string; dark: string }> = {
  to_call: { light: '#7264ff', dark: '#8b80ff' },
  no_answer: { light: '#f59e0b', dark: '#fbbf24' },
  voicemail: { light: '#f97316', dark: '#fb923c' },
  callback: { light: '#c026d3', dark: '#e879f9' },
  reached: { light: '#0ea5e9', dark: '#38bdf8' },
  not_interested: { light: '#64748b', dark: '#94a3b8' },
  wrong_number: { light: '#e11d48', dark: '#fb7185' },
  done: { light: '#10b981', dark: '#34d399' },
};

/** The legend dots, matching STATUS_COLORS of the donut in each theme. */
export const STATUS_DOT: Record<CallStatus, string> = {
  to_call: 'bg-[#7264ff] dark:bg-[#8b80ff]',
  no_answer: 'bg-amber-500 dark:bg-amber-400',
  voicemail: 'bg-orange-500 dark:bg-orange-400',
  callback: 'bg-fuchsia-600 dark:bg-fuchsia-400',
  reached: 'bg-sky-500 dark:bg-sky-400',
  not_interested: 'bg-slate-500 dark:bg-slate-400',
  wrong_number: 'bg-rose-600 dark:bg-rose-400',
  done: 'bg-emerald-500 dark:bg-emerald-400',
};

/** Axis, grid, tooltip and series colours for a theme. */
export function chartPalette(theme: Theme) {
  const isDark = theme === 'dark';
  return {
    calls: isDark ? '#a9a1ff' : '#5a4bf0',
    reached: isDark ? '#f3d2ff' : '#c026d3',
    grid: isDark ? '#2a3658' : '#e2e8f0',
    axis: isDark ? '#94a3b8' : '#64748b',
    tooltipBackground: isDark ? '#1b2440' : '#ffffff',
    tooltipBorder: isDark ? '#2a3658' : '#e2e8f0',
    tooltipText: isDark ? '#f1f5f9' : '#0f172a',
    sectorStroke: isDark ? '#131a30' : '#ffffff',
  };
}
