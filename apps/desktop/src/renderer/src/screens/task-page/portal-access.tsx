// The portal users who can see this task (the site's contacts and the customer's account admins), with a
// re-send of their sign-in link that opens this task.
import { describeClientError, useTRPC } from '@portico/api-client';
import type { PortalUser } from '@portico/validators/portal-users';
import type { TaskDetail } from '@portico/validators/tasks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { formatDateTime } from '../notifications/log-format';

const statusWords: Record<PortalUser['status'], string> = {
  invited: 'Invited, not signed in yet',
  active: 'Active',
  disabled: 'Disabled',
};

export function PortalAccess({ task, timeZone }: { task: TaskDetail; timeZone: string }) {
  const trpc = useTRPC();
  const site = useQuery(trpc.sites.get.queryOptions({ id: task.site.id }));
  const users = useQuery(trpc.portalUsers.list.queryOptions({ customerId: task.customer.id }));
  const contactIds = [site.data?.primaryContact?.id, site.data?.secondaryContact?.id].filter(Boolean);
  const relevant = (users.data ?? []).filter(
    (u) => contactIds.includes(u.contactId) || u.role === 'account_admin',
  );

  return (
    <section className="task-card" aria-labelledby="task-contacts-title">
      <h2 id="task-contacts-title">Contacts and portal access</h2>
      {site.isPending || users.isPending ? <p className="muted">Loading…</p> : null}
      {site.isError || users.isError ? (
        <p className="banner banner-error" role="alert">
          {describeClientError(site.error ?? users.error).message}
        </p>
      ) : null}
      {site.data ? (
        <ul className="task-contacts">
          {(
            [
              ['Primary', site.data.primaryContact],
              ['Secondary', site.data.secondaryContact],
            ] as const
          ).map(([role, contact]) =>
            contact ? (
              <li key={contact.id}>
                <span className="task-contact-name">{contact.name}</span>{' '}
                <span className="muted">
                  {role} · {[contact.phone, contact.email].filter(Boolean).join(' · ') || 'no phone or email'}
                </span>
              </li>
            ) : null,
          )}
        </ul>
      ) : null}
      {users.isSuccess && site.isSuccess && relevant.length === 0 ? (
        <p className="muted">
          No one can see this task in the portal yet. Give a contact portal access from the customer.
        </p>
      ) : null}
      {relevant.length > 0 ? (
        <ul className="task-portal-users" aria-label="Portal users">
          {relevant.map((user) => (
            <PortalUserRow key={user.id} user={user} taskId={task.id} timeZone={timeZone} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function PortalUserRow({ user, taskId, timeZone }: { user: PortalUser; taskId: string; timeZone: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const inFlight = useRef(false);
  const invite = useMutation(
    trpc.portalUsers.invite.mutationOptions({
      onSuccess: async () => {
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.portalUsers.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.activity.taskTimeline.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.notifications.log.pathKey() }),
        ]);
      },
    }),
  );
  return (
    <li className="task-portal-user">
      <div>
        <span className="task-contact-name">{user.contactName}</span>{' '}
        <span className="muted">
          {user.role === 'account_admin' ? 'Account admin' : 'Contact'} · {statusWords[user.status]}
          {user.lastSignInAt ? ` · last signed in ${formatDateTime(user.lastSignInAt, timeZone)}` : ''}
          {user.invitedAt ? ` · invited ${formatDateTime(user.invitedAt, timeZone)}` : ''}
        </span>
      </div>
      <button
        type="button"
        className="button button-secondary"
        disabled={invite.isPending || user.status === 'disabled'}
        title={user.status === 'disabled' ? 'Enable their portal access before inviting them.' : undefined}
        onClick={() => {
          if (inFlight.current) return;
          inFlight.current = true;
          invite.mutate(
            { id: user.id, taskId },
            {
              onSettled: () => {
                inFlight.current = false;
              },
            },
          );
        }}
      >
        {invite.isPending ? 'Sending…' : 'Re-send invite'}
      </button>
      {invite.isSuccess ? (
        <span role="status" className="task-inline-note">
          Invite queued.
        </span>
      ) : null}
      {invite.isError ? (
        <p className="field-error task-inline-note" role="alert">
          {describeClientError(invite.error).message}
        </p>
      ) : null}
    </li>
  );
}
