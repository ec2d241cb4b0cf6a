import { z } from 'zod';
import { REMINDER_PRIORITIES, callLogSchema } from '@ct/contracts';
import { instantOf } from '@/lib/format';
import { OUTCOMES } from '@/lib/i18n/labels';

/** The note follows the API's own rule (contracts › callLogSchema). */
const noteSchema = callLogSchema.shape.note;

/**
 * The log form's values: an outcome (required; '' until picked), the note, and the callback — checked
 * only when one is asked for, as a real instant in the caller's zone that is not already past.
 */
export function logCallSchema(zone: string) {
  return z
    .object({
      status: z.enum(OUTCOMES, { error: 'outcome' }).or(z.literal('')),
      note: noteSchema,
      hasCallback: z.boolean(),
      callbackTouched: z.boolean(),
      date: z.string(),
      time: z.string(),
      priority: z.enum(REMINDER_PRIORITIES),
    })
    .superRefine((values, ctx) => {
      if (values.status === '') ctx.addIssue({ code: 'custom', path: ['status'], message: 'outcome' });
      if (!values.hasCallback) return;
      const at = instantOf(values.date, values.time, zone);
      if (!at) ctx.addIssue({ code: 'custom', path: ['time'], message: 'invalid' });
      else if (at.getTime() < Date.now()) ctx.addIssue({ code: 'custom', path: ['time'], message: 'past' });
    });
}
