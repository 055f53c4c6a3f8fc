// The signed-in staff user and their organization, for the app's header and settings.
import type { CoreContext } from '../context';
import { AppError } from '../errors';
import { and, eq, schema } from '../internal/db';

const { staffUsers, organizations } = schema;

export type SignedInStaff = {
  user: { id: string; email: string; name: string; role: 'admin' | 'dispatcher' };
  organization: { id: string; name: string; slug: string; timeZone: string };
};

export async function getSignedInStaff(ctx: CoreContext): Promise<SignedInStaff> {
  if (ctx.actor.type !== 'staff') throw new AppError('FORBIDDEN', 'This needs a staff account.');
  const [row] = await ctx.db
    .select({
      user: { id: staffUsers.id, email: staffUsers.email, name: staffUsers.name, role: staffUsers.role },
      organization: {
        id: organizations.id,
        name: organizations.name,
        slug: organizations.slug,
        timeZone: organizations.timeZone,
      },
    })
    .from(staffUsers)
    .innerJoin(organizations, eq(organizations.id, staffUsers.organizationId))
    .where(and(eq(staffUsers.id, ctx.actor.id), eq(staffUsers.organizationId, ctx.organizationId)))
    .limit(1);
  if (!row) throw new AppError('UNAUTHORIZED', 'Your session has ended. Sign in again.');
  return row;
}
