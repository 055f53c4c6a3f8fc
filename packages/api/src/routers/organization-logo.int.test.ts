// organization.uploadLogo / removeLogo through the router on real PostgreSQL: PNG, JPEG and a clean SVG are stored
// and linked with the type detected from the bytes; anything else is refused on field 'logo' with the settings
// unchanged; a stale version is a CONFLICT; each change is audited; the portal's public read shows the logo.
import { schema } from '@portico/db';
import { createTestDatabase, type TestDatabase } from '@portico/db/testing';
import { logoMaxBytes } from '@portico/validators/organization';
import { and, eq } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createOrgFixture, createTestClock, refusalOf } from '../test-support';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

const PNG_1PX =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]);
const CLEAN_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 20"><circle cx="10" cy="10" r="8" fill="#1f6feb"/></svg>';
const b64 = (data: string | Uint8Array) => Buffer.from(data).toString('base64');

async function setup() {
  const clock = createTestClock();
  const fx = await createOrgFixture(t.db, clock);
  return {
    clock,
    fx,
    admin: callerFor(t.db, fx.admin.token, clock),
    anonymous: callerFor(t.db, null, clock),
  };
}

async function storedFile(id: string) {
  const [row] = await t.db.select().from(schema.storedFiles).where(eq(schema.storedFiles.id, id));
  return row;
}

async function filesOf(organizationId: string) {
  return t.db
    .select({ id: schema.storedFiles.id })
    .from(schema.storedFiles)
    .where(eq(schema.storedFiles.organizationId, organizationId));
}

async function logoAudits(organizationId: string) {
  return t.db
    .select()
    .from(schema.auditEvents)
    .where(
      and(
        eq(schema.auditEvents.organizationId, organizationId),
        eq(schema.auditEvents.entityType, 'organization'),
      ),
    )
    .orderBy(schema.auditEvents.id);
}

describe('organization.uploadLogo', () => {
  it.each([
    ['PNG', b64(Buffer.from(PNG_1PX, 'base64')), 'image/png'],
    ['JPEG', b64(JPEG), 'image/jpeg'],
    ['clean SVG', b64(CLEAN_SVG), 'image/svg+xml'],
  ])('stores a %s with the type from its bytes, links it and audits the change', async (_n, data, type) => {
    const { fx, admin } = await setup();
    const before = await admin.organization.get();
    // the name claims a GIF: the bytes decide
    const after = await admin.organization.uploadLogo({
      version: before.version,
      fileName: 'brand.gif',
      dataBase64: data,
    });
    expect(after.version).toBe(before.version + 1);
    expect(after.logoFileId).toMatch(/^[0-9a-f-]{36}$/);
    expect(after.logoUrl).toBe(`/files/${after.logoFileId}`);
    expect(await admin.organization.get()).toMatchObject({
      logoFileId: after.logoFileId,
      version: after.version,
    });

    const bytes = Buffer.from(data, 'base64');
    const file = await storedFile(after.logoFileId!);
    expect(file).toMatchObject({
      organizationId: fx.org.id,
      purpose: 'logo',
      contentType: type,
      byteSize: bytes.length,
      originalName: 'brand.gif',
      createdByStaffUserId: fx.admin.id,
    });
    expect(Buffer.from(file!.data).equals(bytes)).toBe(true);
    expect(Buffer.from(file!.sha256).toString('hex')).toBe(createHash('sha256').update(bytes).digest('hex'));

    const audits = await logoAudits(fx.org.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      action: 'upload_logo',
      actorType: 'staff',
      actorId: fx.admin.id,
      entityId: fx.org.id,
      changes: { logoFileId: { from: null, to: after.logoFileId } },
    });
  });

  it('shows the logo to the portal before sign-in', async () => {
    const { fx, admin, anonymous } = await setup();
    expect((await anonymous.portalAccess.organization({ orgSlug: fx.org.slug })).logoUrl).toBeNull();
    const after = await admin.organization.uploadLogo({
      version: fx.org.version,
      fileName: 'logo.png',
      dataBase64: PNG_1PX,
    });
    const portal = await anonymous.portalAccess.organization({ orgSlug: fx.org.slug });
    expect(portal.logoUrl).toBe(`/files/${after.logoFileId}`);
  });

  const over = Buffer.alloc(logoMaxBytes + 1);
  Buffer.from(PNG_1PX, 'base64').copy(over);
  it.each([
    ['a GIF', b64('GIF89a\x01\x00\x01\x00\x80\x00\x00'), 'GIF'],
    ['a PNG larger than 512 KB', b64(over), 'larger than 512 KB'],
    ['an SVG with a script', b64(CLEAN_SVG.replace('</svg>', '<script>alert(1)</script></svg>')), 'script'],
    ['an SVG with onload', b64(CLEAN_SVG.replace('<svg ', '<svg onload="alert(1)" ')), 'event handler'],
    [
      'an SVG with an external href',
      b64(CLEAN_SVG.replace('</svg>', '<image href="https://evil.example/track.png"/></svg>')),
      'external',
    ],
    ['an HTML page', b64('<!doctype html><html><body>hi</body></html>'), 'HTML'],
    ['bad base64', 'this is not base64!', 'base64'],
  ])('refuses %s on field logo and changes nothing', async (_n, data, reason) => {
    const { fx, admin } = await setup();
    const first = await admin.organization.uploadLogo({
      version: fx.org.version,
      fileName: 'logo.png',
      dataBase64: PNG_1PX,
    });
    const refusal = await refusalOf(
      admin.organization.uploadLogo({ version: first.version, fileName: 'evil.png', dataBase64: data }),
    );
    expect(refusal).toMatchObject({ code: 'BAD_REQUEST', field: 'logo' });
    expect(refusal.message).toContain(reason);
    expect(refusal.message).toMatch(/PNG|JPEG|SVG|smaller/);
    const now = await admin.organization.get();
    expect(now).toMatchObject({ version: first.version, logoFileId: first.logoFileId });
    expect(await filesOf(fx.org.id)).toHaveLength(1);
    expect(await logoAudits(fx.org.id)).toHaveLength(1);
  });

  it('refuses a stale version with CONFLICT and stores nothing', async () => {
    const { fx, admin } = await setup();
    await admin.organization.update({ version: fx.org.version, name: 'Renamed by another admin' });
    const refusal = await refusalOf(
      admin.organization.uploadLogo({ version: fx.org.version, fileName: 'logo.png', dataBase64: PNG_1PX }),
    );
    expect(refusal.code).toBe('CONFLICT');
    expect(refusal.message).toContain('Reload');
    expect(await filesOf(fx.org.id)).toHaveLength(0);
    expect((await admin.organization.get()).logoFileId).toBeNull();
  });

  it('is refused to a dispatcher', async () => {
    const { fx, clock } = await setup();
    const dispatcher = callerFor(t.db, fx.dispatcher.token, clock);
    const refusal = await refusalOf(
      dispatcher.organization.uploadLogo({ version: fx.org.version, fileName: 'x.png', dataBase64: PNG_1PX }),
    );
    expect(refusal.code).toBe('FORBIDDEN');
  });
});

describe('organization.removeLogo', () => {
  it('unlinks the logo, bumps the version and audits it; the stored file stays for cached URLs', async () => {
    const { fx, admin, anonymous } = await setup();
    const withLogo = await admin.organization.uploadLogo({
      version: fx.org.version,
      fileName: 'logo.png',
      dataBase64: PNG_1PX,
    });
    const removed = await admin.organization.removeLogo({ version: withLogo.version });
    expect(removed).toMatchObject({ logoFileId: null, logoUrl: null, version: withLogo.version + 1 });
    expect((await anonymous.portalAccess.organization({ orgSlug: fx.org.slug })).logoUrl).toBeNull();
    expect(await storedFile(withLogo.logoFileId!)).toBeDefined();
    const audits = await logoAudits(fx.org.id);
    expect(audits.map((a) => a.action)).toEqual(['upload_logo', 'remove_logo']);
    expect(audits[1]!.changes).toEqual({ logoFileId: { from: withLogo.logoFileId, to: null } });

    // nothing left to remove: nothing changes
    const again = await admin.organization.removeLogo({ version: removed.version });
    expect(again.version).toBe(removed.version);
    expect(await logoAudits(fx.org.id)).toHaveLength(2);
  });

  it('refuses a stale version with CONFLICT and keeps the logo', async () => {
    const { fx, admin } = await setup();
    const withLogo = await admin.organization.uploadLogo({
      version: fx.org.version,
      fileName: 'logo.png',
      dataBase64: PNG_1PX,
    });
    const refusal = await refusalOf(admin.organization.removeLogo({ version: fx.org.version }));
    expect(refusal.code).toBe('CONFLICT');
    expect(await admin.organization.get()).toMatchObject({
      logoFileId: withLogo.logoFileId,
      version: withLogo.version,
    });
  });
});
