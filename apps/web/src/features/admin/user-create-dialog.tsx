'use client';

import { useForm } from 'react-hook-form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@ct/contracts/constants';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { InputField, SelectField } from '@/components/ui/field';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { passwordRefusalMessage } from '@/features/auth/password-refusal';
import { errorMessage } from '@/lib/api/errors';
import { ApiError } from '@/lib/api';
import { useI18n } from '@/lib/i18n';
import { adminKeys, createUser, type AdminUser } from './admin.api';
import * as adminMessages from '@/lib/i18n/messages/admin';

type Values = { name: string; email: string; password: string; role: AdminUser['role'] };
const EMPTY: Values = { name: '', email: '', password: '', role: 'user' };
const FIELDS = ['name', 'email', 'password', 'role'] as const;

/** "Nouvel utilisateur": name, email, initial password and role; the API's refusals land on the fields. */
export function UserCreateDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n({ admin: adminMessages });
  const copy = t.admin.users.form;
  const toast = useToast();
  const queryClient = useQueryClient();
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isDirty },
  } = useForm<Values>({ defaultValues: EMPTY });

  const close = () => {
    reset(EMPTY);
    onClose();
  };

  const mutation = useMutation({
    mutationFn: createUser,
    onSuccess: async (user) => {
      await queryClient.invalidateQueries({ queryKey: adminKeys.all });
      toast.success(copy.created(user.email));
      close();
    },
    onError: (error) => {
      // What was typed stays; each refusal goes next to its field.
      if (error instanceof ApiError && error.status === 409) {
        setError('email', { type: 'server', message: copy.errors.emailTaken }, { shouldFocus: true });
        return;
      }
      const refusal = passwordRefusalMessage(error, t);
      if (refusal) {
        setError('password', { type: 'server', message: refusal }, { shouldFocus: true });
        return;
      }
      let placed = false;
      if (error instanceof ApiError) {
        for (const issue of error.problem?.errors ?? []) {
          const field = FIELDS.find((name) => issue.path.replace(/^body\./, '') === name);
          if (field && field !== 'role') {
            setError(field, { type: 'server', message: copy.errors[field] }, { shouldFocus: !placed });
            placed = true;
          }
        }
      }
      if (!placed) toast.error(`${copy.failed} ${errorMessage(error, t)}`);
    },
  });

  const onSubmit = handleSubmit((values) =>
    mutation.mutate({ ...values, name: values.name.trim(), email: values.email.trim() }),
  );

  return (
    <Dialog
      open={open}
      onClose={close}
      title={copy.title}
      description={copy.description}
      closeLabel={t.ui.close}
      isDismissable={!isDirty}
      size="sm"
      footer={
        <>
          <Button variant="secondary" onClick={close} disabled={mutation.isPending}>
            {copy.cancel}
          </Button>
          <Button type="submit" form="admin-user-create" disabled={mutation.isPending}>
            {mutation.isPending ? <Spinner /> : null}
            {mutation.isPending ? copy.submitting : copy.submit}
          </Button>
        </>
      }
    >
      <form id="admin-user-create" onSubmit={onSubmit} noValidate className="space-y-4">
        <InputField
          label={copy.name}
          autoComplete="off"
          error={errors.name?.message}
          {...register('name', {
            validate: (value) => (value.trim().length >= 1 && value.trim().length <= 120) || copy.errors.name,
          })}
        />
        <InputField
          label={copy.email}
          type="email"
          autoComplete="off"
          spellCheck={false}
          error={errors.email?.message}
          {...register('email', {
            validate: (value) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) || copy.errors.email,
          })}
        />
        <InputField
          label={copy.password}
          type="password"
          autoComplete="new-password"
          hint={copy.passwordHint}
          error={errors.password?.message}
          {...register('password', {
            validate: (value) =>
              (value.length >= PASSWORD_MIN_LENGTH && value.length <= PASSWORD_MAX_LENGTH) || copy.errors.password,
          })}
        />
        <SelectField
          label={copy.role}
          options={[
            { value: 'user', label: t.admin.users.roles.user },
            { value: 'manager', label: t.admin.users.roles.manager },
            { value: 'admin', label: t.admin.users.roles.admin },
          ]}
          {...register('role')}
        />
      </form>
    </Dialog>
  );
}
