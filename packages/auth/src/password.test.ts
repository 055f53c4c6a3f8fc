import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyDummyPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('hashes with argon2id at m=19456, t=2, p=1 and a fresh salt every time', async () => {
    const a = await hashPassword('correct horse battery staple');
    const b = await hashPassword('correct horse battery staple');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('correct horse');
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(await verifyPassword(stored, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(stored, 'correct horse battery stapl')).toBe(false);
    expect(await verifyPassword(stored, '')).toBe(false);
  });

  it('answers false, without throwing, for a malformed stored hash', async () => {
    await expect(verifyPassword('not-a-real-hash', 'anything')).resolves.toBe(false);
    await expect(verifyPassword('', 'anything')).resolves.toBe(false);
    await expect(verifyPassword('$argon2id$v=19$m=19456,t=2,p=1$broken', 'anything')).resolves.toBe(false);
  });

  it('matches a password typed in another Unicode normal form', async () => {
    const composed = 'caf\u00e9 au lait, s\u2019il vous pla\u00eet';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    expect(await verifyPassword(await hashPassword(composed), decomposed)).toBe(true);
  });

  it('the dummy verify always answers false', async () => {
    expect(await verifyDummyPassword('whatever')).toBe(false);
  });

  it('flags hashes made with other parameters for rehashing', async () => {
    expect(needsRehash(await hashPassword('x'.repeat(12)))).toBe(false);
    // argon2id with weaker memory cost, as an older release might have stored
    expect(
      needsRehash(
        '$argon2id$v=19$m=4096,t=3,p=1$c29tZXNhbHRzb21lc2FsdA$V2VhayBoYXNoIGZvciB0ZXN0aW5nIG9ubHkuLi4uLi4',
      ),
    ).toBe(true);
    expect(needsRehash('not-a-real-hash')).toBe(true);
  });
});
