// Creates a staff user of the caller's organization with an initial password set by an admin.
import { isPgError, pgErrorCodes } from '@portico/db';
import type { CreateStaffInput, StaffUser } from '@portico/validators';
import { recordAudit } from '../audit/record-audit';
import type { CoreContext } from '../context';
import { AppError } from '../errors';
import { eq, schema, sql } from '../internal/db';
import { toStaffUser } from './staff-user-row';

const { staffUsers } = schema;

/** Password hashing lives in @portico/auth, which depends on core; the caller hands it in. */
export type CreateStaffUserDeps = { hashPassword: (password: string) => Promise<string> };

const emailTaken = () =>
  new AppError('CONFLICT', 'A staff user with this email already exists.', { field: 'email' });

export async function createStaffUser(
  ctx: CoreContext,
  input: CreateStaffInput,
  deps: CreateStaffUserDeps,
): Promise<StaffUser> {
  const email = input.email.trim().toLowerCase();
  // Emails are unique across Portico (sign-in asks for no organization), so this looks beyond the tenant.
  const [existing] = await ctx.db
    .select({ id: staffUsers.id })
    .from(staffUsers)
    .where(eq(sql`lower(${staffUsers.email})`, email))
    .limit(1);
  if (existing) throw emailTaken();

  const passwordHash = await deps.hashPassword(input.password);
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(staffUsers)
        .values({
          organizationId: ctx.organizationId,
          email,
          name: input.name,
          role: input.role,
          passwordHash,
          status: 'active',
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      if (!row) throw new Error('staff user insert returned no row');
      const user = toStaffUser(row);
      await recordAudit(
        { ...ctx, db: tx },
        {
          entityType: 'staff_user',
          entityId: user.id,
          action: 'create',
          after: { email: user.email, name: user.name, role: user.role, status: user.status },
        },
      );
      return user;
    });
  } catch (error) {
    // Two admins creating the same email at once: the unique index decides, with the same answer.
    // drizzle wraps the driver's error in a DrizzleQueryError whose cause is the PostgresError
    const pgError = error instanceof Error && isPgError(error.cause) ? error.cause : error;
    if (isPgError(pgError, pgErrorCodes.uniqueViolation)) throw emailTaken();
    throw error;
  }
}
