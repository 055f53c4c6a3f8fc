// Tells open staff screens that a customer changed a task in the portal, through PostgreSQL NOTIFY.
import type { LiveEventKind, liveNotificationSchema } from '@portico/validators/live';
import type { z } from 'zod';
import { sql } from 'drizzle-orm';
import type { CoreContext } from '../context';

/** The one NOTIFY channel of live events; every API process LISTENs on it (see live-event-hub.ts). */
export const liveChannel = 'portico_live';

/**
 * Call inside the change's own transaction: PostgreSQL delivers a NOTIFY only when the transaction commits,
 * so a change that rolls back announces nothing, and every API process (not just this one) hears it.
 */
export async function publishLiveEvent(
  ctx: CoreContext,
  input: { taskId: string; kind: LiveEventKind },
): Promise<void> {
  const payload: z.input<typeof liveNotificationSchema> = {
    organizationId: ctx.organizationId,
    taskId: input.taskId,
    kind: input.kind,
    at: ctx.clock.now().toISOString(),
  };
  await ctx.db.execute(sql`select pg_notify(${liveChannel}, ${JSON.stringify(payload)})`);
}
