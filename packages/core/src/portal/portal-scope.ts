// Owns what a signed-in portal user may see: the tasks of the sites where their contact is the primary or
// secondary contact, or every task of their customer for an account_admin. Every portal procedure goes through
// here, and anything outside (another customer, another organization, a made-up id) is "not found".
import type { SQL } from 'drizzle-orm';
import type { Actor, CoreContext } from '../context';
import { AppError, notFound, staleVersion } from '../errors';
import { and, eq, or, schema } from '../internal/db';
import type { TaskRow } from '../tasks/task-row';

export type PortalActor = Extract<Actor, { type: 'portal' }>;

/** The portal actor of the context; core's portal functions refuse any other caller. */
export function requirePortalActor(ctx: CoreContext): PortalActor {
  if (ctx.actor.type !== 'portal') throw new AppError('FORBIDDEN', 'This needs a portal sign-in.');
  return ctx.actor;
}

export const appointmentNotFound = () => notFound('Appointment');

/**
 * The condition on `tasks` joined with `sites` (see joinSite) that keeps the portal user's tasks only. The
 * organization is the session's, the customer the portal user's; a `contact` also needs to be one of the
 * site's two contacts.
 */
export function portalTaskScope(ctx: CoreContext): SQL {
  const actor = requirePortalActor(ctx);
  const { tasks, sites } = schema;
  return and(
    eq(tasks.organizationId, ctx.organizationId),
    eq(tasks.customerId, actor.customerId),
    actor.role === 'account_admin'
      ? undefined
      : or(eq(sites.primaryContactId, actor.contactId), eq(sites.secondaryContactId, actor.contactId)),
  )!;
}

/** The join every scoped task query makes, so portalTaskScope can read the site's contacts. */
export function joinSiteCondition(ctx: CoreContext): SQL {
  const { tasks, sites } = schema;
  return and(eq(sites.id, tasks.siteId), eq(sites.organizationId, ctx.organizationId))!;
}

/**
 * The task row (and its site's time zone) when the portal user may see it, else NOT_FOUND "Appointment was not
 * found.". `lock: true` holds the task FOR UPDATE until the caller's transaction ends, as lockTask does, so a
 * write can decide on it.
 */
export async function findPortalTask(
  ctx: CoreContext,
  taskId: string,
  options: { lock?: boolean } = {},
): Promise<{ task: TaskRow; timeZone: string }> {
  const { tasks, sites } = schema;
  const query = ctx.db
    .select({ task: tasks, timeZone: sites.timeZone })
    .from(tasks)
    .innerJoin(sites, joinSiteCondition(ctx))
    .where(and(eq(tasks.id, taskId), portalTaskScope(ctx)));
  const [row] = options.lock ? await query.for('update', { of: tasks }) : await query;
  if (!row) throw appointmentNotFound();
  return row;
}

/** CONFLICT when the customer's page shows an older version of the appointment than the database holds. */
export function requireVersion(task: TaskRow, version: number): void {
  if (task.version !== version) throw staleVersion('appointment');
}
