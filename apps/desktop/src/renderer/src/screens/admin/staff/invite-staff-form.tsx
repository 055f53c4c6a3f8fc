// Inviting a staff user by email: name, email and role; the server emails them a link to set a password.
import { useTRPC } from '@portico/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Field, FormBanner, useSubmitter } from '../../../components/form-kit';

const inviteFields = ['email', 'name', 'role'] as const;
type Role = 'dispatcher' | 'admin';

export function InviteStaffForm({
  onInvited,
  onCancel,
}: {
  onInvited: (email: string) => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invite = useMutation(trpc.staff.invite.mutationOptions());
  const [values, setValues] = useState({ email: '', name: '', role: 'dispatcher' as Role });
  const { errors, isPending, run } = useSubmitter(inviteFields);

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      const invited = await invite.mutateAsync(values);
      await queryClient.invalidateQueries({ queryKey: trpc.staff.list.pathKey() });
      onInvited(invited.email);
    });
  }

  return (
    <form
      className="cu-form st-invite"
      aria-label="Invite a staff user"
      noValidate
      onSubmit={submit}
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
    >
      <h3 className="cu-form-title">Invite a staff user</h3>
      <p className="cu-hint">
        They get an email with a link to set their password; the link works for 72 hours.
      </p>
      <FormBanner message={errors.form} />
      <div className="st-invite-grid">
        <Field label="Name" error={errors.fields.name}>
          {(p) => (
            <input
              {...p}
              autoFocus
              autoComplete="off"
              value={values.name}
              onChange={(e) => setValues((v) => ({ ...v, name: e.target.value }))}
            />
          )}
        </Field>
        <Field label="Email" error={errors.fields.email}>
          {(p) => (
            <input
              {...p}
              type="email"
              autoComplete="off"
              value={values.email}
              onChange={(e) => setValues((v) => ({ ...v, email: e.target.value }))}
            />
          )}
        </Field>
        <Field
          label="Role"
          error={errors.fields.role}
          hint={
            values.role === 'admin' ? 'Admins also change settings and staff.' : 'Dispatchers schedule work.'
          }
        >
          {(p) => (
            <select
              {...p}
              value={values.role}
              onChange={(e) => setValues((v) => ({ ...v, role: e.target.value as Role }))}
            >
              <option value="dispatcher">Dispatcher</option>
              <option value="admin">Admin</option>
            </select>
          )}
        </Field>
      </div>
      <div className="cu-actions">
        <button type="submit" className="button" disabled={isPending}>
          {isPending ? 'Sending…' : 'Send invite'}
        </button>
        <button type="button" className="button button-secondary" disabled={isPending} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
