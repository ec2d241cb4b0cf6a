import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import {
  CALL_STATUS_LABELS,
  CALL_TYPE_LABELS,
  IMPORT_FIELD_LABELS,
  IMPORT_FIELDS,
  type Call,
  type CallExportQuery,
  type ImportField,
} from '@ct/contracts';
import { csvStream } from '../../lib/csv-writer.ts';
import { loadUserContext, type UserContext } from '../users/index.ts';
import type { CallsService } from './calls.service.ts';

/** Calls read per query while streaming. */
const EXPORT_PAGE = 1000;
/** The exported columns, in the order an import maps them back: every import field but the full name. */
const COLUMNS: ImportField[] = IMPORT_FIELDS.filter((field) => field !== 'fullName');

/**
 * `GET /calls/export`. The rows come from the calls service's own `list` — the very query of
 * `GET /calls`, page after page — so the export cannot disagree with the list on what a filter means.
 */
export function createExportService(app: FastifyInstance, calls: CallsService) {
  return {
    async exportCalls(userId: string, query: CallExportQuery): Promise<{ filename: string; stream: Readable }> {
      const user = await loadUserContext(app.db, userId);
      const { format: _format, ...filters } = query;
      // A bad filter (to before from) fails here, before the 200 is sent.
      const first = await calls.list(userId, { ...filters, page: 1, pageSize: EXPORT_PAGE });
      const lang = user.language;
      const format = dateTimeFormat(user);
      const toRow = (c: Call) => [
        c.firstName,
        c.lastName,
        c.phone,
        CALL_STATUS_LABELS[c.status][lang],
        CALL_TYPE_LABELS[c.type][lang],
        c.description,
        formatInstant(c.lastCallAt, user.timezone, format),
        formatInstant(c.nextReminderAt, user.timezone, format),
      ];
      async function* rows() {
        let page = first;
        for (let n = 1; ; n++) {
          for (const call of page.items) yield toRow(call);
          if (page.items.length < EXPORT_PAGE) return;
          page = await calls.list(userId, { ...filters, page: n + 1, pageSize: EXPORT_PAGE });
        }
      }
      const day = DateTime.fromJSDate(app.clock.now(), { zone: user.timezone }).toFormat('yyyy-MM-dd');
      return {
        filename: `${lang === 'fr' ? 'appels' : 'calls'}-${day}.csv`,
        stream: csvStream(
          COLUMNS.map((f) => IMPORT_FIELD_LABELS[f][lang]),
          rows(),
          lang === 'fr' ? ';' : ',',
        ),
      };
    },
  };
}

function dateTimeFormat(user: UserContext): string {
  return `${user.dateFormat} ${user.timeFormat === '12h' ? 'hh:mm a' : 'HH:mm'}`;
}

function formatInstant(iso: string | null, zone: string, format: string): string {
  return iso ? DateTime.fromISO(iso, { zone }).toFormat(format, { locale: 'en' }) : '';
}
