// "Add to calendar" over HTTP on real PostgreSQL: the portal session cookie opens it, the same scope as the
// portal's procedures applies, and a reschedule keeps the UID while raising the SEQUENCE.
import {
  callerFor,
  createOrgFixture,
  createTestClock,
  type OrgFixture,
  type TestClock,
} from '@portico/api/test-support';
import { schema } from '@portico/db';
import { createTestDatabase, type TestDatabase } from '@portico/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './app';
import { sessionCookieName } from './session-cookie';

const publicOrigin = 'https://portal.example.com';

let t: TestDatabase;
let clock: TestClock;
let app: FastifyInstance;
let fx: OrgFixture;
let foreign: OrgFixture;

beforeAll(async () => {
  t = await createTestDatabase();
  clock = createTestClock(new Date('2026-03-02T15:00:00Z'));
  fx = await createOrgFixture(t.db, clock);
  foreign = await createOrgFixture(t.db, clock);
  app = await buildServer({ db: t.db, jobs: null, clock, publicOrigin, portalDist: null });
});
afterAll(async () => {
  await app?.close();
  await t.close();
});

function download(taskId: string, token: string | null = fx.portalUser.token, file = `${taskId}.ics`) {
  return app.inject({
    method: 'GET',
    url: `/calendar/${file}`,
    headers: token ? { cookie: `${sessionCookieName(publicOrigin)}=${token}` } : {},
  });
}

/** Content lines with folding undone. */
function linesOf(body: string): string[] {
  return body.replace(/\r\n /g, '').split('\r\n');
}

describe('GET /calendar/<taskId>.ics', () => {
  it('answers the appointment as an attachment in the site time zone, never cached', async () => {
    const res = await download(fx.scheduledTask.id);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="appointment-T-2.ics"');
    expect(res.headers['cache-control']).toBe('no-store');
    const lines = linesOf(res.body);
    expect(lines).toEqual(
      expect.arrayContaining([
        'BEGIN:VCALENDAR',
        `UID:task-${fx.scheduledTask.id}@portal.example.com`,
        'SEQUENCE:1',
        'DTSTART;TZID=America/Chicago:20260310T080000',
        'DTEND;TZID=America/Chicago:20260310T120000',
        'TZID:America/Chicago',
        `SUMMARY:AC repair – ${fx.org.name}`,
        'LOCATION:100 Congress Ave\\, Austin\\, TX 78701',
        `URL:${publicOrigin}/p/${fx.org.slug}/tasks/${fx.scheduledTask.id}`,
        'STATUS:CONFIRMED',
      ]),
    );
    expect(lines.find((l) => l.startsWith('DESCRIPTION:'))).toContain('Technician: Tess Tech.');
  });

  it('keeps the UID across a reschedule and raises the SEQUENCE', async () => {
    const before = linesOf((await download(fx.scheduledTask.id)).body);
    const pat = callerFor(t.db, fx.portalUser.token, clock);
    const moved = await pat.portal.book({
      taskId: fx.scheduledTask.id,
      version: 1,
      date: '2026-03-12',
      windowId: fx.afternoon.id,
    });
    expect(moved.appointmentVersion).toBe(2);
    const after = linesOf((await download(fx.scheduledTask.id)).body);
    const value = (lines: string[], name: string) => lines.find((l) => l.startsWith(`${name}:`));
    expect(value(after, 'UID')).toBe(value(before, 'UID'));
    expect(value(before, 'SEQUENCE')).toBe('SEQUENCE:1');
    expect(value(after, 'SEQUENCE')).toBe('SEQUENCE:2');
    expect(after).toContain('DTSTART;TZID=America/Chicago:20260312T120000');
  });

  it('answers 404 for another organization, another customer, or no such task; 401 without a portal session', async () => {
    for (const res of [
      await download(foreign.scheduledTask.id),
      await download('00000000-0000-4000-8000-000000000000'),
      await download(fx.scheduledTask.id, fx.portalUser.token, 'not-a-task.ics'),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    }
    expect((await download(foreign.scheduledTask.id)).body).toBe('Appointment was not found.');

    const rival = (
      await t.db
        .insert(schema.customers)
        .values({ organizationId: fx.org.id, name: 'Rival', kind: 'person' })
        .returning()
    )[0]!;
    const rivalSite = (
      await t.db
        .insert(schema.sites)
        .values({
          organizationId: fx.org.id,
          customerId: rival.id,
          addressLine1: '1 Other St',
          city: 'Austin',
          timeZone: 'America/Chicago',
        })
        .returning()
    )[0]!;
    const rivalTask = (
      await t.db
        .insert(schema.tasks)
        .values({
          organizationId: fx.org.id,
          number: 50,
          customerId: rival.id,
          siteId: rivalSite.id,
          serviceType: 'Other',
          status: 'scheduled',
          schedulingMode: 'prebooked',
          appointmentDate: '2026-03-10',
          windowId: fx.morning.id,
          appointmentStart: new Date('2026-03-10T13:00:00Z'),
          appointmentEnd: new Date('2026-03-10T17:00:00Z'),
          appointmentVersion: 1,
        })
        .returning()
    )[0]!;
    expect((await download(rivalTask.id)).statusCode).toBe(404);

    expect((await download(fx.scheduledTask.id, null)).statusCode).toBe(401);
    // a staff session is not a portal sign-in
    expect((await download(fx.scheduledTask.id, fx.dispatcher.token)).statusCode).toBe(401);
    expect((await download(fx.scheduledTask.id, 'garbage')).statusCode).toBe(401);
  });

  it('answers 409 with a reason for an appointment that has no time yet', async () => {
    const res = await download(fx.unscheduledTask.id);
    expect(res.statusCode).toBe(409);
    expect(res.body).toBe('This appointment has no time yet. Pick a time first.');
  });
});
