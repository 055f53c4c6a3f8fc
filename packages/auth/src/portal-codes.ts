// Owns portal one-time codes as values: their lifetimes and limits, how a code is made (CSPRNG) and hashed (bound
// to its row), issuing a code for a stored row at send time, and the masked channels a contact has on file.
import { sha256 } from '@oslojs/crypto/sha2';
import { schema, type DbOrTx } from '@portico/db';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { getRandomValues, randomInt } from 'node:crypto';

const { oneTimeCodes } = schema;

export const CODE_LIFETIME_MS = 5 * 60_000;
export const CODE_RESEND_COOLDOWN_MS = 30_000;
export const MAX_CODE_ATTEMPTS = 5;
export const CHALLENGE_LIFETIME_MS = 15 * 60_000;

/**
 * A row is stored before its code exists (the job makes the code up at send time): its code_hash is then 16
 * random bytes, which no code's 32-byte hash can ever equal, and which tells the job the code is still to be made.
 */
const PLACEHOLDER_BYTES = 16;
const CODE_HASH_BYTES = 32;

export function placeholderCodeHash(): Uint8Array {
  const bytes = new Uint8Array(PLACEHOLDER_BYTES);
  getRandomValues(bytes);
  return bytes;
}

/** Six digits from the CSPRNG, uniformly (randomInt rejects biased draws). */
export function generateCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, '0');
}

/**
 * The stored form of a code: SHA-256 over the row id and the code, so a hash copied onto another row (or a
 * precomputed table of the 10^6 codes) matches nothing.
 */
export function hashCode(codeId: string, code: string): Uint8Array {
  return sha256(new TextEncoder().encode(`${codeId}:${code}`));
}

export type IssuedCode = {
  code: string;
  codeHash: Uint8Array;
  channel: 'sms' | 'email';
  destination: string;
  expiresAt: Date;
};

/**
 * Makes up the code of a stored row and keeps only its hash. Null when there is nothing to send: the row is
 * gone, used, expired or superseded by a newer code, or an earlier run already issued it (so a duplicated job
 * never sends a second code).
 */
export async function issueCode(
  db: DbOrTx,
  input: { organizationId: string; codeId: string; now: Date },
): Promise<IssuedCode | null> {
  const code = generateCode();
  const codeHash = hashCode(input.codeId, code);
  const [row] = await db
    .update(oneTimeCodes)
    .set({ codeHash })
    .where(
      and(
        eq(oneTimeCodes.id, input.codeId),
        eq(oneTimeCodes.organizationId, input.organizationId),
        isNull(oneTimeCodes.consumedAt),
        gt(oneTimeCodes.expiresAt, input.now),
        sql`octet_length(${oneTimeCodes.codeHash}) = ${PLACEHOLDER_BYTES}`,
      ),
    )
    .returning({
      channel: oneTimeCodes.channel,
      destination: oneTimeCodes.destination,
      expiresAt: oneTimeCodes.expiresAt,
    });
  return row ? { code, codeHash, ...row } : null;
}

/**
 * A send that may not have gone out (the provider failed in a way worth retrying): the code goes back to "not
 * made yet", so the retry makes and sends a new one and the possibly lost one never works.
 */
export async function withdrawIssuedCode(
  db: DbOrTx,
  input: { organizationId: string; codeId: string; codeHash: Uint8Array },
): Promise<void> {
  await db
    .update(oneTimeCodes)
    .set({ codeHash: placeholderCodeHash() })
    .where(
      and(
        eq(oneTimeCodes.id, input.codeId),
        eq(oneTimeCodes.organizationId, input.organizationId),
        isNull(oneTimeCodes.consumedAt),
        eq(oneTimeCodes.codeHash, input.codeHash),
        sql`octet_length(${oneTimeCodes.codeHash}) = ${CODE_HASH_BYTES}`,
      ),
    );
}

/** •••• 0142: the last four digits, enough to recognise one's own number. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return `•••• ${digits.slice(-4)}`;
}

/** j•••@example.com: the first letter of the local part and the domain. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '•••';
  return `${email.slice(0, 1)}•••${email.slice(at)}`;
}

export type ChannelOnFile = { channel: 'sms' | 'email'; destination: string; masked: string };

/**
 * Where a contact can receive a code: the phone (unless the contact opted out of SMS, which the provider would
 * refuse anyway) and the email address, SMS first.
 */
export function channelsOnFile(contact: {
  phone: string | null;
  email: string | null;
  smsOptOut: boolean;
}): ChannelOnFile[] {
  const channels: ChannelOnFile[] = [];
  if (contact.phone && !contact.smsOptOut) {
    channels.push({ channel: 'sms', destination: contact.phone, masked: maskPhone(contact.phone) });
  }
  if (contact.email) {
    channels.push({ channel: 'email', destination: contact.email, masked: maskEmail(contact.email) });
  }
  return channels;
}
