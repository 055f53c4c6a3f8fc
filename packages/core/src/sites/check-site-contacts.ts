// Checks the contacts named on a site: in the organization, of the site's customer, not archived, distinct.
import type { CoreContext } from '../context';
import { findContact } from '../contacts/find-contact';
import { AppError } from '../errors';

const LABELS = { primaryContactId: 'primary contact', secondaryContactId: 'secondary contact' } as const;

export async function checkSiteContacts(
  ctx: CoreContext,
  customerId: string,
  contacts: { primaryContactId?: string | undefined; secondaryContactId?: string | null | undefined },
): Promise<void> {
  if (contacts.secondaryContactId && contacts.secondaryContactId === contacts.primaryContactId) {
    throw new AppError(
      'BAD_REQUEST',
      'The secondary contact must be a different person from the primary contact.',
      {
        field: 'secondaryContactId',
      },
    );
  }
  for (const field of ['primaryContactId', 'secondaryContactId'] as const) {
    const id = contacts[field];
    if (!id) continue;
    // Locked so the contact cannot be archived while this site starts pointing at it.
    const contact = await findContact(ctx, id, { field, forUpdate: true });
    if (contact.customerId !== customerId) {
      throw new AppError('BAD_REQUEST', `The ${LABELS[field]} must be one of this customer's contacts.`, {
        field,
      });
    }
    if (contact.archivedAt) {
      throw new AppError(
        'BAD_REQUEST',
        `${contact.name} is archived; choose an active contact as ${LABELS[field]}.`,
        {
          field,
        },
      );
    }
  }
}
