'use client';

import { useId, useState } from 'react';
import { useForm, useWatch, type FieldError } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { RotateCw } from 'lucide-react';
import {
  CALL_DESCRIPTION_MAX,
  CALL_NAME_MAX,
  CALL_PHONE_MAX,
  CALL_STATUSES,
  CALL_TYPES,
  callCreateSchema,
} from '@ct/contracts';
import { LoadError } from '@/components/query-state';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { InputField, SelectField, TextareaField } from '@/components/ui/field';
import { Skeleton } from '@/components/ui/skeleton';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { previewPhone } from '@/lib/format/phone';
import { useI18n } from '@/lib/i18n';
import { applyServerErrors, errorMessage, isStale } from '@/lib/api/errors';
import type { CallDetail, CallPatchBody } from './calls.api';
import { callQueries } from './calls.queries';
import { contactName, useDomainLabels } from '@/lib/i18n/labels';
import { useCreateCall, useUpdateCall } from './use-call-mutations';
import { useUserSettings } from '@/features/settings/use-user-settings';
import * as callsMessages from '@/lib/i18n/messages/calls';
import * as callMessages from '@/lib/i18n/messages/call';

export type CallFormMode = { kind: 'create' } | { kind: 'edit'; callId: string };

const FIELDS = ['firstName', 'lastName', 'phone', 'status', 'type', 'description'] as const;
type FormValues = {
  firstName: string;
  lastName: string;
  phone: string;
  status: (typeof CALL_STATUSES)[number];
  type: (typeof CALL_TYPES)[number];
  description: string;
};

const EMPTY: FormValues = {
  firstName: '',
  lastName: '',
  phone: '',
  status: 'to_call',
  type: 'prospecting',
  description: '',
};

const valuesOf = (call: CallDetail): FormValues => ({
  firstName: call.firstName,
  lastName: call.lastName,
  phone: call.phone,
  status: call.status,
  type: call.type,
  description: call.description,
});

/** The message of a field error: the API's own for server errors, else ours from the zod issue. */
function fieldMessage(error: FieldError | undefined, max: number, t: (typeof callsMessages.fr)['form']) {
  if (!error) return undefined;
  if (error.type === 'server') return error.message;
  if (error.type === 'too_small') return t.required;
  if (error.type === 'too_big') return t.tooLong(max);
  return t.invalid;
}

/** Create a call, or edit one (If-Match with the version it was loaded at; a 412 offers to reload). */
export function CallFormDialog({ mode, onClose }: { mode: CallFormMode; onClose: () => void }) {
  const { t } = useI18n({ call: callMessages, calls: callsMessages });
  const copy = t.calls.form;
  const isEdit = mode.kind === 'edit';
  const detail = useQuery({
    ...callQueries.detail(isEdit ? mode.callId : ''),
    enabled: isEdit,
    refetchOnWindowFocus: false,
  });
  // The form keeps the version it was opened with: a background refetch must neither reset what the
  // user typed nor move the If-Match (that would hide someone else's change).
  const [opened, setOpened] = useState<{ id: string; values: FormValues; etag: string } | null>(null);
  if (isEdit && !opened && detail.data) {
    setOpened({ id: detail.data.call.id, values: valuesOf(detail.data.call), etag: detail.data.etag });
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title={isEdit ? copy.editTitle : copy.createTitle}
      closeLabel={t.ui.close}
      isDismissable={false}
    >
      {!isEdit ? (
        <CallForm initial={EMPTY} etag={null} onClose={onClose} />
      ) : opened ? (
        <CallForm
          initial={opened.values}
          callId={opened.id}
          etag={opened.etag}
          onClose={onClose}
          onReload={async () => {
            const { data } = await detail.refetch();
            return data ? { values: valuesOf(data.call), etag: data.etag } : null;
          }}
        />
      ) : detail.isError ? (
        <LoadError variant="section" message={errorMessage(detail.error, t)} onRetry={() => void detail.refetch()} />
      ) : (
        <div className="space-y-4" aria-busy="true">
          <span className="sr-only">{t.common.loading}</span>
          <div className="grid grid-cols-2 gap-4">
            <Skeleton className="h-16" />
            <Skeleton className="h-16" />
          </div>
          <Skeleton className="h-16" />
          <Skeleton className="h-24" />
        </div>
      )}
    </Dialog>
  );
}

function CallForm({
  initial,
  callId,
  etag: initialEtag,
  onClose,
  onReload,
}: {
  initial: FormValues;
  callId?: string;
  etag: string | null;
  onClose: () => void;
  onReload?: () => Promise<{ values: FormValues; etag: string } | null>;
}) {
  const { t } = useI18n({ call: callMessages, calls: callsMessages });
  const copy = t.calls.form;
  const labels = useDomainLabels();
  const toast = useToast();
  const formId = useId();
  const { settings } = useUserSettings();
  const createCall = useCreateCall();
  const updateCall = useUpdateCall();
  const [etag, setEtag] = useState(initialEtag);
  const [base, setBase] = useState(initial);
  const [isStaleEdit, setIsStaleEdit] = useState(false);
  const [isReloading, setIsReloading] = useState(false);

  const {
    register,
    handleSubmit,
    setError,
    reset,
    control,
    formState: { errors, isSubmitting },
  } = useForm({ resolver: zodResolver(callCreateSchema), defaultValues: initial });
  const phone = useWatch({ control, name: 'phone' }) ?? '';
  const preview = previewPhone(phone, settings.phoneRegion);

  const onSubmit = handleSubmit(async (values) => {
    setIsStaleEdit(false);
    try {
      if (!callId || !etag) {
        const call = await createCall.mutateAsync(values);
        toast.success(copy.created(contactName(call, t.call.unnamed)));
        onClose();
        return;
      }
      const patch: CallPatchBody = {};
      for (const field of FIELDS) {
        if (values[field] !== base[field]) Object.assign(patch, { [field]: values[field] });
      }
      if (Object.keys(patch).length === 0) {
        toast.info(copy.nothingChanged);
        onClose();
        return;
      }
      await updateCall.mutateAsync({ id: callId, body: patch, etag });
      toast.success(copy.saved);
      onClose();
    } catch (error) {
      if (isStale(error)) {
        setIsStaleEdit(true);
        return;
      }
      const unmatched = applyServerErrors(error, setError, Object.fromEntries(FIELDS.map((field) => [field, field])));
      toast.error(unmatched.length ? unmatched.join(' ') : errorMessage(error, t));
    }
  });

  const reload = async () => {
    if (!onReload) return;
    setIsReloading(true);
    try {
      const latest = await onReload();
      if (latest) {
        setBase(latest.values);
        setEtag(latest.etag);
        reset(latest.values);
        setIsStaleEdit(false);
        toast.info(copy.reloaded);
      }
    } catch (error) {
      toast.error(errorMessage(error, t));
    } finally {
      setIsReloading(false);
    }
  };

  return (
    <form id={formId} onSubmit={onSubmit} noValidate className="space-y-4" aria-busy={isSubmitting}>
      {isStaleEdit ? (
        <div
          role="alert"
          className="rounded-xl border border-amber-300 bg-amber-50 p-3.5 text-sm text-amber-900 dark:border-amber-500/40 dark:bg-amber-500/10 dark:text-amber-100"
        >
          <p className="font-semibold">{copy.staleTitle}</p>
          <p className="mt-1">{copy.staleBody}</p>
          <Button variant="secondary" className="mt-3" onClick={() => void reload()} disabled={isReloading}>
            {isReloading ? <Spinner /> : <RotateCw className="size-4" aria-hidden />}
            {copy.reload}
          </Button>
        </div>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <InputField
          label={copy.firstName}
          autoComplete="off"
          data-autofocus
          error={fieldMessage(errors.firstName, CALL_NAME_MAX, copy)}
          {...register('firstName')}
        />
        <InputField
          label={copy.lastName}
          autoComplete="off"
          error={fieldMessage(errors.lastName, CALL_NAME_MAX, copy)}
          {...register('lastName')}
        />
      </div>
      <InputField
        label={copy.phone}
        type="tel"
        inputMode="tel"
        autoComplete="off"
        required
        error={fieldMessage(errors.phone, CALL_PHONE_MAX, copy)}
        hint={preview ? (preview.isValid ? `${copy.phoneHint} ${preview.display}` : copy.phoneUnknown) : undefined}
        {...register('phone')}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label={copy.status}
          hint={callId ? copy.statusHint : undefined}
          options={CALL_STATUSES.map((status) => ({ value: status, label: labels.status(status) }))}
          {...register('status')}
        />
        <SelectField
          label={copy.type}
          options={CALL_TYPES.map((type) => ({ value: type, label: labels.type(type) }))}
          {...register('type')}
        />
      </div>
      <TextareaField
        label={copy.description}
        rows={3}
        error={fieldMessage(errors.description, CALL_DESCRIPTION_MAX, copy)}
        {...register('description')}
      />
      <div className="flex flex-col-reverse gap-2 border-t border-slate-100 pt-4 sm:flex-row sm:justify-end dark:border-night-800">
        <Button variant="secondary" onClick={onClose}>
          {copy.cancel}
        </Button>
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? <Spinner /> : null}
          {isSubmitting ? copy.saving : callId ? copy.save : copy.create}
        </Button>
      </div>
    </form>
  );
}
