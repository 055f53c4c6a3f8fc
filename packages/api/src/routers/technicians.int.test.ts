// Technicians through the router on real PostgreSQL: create, list, edit, deactivate and activate.
import { AppError } from '@portico/core';
import { schema } from '@portico/db';
import { createTestDatabase, type TestDatabase } from '@portico/db/testing';
import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { callerFor, createOrgFixture, createTestClock } from '../test-support';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

async function failure(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string; field: string | undefined }> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const cause = error.cause;
    const field =
      cause instanceof ZodError
        ? cause.issues[0]?.path.join('.')
        : cause instanceof AppError
          ? cause.field
          : undefined;
    return {
      code: error.code,
      message: cause instanceof ZodError ? (cause.issues[0]?.message ?? '') : error.message,
      field,
    };
  }
  throw new Error('expected the call to be refused');
}

async function setup() {
  const clock = createTestClock();
  const fx = await createOrgFixture(t.db, clock);
  return { clock, fx, api: callerFor(t.db, fx.dispatcher.token, clock) };
}

const technicianRow = async (id: string) =>
  (await t.db.select().from(schema.technicians).where(eq(schema.technicians.id, id)))[0];

describe('technicians', () => {
  it('creates a technician with an E.164 phone and a lower-cased color; names need not be unique', async () => {
    const { api } = await setup();
    const created = await api.technicians.create({
      name: 'Tess Tech',
      phone: '512 555 0177',
      color: '#1F6FEB',
    });
    expect(created).toMatchObject({
      name: 'Tess Tech',
      phone: '+15125550177',
      color: '#1f6feb',
      active: true,
      version: 1,
    });
    const names = (await api.technicians.list({})).map((x) => x.name);
    expect(names).toEqual(['Tess Tech', 'Tess Tech']);
    const audit = await t.db
      .select()
      .from(schema.auditEvents)
      .where(
        and(eq(schema.auditEvents.entityType, 'technician'), eq(schema.auditEvents.entityId, created.id)),
      );
    expect(audit.map((a) => a.action)).toEqual(['create']);
  });

  it('refuses a bad phone, a bad color, a 10k-character name and a malformed id', async () => {
    const { api } = await setup();
    expect(await failure(api.technicians.create({ name: 'X', phone: '000' }))).toEqual({
      code: 'BAD_REQUEST',
      field: 'phone',
      message: 'Enter a valid phone number, e.g. +1 512 555 0142.',
    });
    expect(await failure(api.technicians.create({ name: 'X', color: 'blue' }))).toEqual({
      code: 'BAD_REQUEST',
      field: 'color',
      message: 'Use a color like #1f6feb.',
    });
    expect(await failure(api.technicians.create({ name: 'x'.repeat(10_000) }))).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'name',
    });
    expect(await failure(api.technicians.update({ id: 'nope', version: 1, name: 'Y' }))).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'id',
    });
  });

  it('updates under optimistic locking; a stale version is a CONFLICT and changes nothing', async () => {
    const { api, fx } = await setup();
    const updated = await api.technicians.update({
      id: fx.technician.id,
      version: 1,
      email: 'TESS@Example.test',
      color: null,
    });
    expect(updated).toMatchObject({ email: 'tess@example.test', phone: '+15125550100', version: 2 });
    const before = await technicianRow(fx.technician.id);
    expect(
      (await failure(api.technicians.update({ id: fx.technician.id, version: 1, name: 'Lost' }))).code,
    ).toBe('CONFLICT');
    expect(await technicianRow(fx.technician.id)).toEqual(before);
  });

  it('deactivates (hidden from the default list) and activates again', async () => {
    const { api, fx } = await setup();
    const off = await api.technicians.deactivate({ id: fx.technician.id, version: 1 });
    expect(off).toMatchObject({ active: false, version: 2 });
    expect(await api.technicians.list({})).toEqual([]);
    expect((await api.technicians.list({ includeInactive: true })).map((x) => x.id)).toEqual([
      fx.technician.id,
    ]);
    expect(await failure(api.technicians.deactivate({ id: fx.technician.id, version: 2 }))).toMatchObject({
      code: 'CONFLICT',
      message: 'Tess Tech is already inactive.',
    });
    expect((await failure(api.technicians.activate({ id: fx.technician.id, version: 1 }))).code).toBe(
      'CONFLICT',
    );
    const on = await api.technicians.activate({ id: fx.technician.id, version: 2 });
    expect(on).toMatchObject({ active: true, version: 3 });
    const audit = await t.db
      .select()
      .from(schema.auditEvents)
      .where(
        and(
          eq(schema.auditEvents.entityType, 'technician'),
          eq(schema.auditEvents.entityId, fx.technician.id),
        ),
      );
    expect(audit.map((a) => a.action)).toEqual(['deactivate', 'activate']);
  });

  it('answers NOT_FOUND to an unknown id', async () => {
    const { api } = await setup();
    expect(
      await failure(api.technicians.deactivate({ id: '00000000-0000-4000-8000-000000000000', version: 1 })),
    ).toMatchObject({ code: 'NOT_FOUND', message: 'Technician was not found.' });
  });
});
