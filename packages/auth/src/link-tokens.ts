// Owns portal link tokens (invite and sign-in links): a CSPRNG secret handed out once, only its SHA-256 stored.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { schema, type DbOrTx } from '@portico/db';
import { getRandomValues } from 'node:crypto';

/** 20 bytes = 160 bits from the CSPRNG (ASVS asks for >= 128), 32 base32 characters: short enough for an SMS. */
const TOKEN_BYTES = 20;

/** What a link token looks like; anything else is refused before a database lookup. */
export const LINK_TOKEN_SHAPE = /^[a-z2-7]{32}$/;

export type LinkPurpose = 'invite' | 'login';

export function hashLinkToken(token: string): Uint8Array {
  return sha256(new TextEncoder().encode(token));
}

export type NewLinkToken = { id: string; token: string; expiresAt: Date };

/**
 * Mints a link token for a portal user and stores only its hash. The caller puts `token` in the link it sends
 * and must not keep it anywhere else (logs, the notification log, job payloads).
 */
export async function createLinkToken(
  db: DbOrTx,
  input: {
    organizationId: string;
    portalUserId: string;
    purpose: LinkPurpose;
    taskId?: string | null;
    now: Date;
    /** Absolute expiry; the organization's link lifetime for invites. */
    expiresAt: Date;
  },
): Promise<NewLinkToken> {
  const bytes = new Uint8Array(TOKEN_BYTES);
  getRandomValues(bytes);
  const token = encodeBase32LowerCaseNoPadding(bytes);
  const [row] = await db
    .insert(schema.linkTokens)
    .values({
      organizationId: input.organizationId,
      portalUserId: input.portalUserId,
      taskId: input.taskId ?? null,
      purpose: input.purpose,
      tokenHash: hashLinkToken(token),
      expiresAt: input.expiresAt,
      createdAt: input.now,
    })
    .returning({ id: schema.linkTokens.id });
  if (!row) throw new Error('link token not stored');
  return { id: row.id, token, expiresAt: input.expiresAt };
}
