// Invites (or re-invites) a portal user: queues the `portal-invite` job that mints a login link and sends it
// by the contact's channels, in the same transaction that records the invite.
import type { PortalUserInviteInput } from '@portico/validators/notifications';
import type { PortalUser } from '@portico/validators/portal-users';
import { recordAudit } from '../audit/record-audit';
import type { CoreContext } from '../context';
import { AppError, notFound } from '../errors';
import { and, desc, eq, gt, schema, sql } from '../internal/db';
import { enqueueJob } from '../jobs/queues';
import { findPortalUser } from '../portal-users/find-portal-user';
import { readPortalUser } from '../portal-users/read-portal-users';

/** A second invite within this many seconds is refused: a double click, or a link sent twice by mistake. */
export const reinviteIntervalSeconds = 60;

export async function invitePortalUser(ctx: CoreContext, input: PortalUserInviteInput): Promise<PortalUser> {
  const { contacts, customers, tasks, sites, portalUsers, auditEvents } = schema;
  const org = ctx.organizationId;
  await ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    // The row lock serialises concurrent invites of one user, so the interval check below is reliable.
    const user = await findPortalUser(txCtx, input.id, { forUpdate: true });
    const [owner] = await tx
      .select({
        name: contacts.name,
        phone: contacts.phone,
        email: contacts.email,
        contactArchivedAt: contacts.archivedAt,
        customerArchivedAt: customers.archivedAt,
      })
      .from(contacts)
      .innerJoin(customers, and(eq(customers.id, contacts.customerId), eq(customers.organizationId, org)))
      .where(and(eq(contacts.id, user.contactId), eq(contacts.organizationId, org)));
    if (!owner) throw notFound('Portal user');
    if (user.status === 'disabled') {
      throw new AppError(
        'PRECONDITION_FAILED',
        `${owner.name}'s portal access is disabled. Enable it before sending an invite.`,
      );
    }
    if (owner.contactArchivedAt || owner.customerArchivedAt) {
      throw new AppError(
        'PRECONDITION_FAILED',
        `${owner.name}'s ${owner.contactArchivedAt ? 'contact' : 'customer'} record is archived. Restore it before sending an invite.`,
      );
    }
    if (!owner.phone && !owner.email) {
      throw new AppError(
        'PRECONDITION_FAILED',
        `${owner.name} has no phone number or email address to send the invite to. Add one first.`,
      );
    }
    if (input.taskId) {
      const [task] = await tx
        .select({
          number: tasks.number,
          status: tasks.status,
          customerId: tasks.customerId,
          primaryContactId: sites.primaryContactId,
          secondaryContactId: sites.secondaryContactId,
        })
        .from(tasks)
        .innerJoin(sites, and(eq(sites.id, tasks.siteId), eq(sites.organizationId, org)))
        .where(and(eq(tasks.id, input.taskId), eq(tasks.organizationId, org)));
      if (!task) throw new AppError('NOT_FOUND', 'Task was not found.', { field: 'taskId' });
      const canSee =
        task.customerId === user.customerId &&
        (user.role === 'account_admin' ||
          task.primaryContactId === user.contactId ||
          task.secondaryContactId === user.contactId);
      if (!canSee) {
        throw new AppError(
          'BAD_REQUEST',
          `${owner.name} cannot see that task in the portal (it is not at one of their sites). Choose one of their tasks, or send the invite without a task.`,
          { field: 'taskId' },
        );
      }
      if (task.status === 'completed' || task.status === 'cancelled' || task.status === 'failed') {
        throw new AppError(
          'BAD_REQUEST',
          `Task T-${task.number} is ${task.status}, so there is nothing to book. Choose an open task, or send the invite without a task.`,
          { field: 'taskId' },
        );
      }
    }

    const now = ctx.clock.now();
    const since = new Date(now.getTime() - reinviteIntervalSeconds * 1000);
    const [recent] = await tx
      .select({ createdAt: auditEvents.createdAt })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.entityType, 'portal_user'),
          eq(auditEvents.entityId, user.id),
          eq(auditEvents.organizationId, org),
          eq(auditEvents.action, 'invite'),
          gt(auditEvents.createdAt, since),
        ),
      )
      .orderBy(desc(auditEvents.createdAt))
      .limit(1);
    if (recent) {
      const retryAfterSeconds = Math.max(
        1,
        Math.ceil((recent.createdAt.getTime() + reinviteIntervalSeconds * 1000 - now.getTime()) / 1000),
      );
      throw new AppError(
        'TOO_MANY_REQUESTS',
        `An invite was sent to ${owner.name} less than a minute ago. Wait ${retryAfterSeconds} seconds before sending another.`,
        { retryAfterSeconds },
      );
    }

    const jobId = await enqueueJob(txCtx, 'portal-invite', {
      organizationId: org,
      portalUserId: user.id,
      ...(input.taskId ? { taskId: input.taskId } : {}),
      ...(ctx.actor.id ? { requestedBy: ctx.actor.id } : {}),
    });
    const [after] = await tx
      .update(portalUsers)
      .set({ invitedAt: now, version: sql`${portalUsers.version} + 1`, updatedAt: now })
      .where(and(eq(portalUsers.id, user.id), eq(portalUsers.organizationId, org)))
      .returning();
    await recordAudit(txCtx, {
      entityType: 'portal_user',
      entityId: user.id,
      action: 'invite',
      before: { invitedAt: user.invitedAt, taskId: null, jobId: null },
      after: { invitedAt: after?.invitedAt ?? now, taskId: input.taskId ?? null, jobId },
    });
  });
  return readPortalUser(ctx, input.id);
}
