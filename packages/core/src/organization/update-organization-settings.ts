// Changes any subset of the organization's settings (admin), checking the rules that span settings against
// the saved values merged with the change, and auditing from/to of each setting that changed.
import type { OrganizationSettings, OrganizationUpdateInput } from '@portico/validators/organization';
import { diffChanges, recordAudit } from '../audit/record-audit';
import type { CoreContext } from '../context';
import { AppError } from '../errors';
import { and, eq, schema, sql } from '../internal/db';
import { normalizeOptionalPhone } from '../phone';
import { findOrganization, toOrganizationSettings } from './organization-row';

const SETTINGS = [
  'name',
  'timeZone',
  'officePhone',
  'officeEmail',
  'primaryColor',
  'accentColor',
  'labels',
  'loginMode',
  'linkLifetimeHours',
  'rescheduleCutoffHours',
  'cancelPolicy',
  'cancelMessage',
  'cancelPhone',
  'hideServiceDetails',
  'confirmationFlow',
  'notifyOnDispatcherBooking',
  'staffSessionIdleMinutes',
  'staffSessionAbsoluteHours',
  'portalSessionIdleDays',
  'portalSessionAbsoluteDays',
] as const;
type Setting = (typeof SETTINGS)[number];
type Settings = Pick<OrganizationSettings, Setting>;

export const staleSettings = () =>
  new AppError(
    'CONFLICT',
    'These settings were changed by someone else since you opened them. Reload to see the latest settings, then make your change again.',
  );

export async function updateOrganizationSettings(
  ctx: CoreContext,
  input: OrganizationUpdateInput,
): Promise<OrganizationSettings> {
  // phones are parsed before any database work: a bad number refuses the whole change
  const officePhone = normalizeOptionalPhone(input.officePhone, { field: 'officePhone' });
  const cancelPhone = normalizeOptionalPhone(input.cancelPhone, { field: 'cancelPhone' });
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const row = await findOrganization(txCtx, { forUpdate: true });
    if (row.version !== input.version) throw staleSettings();
    const before = toOrganizationSettings(row);
    const patch: Partial<Settings> = {};
    for (const key of SETTINGS) {
      const value = key === 'officePhone' ? officePhone : key === 'cancelPhone' ? cancelPhone : input[key];
      if (value !== undefined) (patch as Record<string, unknown>)[key] = value;
    }
    const after: Settings = { ...before, ...patch };
    checkCombinedRules(after);
    const changes = diffChanges(before, after, [...SETTINGS]);
    if (Object.keys(changes).length === 0) return before;

    const changed = Object.fromEntries(Object.keys(changes).map((k) => [k, after[k as Setting]]));
    const { organizations } = schema;
    const [updated] = await tx
      .update(organizations)
      .set({ ...changed, version: sql`${organizations.version} + 1`, updatedAt: ctx.clock.now() })
      .where(and(eq(organizations.id, ctx.organizationId), eq(organizations.version, input.version)))
      .returning();
    if (!updated) throw staleSettings();
    const result = toOrganizationSettings(updated);
    await recordAudit(txCtx, {
      entityType: 'organization',
      entityId: ctx.organizationId,
      action: 'update_settings',
      before,
      after: result,
      fields: [...SETTINGS],
    });
    return result;
  });
}

function checkCombinedRules(s: Settings): void {
  if (s.cancelPolicy === 'call') {
    if (!s.cancelPhone) {
      throw new AppError(
        'BAD_REQUEST',
        'Customers are told to call to cancel: give the phone number they should call.',
        {
          field: 'cancelPhone',
        },
      );
    }
    if (!s.cancelMessage?.trim()) {
      throw new AppError(
        'BAD_REQUEST',
        'Customers are told to call to cancel: write the message they will see.',
        {
          field: 'cancelMessage',
        },
      );
    }
  }
  if (s.portalSessionIdleDays > s.portalSessionAbsoluteDays) {
    throw new AppError(
      'BAD_REQUEST',
      `The portal idle timeout (${s.portalSessionIdleDays} days) can't be longer than the portal session lifetime (${s.portalSessionAbsoluteDays} days).`,
      { field: 'portalSessionIdleDays' },
    );
  }
  if (s.staffSessionIdleMinutes > s.staffSessionAbsoluteHours * 60) {
    throw new AppError(
      'BAD_REQUEST',
      "The staff idle timeout can't be longer than the staff session lifetime.",
      {
        field: 'staffSessionIdleMinutes',
      },
    );
  }
}
