// The explicit context every core function takes: database, clock, organization and actor.
import type { DbOrTx } from '@portico/db';

export type Clock = { now: () => Date };
export const systemClock: Clock = { now: () => new Date() };

export type Actor =
  | { type: 'staff'; id: string; role: 'admin' | 'dispatcher' }
  | { type: 'portal'; id: string; role: 'contact' | 'account_admin'; customerId: string; contactId: string }
  | { type: 'system'; id: null };

export type CoreContext = {
  db: DbOrTx;
  clock: Clock;
  organizationId: string;
  actor: Actor;
};
