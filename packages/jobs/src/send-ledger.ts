// Owns the send ledger (notification_sends): one row per idempotency key, claimed before the provider call and
// marked after it, so any number of runs of a delivery (retries, expiry, a crashed worker's job run again,
// duplicate jobs) send at most once while a claim is live. Claim times are the database's, so processes with
// different clocks agree on when a claim has run out.
import { schema, type Db } from '@portico/db';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { createBatcher, perInstance } from './batcher';

const { notificationSends: sends, notificationLog: log } = schema;

export type Claim =
  | { kind: 'claimed'; token: string }
  /** The provider already accepted this notification. */
  | { kind: 'sent'; providerMessageId: string | null }
  /** The log entry is no longer queued (another run failed or skipped it): nothing to send. */
  | { kind: 'settled' }
  /** Another run holds a live claim (it is sending right now). */
  | { kind: 'held'; expiresAt: Date | null };

type ClaimInput = {
  idempotencyKey: string;
  organizationId: string;
  logId: string;
  token: string;
  claimSeconds: number;
};

/** The claims of one fetched batch in one statement (then one look at the rows it could not claim). */
const claimer = perInstance((db: Db) =>
  createBatcher(async (inputs: ClaimInput[]): Promise<Claim[]> => {
    // Two runs of one delivery in one batch: the first claims, the other finds the claim held (and a statement
    // may not touch one row twice anyway).
    const seen = new Set<string>();
    const unique = inputs.filter((i) => !seen.has(i.idempotencyKey) && seen.add(i.idempotencyKey));
    const seconds = Math.max(...unique.map((i) => i.claimSeconds));
    const payload = JSON.stringify(
      unique.map((i) => ({ key: i.idempotencyKey, org: i.organizationId, log: i.logId, token: i.token })),
    );
    const claimed = await db.execute<{ key: string; token: string }>(sql`
      insert into ${sends} (idempotency_key, organization_id, log_id, claim_token, claimed_at, claim_expires_at,
        attempts)
      select i.key, i.org, i.log, i.token, now(), now() + ${seconds} * interval '1 second', 1
      from jsonb_to_recordset(${payload}::jsonb) as i(key text, org uuid, log uuid, token text)
      -- only a log entry still waiting to be sent can be claimed (a run that settled it released its claim after)
      join ${log} on ${log.id} = i.log and ${log.status} = 'queued'
      on conflict (idempotency_key) do update
      set claim_token = excluded.claim_token, claimed_at = now(), claim_expires_at = excluded.claim_expires_at,
        attempts = ${sends.attempts} + 1
      -- take over only an unsent row whose claim was released or has run out
      where ${sends.sentAt} is null and (${sends.claimToken} is null or ${sends.claimExpiresAt} < now())
      returning idempotency_key as key, claim_token as token`);
    const won = new Map([...claimed].map((row) => [row.key, row.token]));
    const lost = unique.filter((i) => !won.has(i.idempotencyKey)).map((i) => i.logId);
    const state = new Map<
      string,
      { status: string; sentAt: Date | null; providerMessageId: string | null; claimExpiresAt: Date | null }
    >();
    if (lost.length > 0) {
      const rows = await db
        .select({
          logId: log.id,
          status: log.status,
          sentAt: sends.sentAt,
          providerMessageId: sends.providerMessageId,
          claimExpiresAt: sends.claimExpiresAt,
        })
        .from(log)
        .leftJoin(sends, eq(sends.idempotencyKey, log.idempotencyKey))
        .where(inArray(log.id, lost));
      for (const row of rows) state.set(row.logId, row);
    }
    return inputs.map((input): Claim => {
      const winner = won.get(input.idempotencyKey);
      if (winner === input.token) return { kind: 'claimed', token: input.token };
      // a second run of the same delivery in this batch: the first holds the claim now
      if (winner !== undefined) return { kind: 'held', expiresAt: null };
      const row = state.get(input.logId);
      if (row?.sentAt) return { kind: 'sent', providerMessageId: row.providerMessageId };
      if (!row || row.status !== 'queued') return { kind: 'settled' };
      return { kind: 'held', expiresAt: row.claimExpiresAt };
    });
  }),
);

export function claimSend(
  db: Db,
  entry: { idempotencyKey: string; organizationId: string; logId: string },
  claimSeconds: number,
): Promise<Claim> {
  return claimer(db)({ ...entry, token: randomUUID(), claimSeconds });
}

export type SentMark = {
  logId: string;
  idempotencyKey: string;
  providerMessageId: string;
  segments: number | null;
  subject: string | null;
  body: string;
  sentAt: Date;
};

/** Marks ledger and log sent for the sends of one turn, in one statement (so ledger and log agree). */
const marker = perInstance((db: Db) =>
  createBatcher(async (inputs: SentMark[]): Promise<void[]> => {
    const payload = JSON.stringify(
      inputs.map((i) => ({
        id: i.logId,
        key: i.idempotencyKey,
        pmid: i.providerMessageId,
        segments: i.segments,
        subject: i.subject,
        body: i.body,
        sent_at: i.sentAt.toISOString(),
      })),
    );
    await db.execute(sql`
      with input as (
        select * from jsonb_to_recordset(${payload}::jsonb)
          as i(id uuid, key text, pmid text, segments int, subject text, body text, sent_at timestamptz)
      ),
      ledger as (
        update ${sends} s
        set sent_at = now(), provider_message_id = i.pmid, claim_token = null, claim_expires_at = null
        from input i
        where s.idempotency_key = i.key and s.sent_at is null
      )
      update ${log} l
      set status = 'sent', provider_message_id = i.pmid, segments = i.segments, subject = i.subject,
        body = i.body, error = null, attempts = l.attempts + 1, sent_at = i.sent_at, updated_at = i.sent_at
      from input i
      where l.id = i.id`);
    return inputs.map(() => undefined);
  }),
);

export function markSent(db: Db, mark: SentMark): Promise<void> {
  return marker(db)(mark);
}

/** Keeps a claim alive while its run works (a rate limiter's queue can be long); false when it was lost. */
export async function renewClaim(db: Db, key: string, token: string, claimSeconds: number): Promise<boolean> {
  const rows = await db
    .update(sends)
    .set({ claimExpiresAt: sql`now() + ${claimSeconds} * interval '1 second'` })
    .where(and(eq(sends.idempotencyKey, key), eq(sends.claimToken, token), isNull(sends.sentAt)))
    .returning({ key: sends.idempotencyKey });
  return rows.length > 0;
}

/** Lets the next run claim at once (after a failure that did not send). Only the holder may release. */
export async function releaseClaim(db: Db, key: string, token: string): Promise<void> {
  await db
    .update(sends)
    .set({ claimToken: null, claimExpiresAt: null })
    .where(and(eq(sends.idempotencyKey, key), eq(sends.claimToken, token), isNull(sends.sentAt)));
}
