// Archives a site; refused while it has open tasks.
import type { Site, SiteVersionInput } from '@portico/validators/sites';
import { recordAudit } from '../audit/record-audit';
import type { CoreContext } from '../context';
import { AppError, staleVersion } from '../errors';
import { and, eq, schema, sql } from '../internal/db';
import { describeOpenTasks, findOpenTasks } from './find-open-tasks';
import { findSite } from './find-site';

export async function archiveSite(ctx: CoreContext, input: SiteVersionInput): Promise<Site> {
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const before = await findSite(txCtx, input.id, { forUpdate: true });
    if (before.version !== input.version) throw staleVersion('site');
    if (before.archivedAt) throw new AppError('CONFLICT', 'This site is already archived.');
    const open = await findOpenTasks(txCtx, { siteId: before.id });
    if (open.count > 0) {
      throw new AppError(
        'CONFLICT',
        `This site has ${describeOpenTasks(open)}. Complete or cancel them before archiving the site.`,
      );
    }
    const { sites } = schema;
    const now = ctx.clock.now();
    const [after] = await tx
      .update(sites)
      .set({ archivedAt: now, version: sql`${sites.version} + 1`, updatedAt: now })
      .where(
        and(
          eq(sites.id, before.id),
          eq(sites.organizationId, ctx.organizationId),
          eq(sites.version, input.version),
        ),
      )
      .returning();
    if (!after) throw staleVersion('site');
    await recordAudit(txCtx, { entityType: 'site', entityId: after.id, action: 'archive', before, after });
    return after;
  });
}
