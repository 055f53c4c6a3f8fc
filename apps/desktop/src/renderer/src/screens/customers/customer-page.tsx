// One customer: its details, contacts (with portal access) and sites, each listed, added, edited and archived.
import { describeClientError, useTRPC } from '@portico/api-client';
import type { Contact } from '@portico/validators/contacts';
import type { CustomerDetail } from '@portico/validators/customers';
import type { PortalUser } from '@portico/validators/portal-users';
import type { Site } from '@portico/validators/sites';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useRouteContext } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import { ContactForm, valuesOfContact, type ContactValues } from './contact-form';
import { CustomerForm, valuesOfCustomer, type CustomerValues } from './customer-form';
import { PortalUserPanel } from './portal-user-panel';
import { SiteForm, valuesOfSite, type SiteValues } from './site-form';
import './customers.css';

type Panel =
  | { kind: 'none' }
  | { kind: 'customer-edit' }
  | { kind: 'contact-new' }
  | { kind: 'contact'; id: string; isEditing: boolean }
  | { kind: 'site-new' }
  | { kind: 'site'; id: string };

const channelLabels = { sms: 'SMS', email: 'Email' } as const;
const statusLabels = { invited: 'Invited', active: 'Active', disabled: 'Disabled' } as const;

export function CustomerPage({ customerId }: { customerId: string }) {
  const trpc = useTRPC();
  const { me } = useRouteContext({ from: '__root__' });
  const customer = useQuery(trpc.customers.get.queryOptions({ id: customerId }));
  const portalUsers = useQuery(trpc.portalUsers.list.queryOptions({ customerId }));
  const [panel, setPanel] = useState<Panel>({ kind: 'none' });

  if (customer.isPending) {
    return <p className="cu-empty">Loading customer…</p>;
  }
  if (customer.isError) {
    return (
      <section className="cu-screen">
        <Link to="/customers" className="cu-back">
          ← Customers
        </Link>
        <p className="banner banner-error" role="alert">
          {describeClientError(customer.error).message}
        </p>
      </section>
    );
  }
  const detail = customer.data;
  const portalByContact = new Map((portalUsers.data ?? []).map((user) => [user.contactId, user]));
  return (
    <section className="cu-screen" aria-labelledby="customer-title">
      <Link to="/customers" className="cu-back">
        ← Customers
      </Link>
      <CustomerHeader detail={detail} onEdit={() => setPanel({ kind: 'customer-edit' })} />
      <div className="cu-columns">
        <div className="cu-main">
          <ContactsTable
            contacts={detail.contacts}
            portalByContact={portalByContact}
            selectedId={panel.kind === 'contact' ? panel.id : null}
            onSelect={(id) => setPanel({ kind: 'contact', id, isEditing: false })}
            onNew={() => setPanel({ kind: 'contact-new' })}
            isArchived={detail.archivedAt !== null}
          />
          <SitesTable
            sites={detail.sites}
            contacts={detail.contacts}
            selectedId={panel.kind === 'site' ? panel.id : null}
            onSelect={(id) => setPanel({ kind: 'site', id })}
            onNew={() => setPanel({ kind: 'site-new' })}
            isArchived={detail.archivedAt !== null}
          />
        </div>
        <aside className="cu-aside" aria-label="Details">
          <SidePanel
            key={
              panel.kind + ('id' in panel ? panel.id : '') + (panel.kind === 'contact' ? panel.isEditing : '')
            }
            panel={panel}
            setPanel={setPanel}
            detail={detail}
            portalByContact={portalByContact}
            orgTimeZone={me.organization.timeZone}
          />
        </aside>
      </div>
    </section>
  );
}

/** Invalidates everything the customers area shows, after any write here. */
function useRefreshCustomer() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.customers.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.sites.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.contacts.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.portalUsers.pathKey() }),
    ]);
}

function CustomerHeader({ detail, onEdit }: { detail: CustomerDetail; onEdit: () => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshCustomer();
  const archive = useMutation(trpc.customers.archive.mutationOptions());
  const restore = useMutation(trpc.customers.restore.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const isBusy = useRef(false);
  const isArchived = detail.archivedAt !== null;

  async function toggleArchived() {
    if (isBusy.current) return;
    isBusy.current = true;
    setError(null);
    try {
      const input = { id: detail.id, version: detail.version };
      await (isArchived ? restore.mutateAsync(input) : archive.mutateAsync(input));
      await refresh();
    } catch (caught) {
      setError(describeClientError(caught).message);
    } finally {
      isBusy.current = false;
    }
  }

  return (
    <header className="cu-customer-head">
      <div>
        <h1 id="customer-title">
          {detail.name}{' '}
          <span className="cu-badge cu-badge-kind">{detail.kind === 'company' ? 'Company' : 'Person'}</span>
          {isArchived ? <span className="cu-badge">Archived</span> : null}
        </h1>
        <p className="muted cu-facts-line">
          <span>{detail.email ?? 'No email'}</span>
          <span>{detail.phone ?? 'No phone'}</span>
          {detail.notes ? <span className="cu-notes">{detail.notes}</span> : null}
        </p>
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <div className="cu-actions">
        <button type="button" className="button button-secondary" onClick={onEdit}>
          Edit customer
        </button>
        <button
          type="button"
          className="button button-secondary"
          disabled={archive.isPending || restore.isPending}
          onClick={() => void toggleArchived()}
        >
          {isArchived
            ? restore.isPending
              ? 'Restoring…'
              : 'Restore'
            : archive.isPending
              ? 'Archiving…'
              : 'Archive'}
        </button>
      </div>
    </header>
  );
}

function ContactsTable({
  contacts,
  portalByContact,
  selectedId,
  onSelect,
  onNew,
  isArchived,
}: {
  contacts: Contact[];
  portalByContact: Map<string, PortalUser>;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onNew: () => void;
  isArchived: boolean;
}) {
  return (
    <section className="cu-card" aria-labelledby="contacts-title">
      <div className="cu-section-head">
        <h2 id="contacts-title">Contacts</h2>
        <button type="button" className="button button-secondary" onClick={onNew} disabled={isArchived}>
          Add contact
        </button>
      </div>
      {contacts.length === 0 ? (
        <p className="cu-empty">No contacts yet. Add the person Portico should text or email.</p>
      ) : (
        <table className="cu-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Phone</th>
              <th>Email</th>
              <th>Prefers</th>
              <th>Portal</th>
            </tr>
          </thead>
          <tbody>
            {contacts.map((contact) => {
              const portalUser = portalByContact.get(contact.id);
              return (
                <tr
                  key={contact.id}
                  aria-selected={contact.id === selectedId}
                  className={contact.archivedAt ? 'cu-archived' : undefined}
                >
                  <td>
                    <button type="button" className="cu-link" onClick={() => onSelect(contact.id)}>
                      {contact.name}
                    </button>
                    {contact.archivedAt ? <span className="cu-badge">Archived</span> : null}
                  </td>
                  <td>{contact.phone ?? '—'}</td>
                  <td>{contact.email ?? '—'}</td>
                  <td>
                    {channelLabels[contact.preferredChannel]}
                    {contact.smsOptOut ? <span className="cu-badge">SMS opt-out</span> : null}
                  </td>
                  <td>
                    {portalUser ? (
                      <span className={`cu-status cu-status-${portalUser.status}`}>
                        {statusLabels[portalUser.status]}
                      </span>
                    ) : (
                      <span className="muted">None</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function SitesTable({
  sites,
  contacts,
  selectedId,
  onSelect,
  onNew,
  isArchived,
}: {
  sites: Site[];
  contacts: Contact[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  onNew: () => void;
  isArchived: boolean;
}) {
  const nameOf = (id: string | null) => (id ? (contacts.find((c) => c.id === id)?.name ?? '—') : '—');
  return (
    <section className="cu-card" aria-labelledby="sites-title">
      <div className="cu-section-head">
        <h2 id="sites-title">Sites</h2>
        <button
          type="button"
          className="button button-secondary"
          onClick={onNew}
          disabled={isArchived || contacts.every((c) => c.archivedAt !== null)}
          title={
            contacts.length === 0 ? 'Add a contact first: every site needs a primary contact.' : undefined
          }
        >
          Add site
        </button>
      </div>
      {sites.length === 0 ? (
        <p className="cu-empty">
          No sites yet.
          {contacts.length === 0 ? ' Add a contact first: every site needs a primary contact.' : ''}
        </p>
      ) : (
        <table className="cu-table">
          <thead>
            <tr>
              <th>Address</th>
              <th>Time zone</th>
              <th>Primary contact</th>
              <th>Secondary contact</th>
            </tr>
          </thead>
          <tbody>
            {sites.map((site) => (
              <tr
                key={site.id}
                aria-selected={site.id === selectedId}
                className={site.archivedAt ? 'cu-archived' : undefined}
              >
                <td>
                  <button type="button" className="cu-link" onClick={() => onSelect(site.id)}>
                    {site.name ? `${site.name} · ` : ''}
                    {site.addressLine1}, {site.city}
                  </button>
                  {site.archivedAt ? <span className="cu-badge">Archived</span> : null}
                </td>
                <td>{site.timeZone}</td>
                <td>{nameOf(site.primaryContactId)}</td>
                <td>{nameOf(site.secondaryContactId)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function SidePanel({
  panel,
  setPanel,
  detail,
  portalByContact,
  orgTimeZone,
}: {
  panel: Panel;
  setPanel: (panel: Panel) => void;
  detail: CustomerDetail;
  portalByContact: Map<string, PortalUser>;
  orgTimeZone: string;
}) {
  const trpc = useTRPC();
  const refresh = useRefreshCustomer();
  const updateCustomer = useMutation(trpc.customers.update.mutationOptions());
  const createContact = useMutation(trpc.contacts.create.mutationOptions());
  const updateContact = useMutation(trpc.contacts.update.mutationOptions());
  const createSite = useMutation(trpc.sites.create.mutationOptions());
  const updateSite = useMutation(trpc.sites.update.mutationOptions());
  const close = () => setPanel({ kind: 'none' });
  const activeContacts = detail.contacts.filter((c) => c.archivedAt === null);

  switch (panel.kind) {
    case 'none':
      return (
        <p className="muted cu-aside-empty">
          Choose a contact to see their portal access, or a site to edit its address and contacts.
        </p>
      );
    case 'customer-edit':
      return (
        <CustomerForm
          title="Edit customer"
          initial={valuesOfCustomer(detail)}
          submitLabel="Save customer"
          onCancel={close}
          onSave={async (values: CustomerValues) => {
            await updateCustomer.mutateAsync({ id: detail.id, version: detail.version, ...values });
            await refresh();
            close();
          }}
        />
      );
    case 'contact-new':
      return (
        <ContactForm
          title="New contact"
          initial={valuesOfContact(null)}
          submitLabel="Add contact"
          onCancel={close}
          onSave={async (values: ContactValues) => {
            const created = await createContact.mutateAsync({ customerId: detail.id, ...values });
            await refresh();
            setPanel({ kind: 'contact', id: created.id, isEditing: false });
          }}
        />
      );
    case 'contact': {
      const contact = detail.contacts.find((c) => c.id === panel.id);
      if (!contact) return <p className="muted">This contact is no longer here.</p>;
      if (panel.isEditing) {
        return (
          <ContactForm
            title={`Edit ${contact.name}`}
            initial={valuesOfContact(contact)}
            submitLabel="Save contact"
            onCancel={() => setPanel({ ...panel, isEditing: false })}
            onSave={async (values: ContactValues) => {
              await updateContact.mutateAsync({ id: contact.id, version: contact.version, ...values });
              await refresh();
              setPanel({ ...panel, isEditing: false });
            }}
          />
        );
      }
      return (
        <ContactCard
          contact={contact}
          portalUser={portalByContact.get(contact.id)}
          timeZone={orgTimeZone}
          isCustomerArchived={detail.archivedAt !== null}
          onEdit={() => setPanel({ ...panel, isEditing: true })}
        />
      );
    }
    case 'site-new':
      return (
        <SiteForm
          title="New site"
          contacts={activeContacts}
          initial={valuesOfSite(null, { timeZone: orgTimeZone, contactId: activeContacts[0]?.id ?? '' })}
          submitLabel="Add site"
          onCancel={close}
          onSave={async (values: SiteValues) => {
            const created = await createSite.mutateAsync({
              customerId: detail.id,
              ...values,
              secondaryContactId: values.secondaryContactId || null,
            });
            await refresh();
            setPanel({ kind: 'site', id: created.id });
          }}
        />
      );
    case 'site': {
      const site = detail.sites.find((s) => s.id === panel.id);
      if (!site) return <p className="muted">This site is no longer here.</p>;
      return (
        <>
          <SiteForm
            title={site.name ?? site.addressLine1}
            contacts={activeContacts}
            initial={valuesOfSite(site, { timeZone: orgTimeZone, contactId: '' })}
            submitLabel="Save site"
            onCancel={close}
            onSave={async (values: SiteValues) => {
              await updateSite.mutateAsync({
                id: site.id,
                version: site.version,
                ...values,
                secondaryContactId: values.secondaryContactId || null,
              });
              await refresh();
            }}
          />
          <ArchiveButton what="site" record={site} isArchived={site.archivedAt !== null} onArchived={close} />
        </>
      );
    }
  }
}

function ContactCard({
  contact,
  portalUser,
  timeZone,
  isCustomerArchived,
  onEdit,
}: {
  contact: Contact;
  portalUser: PortalUser | undefined;
  timeZone: string;
  isCustomerArchived: boolean;
  onEdit: () => void;
}) {
  return (
    <div className="cu-contact-card">
      <h2 className="cu-form-title">
        {contact.name} {contact.archivedAt ? <span className="cu-badge">Archived</span> : null}
      </h2>
      <dl className="cu-facts">
        <dt>Phone</dt>
        <dd>{contact.phone ?? '—'}</dd>
        <dt>Email</dt>
        <dd>{contact.email ?? '—'}</dd>
        <dt>Prefers</dt>
        <dd>{channelLabels[contact.preferredChannel]}</dd>
        <dt>SMS</dt>
        <dd>{contact.smsOptOut ? 'Opted out' : 'Allowed'}</dd>
      </dl>
      <div className="cu-actions">
        <button
          type="button"
          className="button button-secondary"
          onClick={onEdit}
          disabled={contact.archivedAt !== null}
        >
          Edit contact
        </button>
        <ArchiveButton what="contact" record={contact} isArchived={contact.archivedAt !== null} />
      </div>
      <PortalUserPanel
        contact={contact}
        portalUser={portalUser}
        timeZone={timeZone}
        isCustomerArchived={isCustomerArchived}
      />
    </div>
  );
}

/** Archives a contact or a site (there is no restore for those: add them again). */
/** Archive, or Restore once archived (the server says what must be restored first, e.g. the customer). */
function ArchiveButton({
  what,
  record,
  isArchived,
  onArchived,
}: {
  what: 'contact' | 'site';
  record: { id: string; version: number };
  isArchived: boolean;
  onArchived?: () => void;
}) {
  const trpc = useTRPC();
  const refresh = useRefreshCustomer();
  const archiveContact = useMutation(trpc.contacts.archive.mutationOptions());
  const archiveSite = useMutation(trpc.sites.archive.mutationOptions());
  const restoreContact = useMutation(trpc.contacts.restore.mutationOptions());
  const restoreSite = useMutation(trpc.sites.restore.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const isBusy = useRef(false);
  const isPending =
    archiveContact.isPending || archiveSite.isPending || restoreContact.isPending || restoreSite.isPending;

  async function run() {
    if (isBusy.current) return;
    isBusy.current = true;
    setError(null);
    try {
      const input = { id: record.id, version: record.version };
      if (isArchived) {
        await (what === 'contact' ? restoreContact.mutateAsync(input) : restoreSite.mutateAsync(input));
        await refresh();
      } else {
        await (what === 'contact' ? archiveContact.mutateAsync(input) : archiveSite.mutateAsync(input));
        await refresh();
        onArchived?.();
      }
    } catch (caught) {
      setError(describeClientError(caught).message);
    } finally {
      isBusy.current = false;
    }
  }

  const label = isArchived
    ? isPending
      ? 'Restoring…'
      : `Restore ${what}`
    : isPending
      ? 'Archiving…'
      : `Archive ${what}`;
  return (
    <div className="cu-archive">
      <button
        type="button"
        className={isArchived ? 'button button-secondary' : 'button button-secondary cu-danger'}
        disabled={isPending}
        onClick={() => void run()}
      >
        {label}
      </button>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
