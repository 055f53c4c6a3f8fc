// Lists portal users (optionally of one customer or in one status) with their contact and last sign-in.
import type { PortalUser, PortalUserListInput } from '@portico/validators/portal-users';
import type { CoreContext } from '../context';
import { findCustomer } from '../customers/find-customer';
import { and, eq, schema } from '../internal/db';
import { readPortalUsers } from './read-portal-users';

export async function listPortalUsers(ctx: CoreContext, input: PortalUserListInput): Promise<PortalUser[]> {
  const { portalUsers } = schema;
  const customer = input.customerId ? await findCustomer(ctx, input.customerId) : null;
  return readPortalUsers(
    ctx,
    and(
      customer ? eq(portalUsers.customerId, customer.id) : undefined,
      input.status ? eq(portalUsers.status, input.status) : undefined,
    ),
  );
}
