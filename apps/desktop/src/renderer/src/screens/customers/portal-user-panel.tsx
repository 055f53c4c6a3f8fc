// A contact's portal access: status, role, last sign-in, invite or re-invite, disable or enable, or granting it.
import { describeClientError, useTRPC } from '@portico/api-client';
import type { Contact } from '@portico/validators/contacts';
import type { PortalUser } from '@portico/validators/portal-users';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { formatInstant } from '../../components/form-kit';

const statusLabels = { invited: 'Invited', active: 'Active', disabled: 'Disabled' } as const;
const roleLabels = { contact: 'Contact', account_admin: 'Account admin' } as const;
type Role = keyof typeof roleLabels;

export function PortalUserPanel({
  contact,
  portalUser,
  timeZone,
  isCustomerArchived,
}: {
  contact: Contact;
  portalUser: PortalUser | undefined;
  timeZone: string;
  isCustomerArchived: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<{ text: string; isError: boolean; field?: string } | null>(null);
  const [isConfirmingDisable, setIsConfirmingDisable] = useState(false);
  const [newRole, setNewRole] = useState<Role>('contact');
  const isBusy = useRef(false);

  const create = useMutation(trpc.portalUsers.create.mutationOptions());
  const invite = useMutation(trpc.portalUsers.invite.mutationOptions());
  const setRole = useMutation(trpc.portalUsers.setRole.mutationOptions());
  const setStatus = useMutation(trpc.portalUsers.setStatus.mutationOptions());
  const isPending = create.isPending || invite.isPending || setRole.isPending || setStatus.isPending;

  /** One action at a time; its outcome replaces the previous message. */
  async function act(action: () => Promise<unknown>, success: string) {
    if (isBusy.current) return;
    isBusy.current = true;
    setMessage(null);
    try {
      await action();
      setMessage({ text: success, isError: false });
    } catch (error) {
      const info = describeClientError(error);
      setMessage({ text: info.message, isError: true, field: info.field ?? undefined });
    } finally {
      isBusy.current = false;
      await queryClient.invalidateQueries({ queryKey: trpc.portalUsers.list.pathKey() });
    }
  }

  /**
   * Creating a portal user records it as invited, so the invite goes out in the same click: a contact is never
   * shown as invited without having been sent the link.
   */
  async function grantAndInvite() {
    if (isBusy.current) return;
    isBusy.current = true;
    setMessage(null);
    let isCreated = false;
    try {
      const created = await create.mutateAsync({ contactId: contact.id, role: newRole });
      isCreated = true;
      await invite.mutateAsync({ id: created.id });
      setMessage({ text: `Portal access given; invite sent to ${contact.name}.`, isError: false });
    } catch (error) {
      const info = describeClientError(error);
      const text = isCreated
        ? `Portal access given, but the invite was not sent: ${info.message}`
        : info.message;
      setMessage({ text, isError: true, field: info.field ?? undefined });
    } finally {
      isBusy.current = false;
      await queryClient.invalidateQueries({ queryKey: trpc.portalUsers.list.pathKey() });
    }
  }

  const feedback = message ? (
    <p
      className={message.isError ? 'field-error cu-feedback' : 'cu-feedback cu-ok'}
      role={message.isError ? 'alert' : 'status'}
    >
      {message.text}
    </p>
  ) : null;

  if (!portalUser) {
    return (
      <section className="cu-portal" aria-label="Portal access">
        <h3>Portal access</h3>
        <p className="muted">{contact.name} cannot sign in to the customer portal yet.</p>
        <div className="cu-inline">
          <label className="cu-inline-label">
            Role
            <select value={newRole} onChange={(e) => setNewRole(e.target.value as Role)} disabled={isPending}>
              <option value="contact">{roleLabels.contact}</option>
              <option value="account_admin">{roleLabels.account_admin}</option>
            </select>
          </label>
          <button
            type="button"
            className="button"
            disabled={isPending || contact.archivedAt !== null || isCustomerArchived}
            onClick={() => void grantAndInvite()}
          >
            {create.isPending || invite.isPending ? 'Sending…' : 'Give access and send invite'}
          </button>
        </div>
        {feedback}
      </section>
    );
  }

  const isDisabled = portalUser.status === 'disabled';
  return (
    <section className="cu-portal" aria-label="Portal access">
      <h3>
        Portal access{' '}
        <span className={`cu-status cu-status-${portalUser.status}`} data-testid="portal-status">
          {statusLabels[portalUser.status]}
        </span>
      </h3>
      <dl className="cu-facts">
        <dt>Last sign-in</dt>
        <dd data-testid="portal-last-sign-in">
          {portalUser.lastSignInAt ? formatInstant(portalUser.lastSignInAt, timeZone) : 'Never signed in'}
        </dd>
        <dt>Invited</dt>
        <dd>{portalUser.invitedAt ? formatInstant(portalUser.invitedAt, timeZone) : 'No invite sent yet'}</dd>
        {portalUser.disabledAt ? (
          <>
            <dt>Disabled</dt>
            <dd>{formatInstant(portalUser.disabledAt, timeZone)}</dd>
          </>
        ) : null}
      </dl>
      <div className="cu-inline">
        <label className="cu-inline-label">
          Role
          <select
            value={portalUser.role}
            disabled={isPending}
            aria-invalid={message?.isError && message.field === 'role' ? true : undefined}
            onChange={(e) => {
              const role = e.target.value as Role;
              void act(
                () => setRole.mutateAsync({ id: portalUser.id, version: portalUser.version, role }),
                `Role changed to ${roleLabels[role]}.`,
              );
            }}
          >
            <option value="contact">{roleLabels.contact}</option>
            <option value="account_admin">{roleLabels.account_admin}</option>
          </select>
        </label>
        {!isDisabled ? (
          <button
            type="button"
            className="button"
            disabled={isPending}
            onClick={() =>
              void act(() => invite.mutateAsync({ id: portalUser.id }), `Invite sent to ${contact.name}.`)
            }
          >
            {invite.isPending ? 'Sending…' : portalUser.invitedAt ? 'Re-send invite' : 'Send invite'}
          </button>
        ) : null}
        {isDisabled ? (
          <button
            type="button"
            className="button button-secondary"
            disabled={isPending}
            onClick={() =>
              void act(
                () =>
                  setStatus.mutateAsync({ id: portalUser.id, version: portalUser.version, status: 'active' }),
                'Portal access enabled again.',
              )
            }
          >
            {setStatus.isPending ? 'Enabling…' : 'Enable access'}
          </button>
        ) : isConfirmingDisable ? null : (
          <button
            type="button"
            className="button button-secondary cu-danger"
            disabled={isPending}
            onClick={() => setIsConfirmingDisable(true)}
          >
            Disable access
          </button>
        )}
      </div>
      {isConfirmingDisable && !isDisabled ? (
        <div className="cu-confirm" role="group" aria-label="Confirm disabling">
          <p>{contact.name} will be signed out of the portal everywhere and cannot sign in until enabled.</p>
          <button
            type="button"
            className="button cu-danger-solid"
            autoFocus
            disabled={isPending}
            onKeyDown={(e) => e.key === 'Escape' && setIsConfirmingDisable(false)}
            onClick={() =>
              void act(
                () =>
                  setStatus.mutateAsync({
                    id: portalUser.id,
                    version: portalUser.version,
                    status: 'disabled',
                  }),
                'Portal access disabled; every session was ended.',
              ).then(() => setIsConfirmingDisable(false))
            }
          >
            {setStatus.isPending ? 'Disabling…' : 'Disable and sign out'}
          </button>
          <button
            type="button"
            className="button button-secondary"
            disabled={isPending}
            onClick={() => setIsConfirmingDisable(false)}
          >
            Keep access
          </button>
        </div>
      ) : null}
      {feedback}
    </section>
  );
}
