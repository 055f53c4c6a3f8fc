// Inline creation, inside the task form, of a customer with a first site and contact (customers.create) or
// of another site for the chosen customer (sites.create). Nothing typed is lost when the server refuses.
import { describeClientError, useTRPC } from '@portico/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import { fieldMessagesOf, type FieldMessages } from './form-errors';

type Address = {
  name: string;
  addressLine1: string;
  city: string;
  region: string;
  postalCode: string;
  timeZone: string;
};

const emptyAddress = (timeZone: string): Address => ({
  name: '',
  addressLine1: '',
  city: '',
  region: '',
  postalCode: '',
  timeZone,
});

/** Every IANA zone the runtime knows, the organization's first. */
function useTimeZones(first: string): string[] {
  return useMemo(() => {
    const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    return [first, ...all.filter((zone) => zone !== first)];
  }, [first]);
}

/** Enter inside an inline section creates it instead of submitting the whole task form. */
function onEnter(run: () => void) {
  return (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Enter' && (event.target as HTMLElement).tagName === 'INPUT') {
      event.preventDefault();
      run();
    }
  };
}

export function InlineField({
  id,
  label,
  error,
  children,
  wide,
}: {
  id: string;
  label: string;
  error: string | undefined;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <div className={wide ? 'tk-form-field tk-form-field-wide' : 'tk-form-field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

function useTextFields<T extends Record<string, string>>(initial: T) {
  const [values, setValues] = useState(initial);
  const bind = (key: keyof T & string, errors: FieldMessages, id: string, errorKey: string = key) => ({
    id,
    value: values[key],
    onChange: (event: { target: { value: string } }) =>
      setValues((v) => ({ ...v, [key]: event.target.value })),
    'aria-invalid': errors[errorKey] ? true : undefined,
    'aria-describedby': errors[errorKey] ? `${id}-error` : undefined,
  });
  return { values, bind };
}

function AddressFields({
  prefix,
  errors,
  bind,
  timeZones,
}: {
  prefix: string;
  errors: FieldMessages;
  bind: ReturnType<typeof useTextFields<Address>>['bind'];
  timeZones: string[];
}) {
  const id = useId();
  const key = (field: string) => (prefix ? `${prefix}.${field}` : field);
  return (
    <>
      <InlineField id={`${id}-line1`} label="Street address" error={errors[key('addressLine1')]} wide>
        <input {...bind('addressLine1', errors, `${id}-line1`, key('addressLine1'))} autoComplete="off" />
      </InlineField>
      <InlineField id={`${id}-city`} label="City" error={errors[key('city')]}>
        <input {...bind('city', errors, `${id}-city`, key('city'))} autoComplete="off" />
      </InlineField>
      <InlineField id={`${id}-region`} label="State" error={errors[key('region')]}>
        <input {...bind('region', errors, `${id}-region`, key('region'))} autoComplete="off" />
      </InlineField>
      <InlineField id={`${id}-postal`} label="Postal code" error={errors[key('postalCode')]}>
        <input {...bind('postalCode', errors, `${id}-postal`, key('postalCode'))} autoComplete="off" />
      </InlineField>
      <InlineField id={`${id}-site-name`} label="Site name (optional)" error={errors[key('name')]}>
        <input {...bind('name', errors, `${id}-site-name`, key('name'))} autoComplete="off" />
      </InlineField>
      <InlineField id={`${id}-tz`} label="Time zone" error={errors[key('timeZone')]}>
        <select {...bind('timeZone', errors, `${id}-tz`, key('timeZone'))}>
          {timeZones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replace(/_/g, ' ')}
            </option>
          ))}
        </select>
      </InlineField>
    </>
  );
}

function optional(value: string): string | undefined {
  return value.trim() === '' ? undefined : value;
}

export function NewCustomerFields({
  timeZone,
  onCreated,
  onCancel,
}: {
  timeZone: string;
  onCreated: (created: { customer: { id: string; name: string }; siteId: string | null }) => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const timeZones = useTimeZones(timeZone);
  const person = useTextFields({ name: '', phone: '', email: '', preferredChannel: 'sms', contactName: '' });
  const address = useTextFields(emptyAddress(timeZone));
  const [errors, setErrors] = useState<FieldMessages>({});
  const [formError, setFormError] = useState<string | null>(null);
  const create = useMutation(trpc.customers.create.mutationOptions());

  const submit = async () => {
    if (create.isPending) return;
    setErrors({});
    setFormError(null);
    const p = person.values;
    const a = address.values;
    const contactName = p.contactName.trim() || p.name;
    try {
      const created = await create.mutateAsync({
        name: p.name,
        kind: p.contactName.trim() ? 'company' : 'person',
        phone: optional(p.phone),
        email: optional(p.email),
        contact: {
          name: contactName,
          phone: optional(p.phone),
          email: optional(p.email),
          preferredChannel: p.preferredChannel === 'email' ? 'email' : 'sms',
        },
        site: {
          name: optional(a.name),
          addressLine1: a.addressLine1,
          city: a.city,
          region: optional(a.region),
          postalCode: optional(a.postalCode),
          timeZone: a.timeZone,
        },
      });
      await queryClient.invalidateQueries({ queryKey: trpc.customers.pathKey() });
      onCreated({ customer: { id: created.id, name: created.name }, siteId: created.sites[0]?.id ?? null });
    } catch (error) {
      const info = describeClientError(error);
      const messages = fieldMessagesOf(info);
      // the contact shares the customer's phone, email and name: show its refusals there
      for (const field of ['phone', 'email', 'preferredChannel'] as const) {
        messages[field] ??= messages[`contact.${field}`] ?? '';
        if (!messages[field]) delete messages[field];
      }
      if (messages['contact.name'] && !p.contactName.trim()) messages.name ??= messages['contact.name'];
      setErrors(messages);
      setFormError(Object.keys(messages).length > 0 ? 'Check the highlighted fields.' : info.message);
    }
  };

  return (
    <fieldset className="tk-inline-create" onKeyDown={onEnter(() => void submit())}>
      <legend>New customer</legend>
      {formError ? (
        <p className="banner banner-error" role="alert">
          {formError}
        </p>
      ) : null}
      <div className="tk-form-grid">
        <InlineField id={`${id}-name`} label="Customer name" error={errors.name} wide>
          <input {...person.bind('name', errors, `${id}-name`)} autoComplete="off" autoFocus />
        </InlineField>
        <InlineField
          id={`${id}-contact`}
          label="Contact person (for a company)"
          error={errors['contact.name']}
        >
          <input
            {...person.bind('contactName', errors, `${id}-contact`, 'contact.name')}
            autoComplete="off"
          />
        </InlineField>
        <InlineField id={`${id}-phone`} label="Mobile phone" error={errors.phone}>
          <input {...person.bind('phone', errors, `${id}-phone`)} type="tel" autoComplete="off" />
        </InlineField>
        <InlineField id={`${id}-email`} label="Email" error={errors.email}>
          <input {...person.bind('email', errors, `${id}-email`)} type="email" autoComplete="off" />
        </InlineField>
        <InlineField id={`${id}-channel`} label="Send messages by" error={errors.preferredChannel}>
          <select {...person.bind('preferredChannel', errors, `${id}-channel`)}>
            <option value="sms">SMS</option>
            <option value="email">Email</option>
          </select>
        </InlineField>
        <AddressFields prefix="site" errors={errors} bind={address.bind} timeZones={timeZones} />
      </div>
      <div className="tk-inline-actions">
        <button type="button" className="button" disabled={create.isPending} onClick={() => void submit()}>
          {create.isPending ? 'Creating…' : 'Create customer'}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </fieldset>
  );
}

export function NewSiteFields({
  customerId,
  timeZone,
  onCreated,
  onCancel,
}: {
  customerId: string;
  timeZone: string;
  onCreated: (siteId: string) => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const timeZones = useTimeZones(timeZone);
  const address = useTextFields(emptyAddress(timeZone));
  const [contactId, setContactId] = useState('');
  const [errors, setErrors] = useState<FieldMessages>({});
  const [formError, setFormError] = useState<string | null>(null);
  const customer = useQuery(trpc.customers.get.queryOptions({ id: customerId }));
  const contacts = customer.data?.contacts.filter((c) => !c.archivedAt) ?? [];
  const chosenContact = contactId || contacts[0]?.id || '';
  const create = useMutation(trpc.sites.create.mutationOptions());

  const submit = async () => {
    if (create.isPending) return;
    setErrors({});
    setFormError(null);
    if (!chosenContact) {
      setErrors({ primaryContactId: 'This customer has no contact yet: add one on the customer first.' });
      return;
    }
    const a = address.values;
    try {
      const site = await create.mutateAsync({
        customerId,
        primaryContactId: chosenContact,
        name: optional(a.name),
        addressLine1: a.addressLine1,
        city: a.city,
        region: optional(a.region),
        postalCode: optional(a.postalCode),
        timeZone: a.timeZone,
      });
      await queryClient.invalidateQueries({ queryKey: trpc.sites.pathKey() });
      await queryClient.invalidateQueries({ queryKey: trpc.customers.get.queryKey({ id: customerId }) });
      onCreated(site.id);
    } catch (error) {
      const info = describeClientError(error);
      const messages = fieldMessagesOf(info);
      setErrors(messages);
      setFormError(Object.keys(messages).length > 0 ? 'Check the highlighted fields.' : info.message);
    }
  };

  return (
    <fieldset className="tk-inline-create" onKeyDown={onEnter(() => void submit())}>
      <legend>New site</legend>
      {formError ? (
        <p className="banner banner-error" role="alert">
          {formError}
        </p>
      ) : null}
      <div className="tk-form-grid">
        <AddressFields prefix="" errors={errors} bind={address.bind} timeZones={timeZones} />
        <InlineField id={`${id}-contact`} label="Primary contact" error={errors.primaryContactId}>
          <select
            id={`${id}-contact`}
            value={chosenContact}
            onChange={(event) => setContactId(event.target.value)}
            aria-invalid={errors.primaryContactId ? true : undefined}
            aria-describedby={errors.primaryContactId ? `${id}-contact-error` : undefined}
          >
            {contacts.map((contact) => (
              <option key={contact.id} value={contact.id}>
                {contact.name}
              </option>
            ))}
          </select>
        </InlineField>
      </div>
      <div className="tk-inline-actions">
        <button type="button" className="button" disabled={create.isPending} onClick={() => void submit()}>
          {create.isPending ? 'Creating…' : 'Create site'}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </fieldset>
  );
}
