// The Staff screen: everyone who signs in to the desktop app, their role and status, last sign-in in the
// organization's time zone; invite by email, resend an invite, change a role, disable (signs them out) or enable.
import { describeClientError, useTRPC } from '@portico/api-client';
import type { StaffUser } from '@portico/validators/staff';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouteContext } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import { formatInstant } from '../../../components/form-kit';
import { InviteStaffForm } from './invite-staff-form';
import './staff.css';

const statusLabels = { invited: 'Invited', active: 'Active', disabled: 'Disabled' } as const;
type Role = StaffUser['role'];
type RowMessage = { userId: string; text: string; isError: boolean };

export function StaffScreen() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { me } = useRouteContext({ from: '__root__' });
  const timeZone = me.organization.timeZone;
  const staff = useQuery(trpc.staff.list.queryOptions());
  const update = useMutation(trpc.staff.update.mutationOptions());
  const setStatus = useMutation(trpc.staff.setStatus.mutationOptions());
  const resend = useMutation(trpc.staff.resendInvite.mutationOptions());
  const [isInviting, setIsInviting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [rowMessage, setRowMessage] = useState<RowMessage | null>(null);
  const [confirmDisable, setConfirmDisable] = useState<StaffUser | null>(null);
  const [isConflict, setIsConflict] = useState(false);
  const isBusy = useRef(false);
  const isPending = update.isPending || setStatus.isPending || resend.isPending;

  async function act(user: StaffUser, action: () => Promise<unknown>, success: string) {
    if (isBusy.current) return;
    isBusy.current = true;
    setRowMessage(null);
    setNotice(null);
    try {
      await action();
      setRowMessage({ userId: user.id, text: success, isError: false });
    } catch (error) {
      const info = describeClientError(error);
      if (info.code === 'CONFLICT' && !info.field) setIsConflict(true);
      else setRowMessage({ userId: user.id, text: info.message, isError: true });
    } finally {
      isBusy.current = false;
      setConfirmDisable(null);
      await queryClient.invalidateQueries({ queryKey: trpc.staff.list.pathKey() });
    }
  }

  function changeRole(user: StaffUser, role: Role) {
    void act(
      user,
      () => update.mutateAsync({ id: user.id, version: user.version, role }),
      `${user.name} is now ${role === 'admin' ? 'an admin' : 'a dispatcher'}.`,
    );
  }

  const users = staff.data ?? [];

  return (
    <section className="st-screen" aria-labelledby="st-title">
      <header className="admin-head">
        <div>
          <h2 id="st-title">Staff</h2>
          <p className="muted">Everyone who signs in to Portico’s desktop app for {me.organization.name}.</p>
        </div>
        {!isInviting ? (
          <button type="button" className="button" onClick={() => setIsInviting(true)}>
            Invite staff
          </button>
        ) : null}
      </header>

      {isInviting ? (
        <InviteStaffForm
          onInvited={(email) => {
            setIsInviting(false);
            setNotice(`Invite sent to ${email}.`);
          }}
          onCancel={() => setIsInviting(false)}
        />
      ) : null}
      {notice ? (
        <p className="st-notice" role="status">
          {notice}
        </p>
      ) : null}
      {isConflict ? (
        <div className="banner banner-error st-conflict" role="alert">
          <span>
            Someone else changed this staff user while you were working. Reload to see their changes.
          </span>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setIsConflict(false);
              void staff.refetch();
            }}
          >
            Reload
          </button>
        </div>
      ) : null}

      {staff.isPending ? (
        <p className="muted" role="status">
          Loading staff…
        </p>
      ) : staff.isError ? (
        <div className="banner banner-error" role="alert">
          {describeClientError(staff.error).message}{' '}
          <button type="button" className="button button-secondary" onClick={() => void staff.refetch()}>
            Try again
          </button>
        </div>
      ) : users.length === 0 ? (
        <p className="st-empty">No staff users yet. Invite someone to get started.</p>
      ) : (
        <table className="cu-table st-table" aria-label="Staff users">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Last sign-in</th>
              <th scope="col">
                <span className="st-sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => {
              const isSelf = user.id === me.user.id;
              const message = rowMessage?.userId === user.id ? rowMessage : null;
              const isConfirming = confirmDisable?.id === user.id;
              return (
                <tr
                  key={user.id}
                  data-staff-email={user.email}
                  className={user.status === 'disabled' ? 'st-row-disabled' : undefined}
                >
                  <td>
                    <strong>{user.name}</strong>
                    {isSelf ? <span className="st-you"> (you)</span> : null}
                  </td>
                  <td className="st-email">{user.email}</td>
                  <td>
                    <select
                      aria-label={`Role of ${user.name}`}
                      value={user.role}
                      disabled={isPending}
                      onChange={(e) => changeRole(user, e.target.value as Role)}
                    >
                      <option value="dispatcher">Dispatcher</option>
                      <option value="admin">Admin</option>
                    </select>
                  </td>
                  <td>
                    <span className={`cu-status cu-status-${user.status}`} data-testid="staff-status">
                      {statusLabels[user.status]}
                    </span>
                  </td>
                  <td className="st-nowrap" data-testid="staff-last-sign-in">
                    {user.lastSignInAt ? formatInstant(user.lastSignInAt, timeZone) : 'Never'}
                  </td>
                  <td>
                    <div className="st-actions">
                      {user.status === 'invited' ? (
                        <button
                          type="button"
                          className="button button-secondary st-small"
                          disabled={isPending}
                          onClick={() =>
                            void act(
                              user,
                              () => resend.mutateAsync({ id: user.id }),
                              `A new invite is on its way to ${user.email}.`,
                            )
                          }
                        >
                          {resend.isPending && resend.variables?.id === user.id
                            ? 'Sending…'
                            : 'Resend invite'}
                        </button>
                      ) : null}
                      {isSelf ? null : user.status === 'disabled' ? (
                        <button
                          type="button"
                          className="button button-secondary st-small"
                          disabled={isPending}
                          onClick={() =>
                            void act(
                              user,
                              () =>
                                setStatus.mutateAsync({
                                  id: user.id,
                                  version: user.version,
                                  status: 'active',
                                }),
                              `${user.name} can sign in again.`,
                            )
                          }
                        >
                          Enable
                        </button>
                      ) : !isConfirming ? (
                        <button
                          type="button"
                          className="button button-secondary st-small st-danger"
                          disabled={isPending}
                          onClick={() => {
                            setRowMessage(null);
                            setConfirmDisable(user);
                          }}
                        >
                          Disable…
                        </button>
                      ) : null}
                      {isConfirming ? (
                        <div className="st-confirm" role="alertdialog" aria-label={`Disable ${user.name}`}>
                          <p>
                            Disabling signs {user.name} out everywhere now, and they cannot sign in until you
                            enable them again.
                          </p>
                          <button
                            type="button"
                            className="button st-small st-danger-solid"
                            disabled={isPending}
                            onClick={() =>
                              void act(
                                user,
                                () =>
                                  setStatus.mutateAsync({
                                    id: user.id,
                                    version: user.version,
                                    status: 'disabled',
                                  }),
                                `${user.name} is disabled and signed out.`,
                              )
                            }
                          >
                            {setStatus.isPending ? 'Disabling…' : 'Disable and sign out'}
                          </button>
                          <button
                            type="button"
                            className="button button-secondary st-small"
                            onClick={() => setConfirmDisable(null)}
                          >
                            Cancel
                          </button>
                        </div>
                      ) : null}
                      {message ? (
                        <p
                          className={message.isError ? 'field-error st-message' : 'st-message st-ok'}
                          role={message.isError ? 'alert' : 'status'}
                        >
                          {message.text}
                        </p>
                      ) : null}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
