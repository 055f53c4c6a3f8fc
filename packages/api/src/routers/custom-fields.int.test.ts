// The custom-field builder through the router on real PostgreSQL: each refusal names its input and changes
// nothing, edits are checked as the whole definition, reorder is all-or-nothing against stale versions, retired
// fields leave the portal (and stop holding up confirmation), and every change lands in the audit trail.
import { schema } from '@portico/db';
import { createTestDatabase, type TestDatabase } from '@portico/db/testing';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callerFor,
  createOrgFixture,
  createTestClock,
  refusalOf,
  snapshotOrganization,
  type OrgFixture,
  type TestClock,
} from '../test-support';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

type Ctx = {
  clock: TestClock;
  fx: OrgFixture;
  admin: ReturnType<typeof callerFor>;
  admin2: ReturnType<typeof callerFor>;
  dispatcher: ReturnType<typeof callerFor>;
};

async function setup(): Promise<Ctx> {
  const clock = createTestClock(new Date('2026-03-02T15:00:00Z'));
  const fx = await createOrgFixture(t.db, clock);
  return {
    clock,
    fx,
    admin: callerFor(t.db, fx.admin.token, clock),
    // a second admin's tab: same organization, its own session
    admin2: callerFor(t.db, fx.admin.token, clock),
    dispatcher: callerFor(t.db, fx.dispatcher.token, clock),
  };
}

async function auditRows(fx: OrgFixture, entityId?: string) {
  const a = schema.auditEvents;
  return t.db
    .select()
    .from(a)
    .where(
      and(
        eq(a.organizationId, fx.org.id),
        eq(a.entityType, 'custom_field'),
        entityId ? eq(a.entityId, entityId) : undefined,
      ),
    )
    .orderBy(asc(a.id));
}

describe('customFields', () => {
  it('creates each kind in page order, with the text default kept as text, and audits it', async () => {
    const { admin, dispatcher, fx } = await setup();
    const gate = await admin.customFields.create({
      kind: 'text',
      label: ' Gate code ',
      description: 'Type none if there is no gate.',
      required: true,
      defaultValue: '1234',
    });
    expect(gate).toMatchObject({ kind: 'text', label: 'Gate code', defaultValue: '1234', version: 1 });
    const parking = await admin.customFields.create({
      kind: 'dropdown',
      label: 'Where should we park?',
      options: ['Driveway', 'Street'],
      defaultValue: 'Street',
    });
    const note = await admin.customFields.create({ kind: 'static', label: 'Clear 3 feet around the unit' });
    const list = await dispatcher.customFields.list();
    expect(list.map((f) => [f.label, f.kind, f.defaultValue])).toEqual([
      ['Pets on site?', 'toggle', false],
      ['Gate code', 'text', '1234'],
      ['Where should we park?', 'dropdown', 'Street'],
      ['Clear 3 feet around the unit', 'static', null],
    ]);
    const [created] = await auditRows(fx, parking.id);
    expect(created).toMatchObject({
      actorType: 'staff',
      actorId: fx.admin.id,
      action: 'create',
      changes: {
        kind: { from: null, to: 'dropdown' },
        label: { from: null, to: 'Where should we park?' },
        options: { from: null, to: ['Driveway', 'Street'] },
        defaultValue: { from: null, to: 'Street' },
      },
    });
    expect(note.required).toBe(false);
  });

  it('refuses each bad definition naming the input, and saves nothing', async () => {
    const { admin, fx } = await setup();
    const before = await snapshotOrganization(t.db, fx.org.id);
    const cases: Array<[unknown, string, string]> = [
      [{ kind: 'dropdown', label: 'Parking', defaultValue: 'Street' }, 'options', 'at least one option'],
      [
        { kind: 'dropdown', label: 'Parking', options: ['Driveway', 'Street'], defaultValue: 'Garage' },
        'defaultValue',
        "Pick the default from the dropdown's options.",
      ],
      [
        { kind: 'dropdown', label: 'Parking', options: ['Street', 'Street'], defaultValue: 'Street' },
        'options',
        'only once',
      ],
      [{ kind: 'toggle', label: 'Adult home' }, 'defaultValue', 'A toggle needs a default'],
      [{ kind: 'static', label: 'Note', required: true }, 'required', 'cannot be required'],
      [{ kind: 'checkbox', label: 'Adult home' }, 'kind', 'Choose toggle, text, static or dropdown.'],
      [{ kind: 'text', label: 'x'.repeat(121) }, 'label', 'Keep the label under 120 characters.'],
      [{ kind: 'text', label: '   ' }, 'label', 'Give the field a label'],
    ];
    for (const [input, field, words] of cases) {
      const refusal = await refusalOf(admin.customFields.create(input as never));
      expect({ code: refusal.code, field: refusal.field }, JSON.stringify(input)).toEqual({
        code: 'BAD_REQUEST',
        field,
      });
      expect([refusal.message, ...refusal.issues].join(' ')).toContain(words);
    }
    expect(await snapshotOrganization(t.db, fx.org.id)).toBe(before);
  });

  it('updates the merged definition, keeps the kind, refuses stale versions and bad merges unchanged', async () => {
    const { admin, admin2, fx } = await setup();
    const parking = await admin.customFields.create({
      kind: 'dropdown',
      label: 'Parking',
      options: ['Driveway', 'Street'],
      defaultValue: 'Driveway',
    });
    const saved = await admin.customFields.update({
      id: parking.id,
      version: parking.version,
      label: 'Where should we park?',
      options: ['Driveway', 'Street', 'Visitor lot'],
      required: true,
      kind: 'text',
    } as never);
    expect(saved).toMatchObject({
      kind: 'dropdown',
      label: 'Where should we park?',
      options: ['Driveway', 'Street', 'Visitor lot'],
      defaultValue: 'Driveway',
      required: true,
      version: 2,
    });

    const before = await snapshotOrganization(t.db, fx.org.id);
    // dropping the option that is the default: the merged definition no longer holds
    expect(
      await refusalOf(admin.customFields.update({ id: parking.id, version: 2, options: ['Street'] })),
    ).toMatchObject({ code: 'BAD_REQUEST', field: 'defaultValue' });
    expect(
      await refusalOf(admin.customFields.update({ id: parking.id, version: 2, options: [] })),
    ).toMatchObject({ code: 'BAD_REQUEST', field: 'options' });
    expect(
      await refusalOf(
        admin.customFields.update({
          id: fx.customField.id,
          version: fx.customField.version,
          defaultValue: null,
        }),
      ),
    ).toMatchObject({ code: 'BAD_REQUEST', field: 'defaultValue' });
    // the other admin still holds version 1
    const stale = await refusalOf(admin2.customFields.update({ id: parking.id, version: 1, label: 'Mine' }));
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toContain('changed by someone else');
    expect(await snapshotOrganization(t.db, fx.org.id)).toBe(before);

    const audit = await auditRows(fx, parking.id);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(audit[1]!.changes).toEqual({
      label: { from: 'Parking', to: 'Where should we park?' },
      options: { from: ['Driveway', 'Street'], to: ['Driveway', 'Street', 'Visitor lot'] },
      required: { from: false, to: true },
    });
  });

  it('reorders all active fields at once, and refuses a stale or partial order changing nothing', async () => {
    const { admin, admin2, fx } = await setup();
    const gate = await admin.customFields.create({ kind: 'text', label: 'Gate code' });
    const note = await admin.customFields.create({ kind: 'static', label: 'Clear the area' });
    const pets = fx.customField;
    const seen = await admin2.customFields.list();

    const reordered = await admin.customFields.reorder({
      fields: [note, pets, gate].map((f) => ({ id: f.id, version: f.version })),
    });
    expect(reordered.map((f) => [f.label, f.sortOrder])).toEqual([
      ['Clear the area', 0],
      ['Pets on site?', 1],
      ['Gate code', 2],
    ]);
    // only the moved field gets a new version; the others kept their sortOrder, so an edit of them stays valid
    expect(reordered.map((f) => f.version)).toEqual([2, 1, 1]);

    const before = await snapshotOrganization(t.db, fx.org.id);
    // the other admin reorders what they saw before: stale versions
    const stale = await refusalOf(
      admin2.customFields.reorder({
        fields: [...seen].reverse().map((f) => ({ id: f.id, version: f.version })),
      }),
    );
    expect(stale).toMatchObject({ code: 'CONFLICT' });
    expect(stale.message).toBe(
      'Someone else changed the fields since you opened them. Reload to see the latest fields, then reorder them again.',
    );
    // a field left out, or one listed twice
    const current = reordered.map((f) => ({ id: f.id, version: f.version }));
    expect(await refusalOf(admin.customFields.reorder({ fields: current.slice(1) }))).toMatchObject({
      code: 'CONFLICT',
    });
    expect(
      await refusalOf(admin.customFields.reorder({ fields: [current[0]!, current[0]!, current[1]!] })),
    ).toMatchObject({ code: 'CONFLICT' });
    expect(await snapshotOrganization(t.db, fx.org.id)).toBe(before);

    const audit = await auditRows(fx, note.id);
    expect(audit.at(-1)).toMatchObject({ action: 'reorder', changes: { sortOrder: { from: 3, to: 0 } } });
  });

  it('retires a field off the portal (confirmation no longer waits for it) and restores it last', async () => {
    const { admin, fx, clock } = await setup();
    // a customer-facing appointment waiting for confirmation, with the fixture's required toggle unanswered
    await t.db
      .update(schema.organizations)
      .set({ confirmationFlow: true })
      .where(eq(schema.organizations.id, fx.org.id));
    await t.db
      .update(schema.tasks)
      .set({ confirmationState: 'pending' })
      .where(eq(schema.tasks.id, fx.scheduledTask.id));
    const gate = await admin.customFields.create({ kind: 'text', label: 'Gate code' });
    const customer = callerFor(t.db, fx.portalUser.token, clock);
    const page = await customer.portal.appointment({ taskId: fx.scheduledTask.id });
    expect(page.fields.map((f) => f.label)).toEqual(['Pets on site?', 'Gate code']);
    expect(page.confirmation).toMatchObject({ canConfirm: false });
    expect(page.confirmation.blockedReason).toContain('Pets on site?');

    clock.advance(60_000);
    const retired = await admin.customFields.retire({
      id: fx.customField.id,
      version: fx.customField.version,
    });
    expect(retired.retiredAt).toEqual(clock.now());
    const after = await customer.portal.appointment({ taskId: fx.scheduledTask.id });
    expect(after.fields.map((f) => f.label)).toEqual(['Gate code']);
    expect(after.confirmation).toMatchObject({ canConfirm: true, blockedReason: null });
    expect((await admin.customFields.list()).map((f) => f.label)).toEqual(['Gate code']);
    expect((await admin.customFields.list({ includeRetired: true })).map((f) => f.label)).toEqual([
      'Gate code',
      'Pets on site?',
    ]);

    // retiring twice, or with the version from before: refused, nothing changes
    const before = await snapshotOrganization(t.db, fx.org.id);
    expect(
      await refusalOf(admin.customFields.retire({ id: fx.customField.id, version: retired.version })),
    ).toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect(
      await refusalOf(admin.customFields.restore({ id: fx.customField.id, version: fx.customField.version })),
    ).toMatchObject({ code: 'CONFLICT' });
    expect(await snapshotOrganization(t.db, fx.org.id)).toBe(before);

    const restored = await admin.customFields.restore({ id: fx.customField.id, version: retired.version });
    expect(restored).toMatchObject({ retiredAt: null, sortOrder: gate.sortOrder + 1 });
    const back = await customer.portal.appointment({ taskId: fx.scheduledTask.id });
    expect(back.fields.map((f) => f.label)).toEqual(['Gate code', 'Pets on site?']);
    expect((await auditRows(fx, fx.customField.id)).map((a) => a.action)).toEqual(['retire', 'restore']);
  });

  it('lets dispatchers read but not change, and hides other organizations’ fields', async () => {
    const { admin, dispatcher, fx } = await setup();
    const other = await createOrgFixture(t.db);
    expect((await dispatcher.customFields.list()).map((f) => f.id)).toEqual([fx.customField.id]);
    expect(
      await refusalOf(dispatcher.customFields.create({ kind: 'text', label: 'Gate code' })),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await refusalOf(
        admin.customFields.retire({ id: other.customField.id, version: other.customField.version }),
      ),
    ).toMatchObject({ code: 'NOT_FOUND', message: 'Custom field was not found.' });
  });
});
