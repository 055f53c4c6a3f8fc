// tRPC init and the four procedure kinds (public, customer, staff, admin): authorization decided here, once.
import { validateSessionToken, type ValidatedSession } from '@portico/auth';
import { AppError, type CoreContext } from '@portico/core';
import { findPgError, pgErrorCodes } from '@portico/db';
import { initTRPC, TRPCError } from '@trpc/server';
import { wireTransformer } from '@portico/validators/wire';
import { z, ZodError } from 'zod';
import type { ApiContext } from './context';

export type ErrorData = {
  /** Field the error is about, for showing a message next to an input. */
  field: string | null;
  /** zod issues, flattened per field, when the input failed to parse. */
  fieldErrors: Record<string, string[]> | null;
  retryAfterSeconds: number | null;
};

const t = initTRPC.context<ApiContext>().create({
  transformer: wireTransformer,
  // Subscriptions (live.events) over server-sent events: a ping keeps load balancers (60 s idle timeouts)
  // from cutting a quiet stream, and a client that hears nothing for 45 s reconnects. Streams end after an
  // hour so the reconnect checks the session again (a revoked session stops receiving within the hour).
  sse: {
    ping: { enabled: true, intervalMs: 20_000 },
    client: { reconnectAfterInactivityMs: 45_000 },
    maxDurationMs: 60 * 60 * 1000,
  },
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const data: ErrorData = { field: null, fieldErrors: null, retryAfterSeconds: null };
    if (cause instanceof ZodError) {
      const flat = z.flattenError(cause);
      data.fieldErrors = flat.fieldErrors as Record<string, string[]>;
      const first = cause.issues[0];
      if (first) data.field = first.path.join('.') || null;
    } else if (cause instanceof AppError) {
      data.field = cause.field ?? null;
      data.retryAfterSeconds = cause.retryAfterSeconds ?? null;
    }
    const message = cause instanceof ZodError ? describeZodError(cause) : shape.message;
    return { ...shape, message, data: { ...shape.data, stack: undefined, ...data } };
  },
});

function describeZodError(error: ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** Turns domain and database errors into typed client errors; anything else stays a 500 and is logged. */
export function toTRPCError(error: unknown): unknown {
  if (error instanceof TRPCError) return error;
  if (error instanceof AppError) {
    return new TRPCError({ code: error.code, message: error.message, cause: error });
  }
  const pgError = findPgError(error);
  if (pgError) {
    switch (pgError.code) {
      case pgErrorCodes.uniqueViolation:
        return new TRPCError({ code: 'CONFLICT', message: 'That value is already in use.', cause: error });
      case pgErrorCodes.foreignKeyViolation:
        return new TRPCError({
          code: 'BAD_REQUEST',
          message: 'A referenced record does not exist.',
          cause: error,
        });
      case pgErrorCodes.invalidTextRepresentation:
      case pgErrorCodes.checkViolation:
      case '22007': // invalid datetime format
      case '22008': // datetime field overflow
      case '22003': // numeric value out of range
      case '22001': // string data right truncation
        return new TRPCError({ code: 'BAD_REQUEST', message: 'A value is not valid.', cause: error });
      case pgErrorCodes.serializationFailure:
      case '40P01':
        return new TRPCError({
          code: 'CONFLICT',
          message: 'Another change happened at the same time. Try again.',
          cause: error,
        });
    }
  }
  return error;
}

const errorMapping = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = toTRPCError(result.error.cause ?? result.error);
    if (mapped instanceof TRPCError && mapped !== result.error) throw mapped;
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

export const publicProcedure = t.procedure.use(errorMapping);

async function requireSession(ctx: ApiContext): Promise<ValidatedSession> {
  const session = ctx.sessionToken
    ? await validateSessionToken(ctx.db, ctx.sessionToken, ctx.clock.now())
    : null;
  if (!session)
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Your session has ended. Sign in again.' });
  return session;
}

/** Signed-in staff (admin or dispatcher); `core` is scoped to the staff user's organization. */
export const staffProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const session = await requireSession(ctx);
  if (session.subject !== 'staff' || !session.staffUser) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'This needs a staff account.' });
  }
  const staff = session.staffUser;
  const core: CoreContext = {
    db: ctx.db,
    clock: ctx.clock,
    organizationId: session.organizationId,
    actor: { type: 'staff', id: staff.id, role: staff.role },
  };
  return next({ ctx: { session, staff, organizationId: session.organizationId, core } });
});

/** Staff with the admin role. */
export const adminProcedure = staffProcedure.use(({ ctx, next }) => {
  if (ctx.staff.role !== 'admin') {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Only an admin can do this.' });
  }
  return next();
});

/** A signed-in portal user (customer contact); `core` carries the portal actor for scoping. */
export const customerProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const session = await requireSession(ctx);
  if (session.subject !== 'portal' || !session.portalUser) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'This needs a portal sign-in.' });
  }
  const portalUser = session.portalUser;
  const core: CoreContext = {
    db: ctx.db,
    clock: ctx.clock,
    organizationId: session.organizationId,
    actor: {
      type: 'portal',
      id: portalUser.id,
      role: portalUser.role,
      customerId: portalUser.customerId,
      contactId: portalUser.contactId,
    },
  };
  return next({ ctx: { session, portalUser, organizationId: session.organizationId, core } });
});

/**
 * An output validator for `.output()`. tRPC calls a zod schema's parseAsync, which in zod 4 bypasses the
 * compiled fast path for objects: validating a 50-row task page that way cost about a tenth of the request.
 * The synchronous parse validates exactly the same rules.
 */
export function syncOutput<T extends z.ZodType>(schema: T): (value: unknown) => z.output<T> {
  return (value) => schema.parse(value);
}
