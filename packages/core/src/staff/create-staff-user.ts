// Creates a staff user of the caller's organization with an initial password set by an admin; addStaffUser is
// the insert it shares with invitations (email unique across Portico, audited, in one transaction).
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
  return addStaffUser(ctx, {
    ...input,
    status: 'active',
    action: 'create',
    passwordHash: () => deps.hashPassword(input.password),
  });
}

type NewStaffUser = {
  email: string;
  name: string;
  role: StaffUser['role'];
  status: 'active' | 'invited';
  /** The audit action: 'create' or 'invite'. */
  action: string;
  /** Hashed only once the email is known to be free (hashing is deliberately slow). */
  passwordHash: () => Promise<string>;
  /** More work in the same transaction (an invitation's job). */
  then?: (ctx: CoreContext, user: StaffUser) => Promise<unknown>;
};

export async function addStaffUser(ctx: CoreContext, input: NewStaffUser): Promise<StaffUser> {
  const email = input.email.trim().toLowerCase();
  // Emails are unique across Portico (sign-in asks for no organization), so this looks beyond the tenant.
  const [existing] = await ctx.db
    .select({ id: staffUsers.id })
    .from(staffUsers)
    .where(eq(sql`lower(${staffUsers.email})`, email))
    .limit(1);
  if (existing) throw emailTaken();

  const passwordHash = await input.passwordHash();
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction(async (tx) => {
      const txCtx = { ...ctx, db: tx };
      const [row] = await tx
        .insert(staffUsers)
        .values({
          organizationId: ctx.organizationId,
          email,
          name: input.name,
          role: input.role,
          passwordHash,
          status: input.status,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      if (!row) throw new Error('staff user insert returned no row');
      const user = toStaffUser(row);
      await recordAudit(txCtx, {
        entityType: 'staff_user',
        entityId: user.id,
        action: input.action,
        after: { email: user.email, name: user.name, role: user.role, status: user.status },
      });
      await input.then?.(txCtx, user);
      return user;
    });
  } catch (error) {
    // Two admins adding the same email at once: the unique index decides, with the same answer.
    // drizzle wraps the driver's error in a DrizzleQueryError whose cause is the PostgresError
    const pgError = error instanceof Error && isPgError(error.cause) ? error.cause : error;
    if (isPgError(pgError, pgErrorCodes.uniqueViolation)) throw emailTaken();
    throw error;
  }
}
