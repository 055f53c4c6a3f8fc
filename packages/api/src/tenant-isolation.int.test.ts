// Enumerates EVERY procedure of the router: each must have an isolation case, ids of another organization
// answer NOT_FOUND and change nothing, lists leak nothing, and each procedure kind refuses the wrong caller.
import { createTestDatabase, type TestDatabase } from '@portico/db/testing';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityCases } from './isolation-cases/activity.cases';
import { auditCases } from './isolation-cases/audit.cases';
import { authCases } from './isolation-cases/auth.cases';
import { contactsCases } from './isolation-cases/contacts.cases';
import { customFieldsCases } from './isolation-cases/custom-fields.cases';
import { customersCases } from './isolation-cases/customers.cases';
import { dispatchCases } from './isolation-cases/dispatch.cases';
import { liveCases } from './isolation-cases/live.cases';
import { notificationsCases } from './isolation-cases/notifications.cases';
import { organizationCases } from './isolation-cases/organization.cases';
import { portalAccessCases } from './isolation-cases/portal-access.cases';
import { portalCases } from './isolation-cases/portal.cases';
import { portalUsersCases } from './isolation-cases/portal-users.cases';
import { sitesCases } from './isolation-cases/sites.cases';
import { staffCases } from './isolation-cases/staff.cases';
import { tasksCases } from './isolation-cases/tasks.cases';
import { techniciansCases } from './isolation-cases/technicians.cases';
import type { IsolationCase, IsolationEnv } from './isolation-cases/types';
import { windowsCases } from './isolation-cases/windows.cases';
import { appRouter } from './root';
import { callerFor, createOrgFixture, snapshotOrganization, type OrgFixture } from './test-support';

const cases: Record<string, IsolationCase> = {
  ...authCases,
  ...organizationCases,
  ...staffCases,
  ...techniciansCases,
  ...customersCases,
  ...sitesCases,
  ...contactsCases,
  ...windowsCases,
  ...tasksCases,
  ...portalUsersCases,
  ...notificationsCases,
  ...portalAccessCases,
  ...portalCases,
  ...activityCases,
  ...dispatchCases,
  ...liveCases,
  ...customFieldsCases,
  ...auditCases,
};

const procedurePaths = Object.keys(appRouter._def.procedures).sort();

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

/** Calls a procedure by its dotted path through a caller. */
async function call(token: string | null, path: string, input: unknown): Promise<unknown> {
  let target: unknown = callerFor(t.db, token);
  for (const part of path.split('.')) target = (target as Record<string, unknown>)[part];
  return (target as (input: unknown) => Promise<unknown>)(input);
}

async function errorCode(promise: Promise<unknown>): Promise<string | 'OK'> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

/** Every id (uuid) of the foreign fixture: none may appear in an output seen by the other organization. */
function foreignIds(foreign: OrgFixture): string[] {
  const ids = new Set<string>();
  const visit = (value: unknown) => {
    if (typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-/.test(value)) ids.add(value);
    else if (value && typeof value === 'object' && !(value instanceof Date))
      Object.values(value).forEach(visit);
  };
  visit(foreign);
  return [...ids];
}

async function freshEnv(): Promise<IsolationEnv> {
  return { own: await createOrgFixture(t.db), foreign: await createOrgFixture(t.db) };
}

function tokenFor(kind: IsolationCase['kind'], own: OrgFixture): string | null {
  if (kind === 'public') return null;
  if (kind === 'customer') return own.portalUser.token;
  return own.admin.token;
}

describe('tenant isolation', () => {
  it('has a case for every procedure of the router', () => {
    const missing = procedurePaths.filter((p) => !(p in cases));
    const unknown = Object.keys(cases).filter((p) => !procedurePaths.includes(p));
    expect({ missing, unknown }).toEqual({ missing: [], unknown: [] });
  });

  for (const path of procedurePaths) {
    const c = cases[path];
    if (!c) continue;
    const foreignInput = c.foreignInput;
    const scopedInput = c.scopedInput;
    if (foreignInput) {
      it(`${path}: another organization's ids answer NOT_FOUND and change nothing`, async () => {
        const env = await freshEnv();
        const before = await snapshotOrganization(t.db, env.foreign.org.id);
        expect(await errorCode(call(tokenFor(c.kind, env.own), path, foreignInput(env)))).toBe('NOT_FOUND');
        expect(await snapshotOrganization(t.db, env.foreign.org.id)).toBe(before);
      });
    }
    if (scopedInput) {
      it(`${path}: answers only with the caller's organization and changes nothing elsewhere`, async () => {
        const env = await freshEnv();
        const before = await snapshotOrganization(t.db, env.foreign.org.id);
        const output = await call(tokenFor(c.kind, env.own), path, scopedInput(env));
        const json = JSON.stringify(output ?? null);
        const leaked = foreignIds(env.foreign).filter((id) => json.includes(id));
        expect(leaked).toEqual([]);
        expect(await snapshotOrganization(t.db, env.foreign.org.id)).toBe(before);
      });
    }
    if (!foreignInput && !scopedInput && c.kind !== 'public') {
      it(`${path}: declares how it is isolated`, () => {
        expect.fail(`${path} has neither foreignInput nor scopedInput`);
      });
    }
    if (c.kind !== 'public') {
      it(`${path}: refuses callers of the wrong kind`, async () => {
        const env = await freshEnv();
        const input = (c.validInput ?? scopedInput ?? foreignInput)?.(env);
        expect(await errorCode(call(null, path, input))).toBe('UNAUTHORIZED');
        if (c.kind === 'customer') {
          expect(await errorCode(call(env.own.dispatcher.token, path, input))).toBe('FORBIDDEN');
        } else {
          expect(await errorCode(call(env.own.portalUser.token, path, input))).toBe('FORBIDDEN');
        }
        if (c.kind === 'admin') {
          expect(await errorCode(call(env.own.dispatcher.token, path, input))).toBe('FORBIDDEN');
        }
      });
    }
  }
});
