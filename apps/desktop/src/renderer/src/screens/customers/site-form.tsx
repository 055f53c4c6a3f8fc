// A site's address, time zone and its primary and secondary contact, for adding and for editing.
import type { Contact } from '@portico/validators/contacts';
import type { Site } from '@portico/validators/sites';
import { useMemo } from 'react';
import { Field, PanelForm, useEditForm } from '../../components/form-kit';

export type SiteValues = {
  name: string;
  addressLine1: string;
  addressLine2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  timeZone: string;
  primaryContactId: string;
  /** '' for none */
  secondaryContactId: string;
};

const siteFields = [
  'name',
  'addressLine1',
  'addressLine2',
  'city',
  'region',
  'postalCode',
  'country',
  'timeZone',
  'primaryContactId',
  'secondaryContactId',
] as const;

export function valuesOfSite(
  site: Site | null,
  defaults: { timeZone: string; contactId: string },
): SiteValues {
  return {
    name: site?.name ?? '',
    addressLine1: site?.addressLine1 ?? '',
    addressLine2: site?.addressLine2 ?? '',
    city: site?.city ?? '',
    region: site?.region ?? '',
    postalCode: site?.postalCode ?? '',
    country: site?.country ?? 'US',
    timeZone: site?.timeZone ?? defaults.timeZone,
    primaryContactId: site?.primaryContactId ?? defaults.contactId,
    secondaryContactId: site?.secondaryContactId ?? '',
  };
}

function listTimeZones(current: string): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes(current) ? zones : [current, ...zones];
}

export function SiteForm({
  title,
  initial,
  contacts,
  submitLabel,
  onSave,
  onCancel,
}: {
  title: string;
  initial: SiteValues;
  /** The customer's contacts that can be chosen (not archived). */
  contacts: Contact[];
  submitLabel: string;
  onSave: (values: SiteValues) => Promise<void>;
  onCancel: () => void;
}) {
  const { values, set, errors, isPending, submit } = useEditForm(initial, siteFields, onSave);
  const timeZones = useMemo(() => listTimeZones(initial.timeZone), [initial.timeZone]);

  const text = (key: Exclude<keyof SiteValues, 'timeZone' | 'primaryContactId' | 'secondaryContactId'>) => ({
    value: values[key],
    onChange: (e: { target: { value: string } }) => set(key, e.target.value),
  });

  return (
    <PanelForm
      title={title}
      submitLabel={submitLabel}
      formError={errors.form}
      isPending={isPending}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <Field label="Site name" error={errors.fields.name} hint="Optional, e.g. Main shop">
        {(p) => <input {...p} autoFocus {...text('name')} />}
      </Field>
      <Field label="Street address" error={errors.fields.addressLine1}>
        {(p) => <input {...p} {...text('addressLine1')} />}
      </Field>
      <Field label="Address line 2" error={errors.fields.addressLine2}>
        {(p) => <input {...p} {...text('addressLine2')} />}
      </Field>
      <Field label="City" error={errors.fields.city}>
        {(p) => <input {...p} {...text('city')} />}
      </Field>
      <Field label="State or region" error={errors.fields.region}>
        {(p) => <input {...p} {...text('region')} />}
      </Field>
      <Field label="Postal code" error={errors.fields.postalCode}>
        {(p) => <input {...p} {...text('postalCode')} />}
      </Field>
      <Field label="Country" error={errors.fields.country}>
        {(p) => <input {...p} maxLength={2} {...text('country')} />}
      </Field>
      <Field label="Time zone" error={errors.fields.timeZone}>
        {(p) => (
          <select {...p} value={values.timeZone} onChange={(e) => set('timeZone', e.target.value)}>
            {timeZones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Primary contact" error={errors.fields.primaryContactId}>
        {(p) => (
          <select
            {...p}
            value={values.primaryContactId}
            onChange={(e) => set('primaryContactId', e.target.value)}
          >
            {values.primaryContactId === '' ? <option value="">Choose a contact</option> : null}
            {contacts.map((contact) => (
              <option key={contact.id} value={contact.id}>
                {contact.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Secondary contact" error={errors.fields.secondaryContactId}>
        {(p) => (
          <select
            {...p}
            value={values.secondaryContactId}
            onChange={(e) => set('secondaryContactId', e.target.value)}
          >
            <option value="">None</option>
            {contacts.map((contact) => (
              <option key={contact.id} value={contact.id}>
                {contact.name}
              </option>
            ))}
          </select>
        )}
      </Field>
    </PanelForm>
  );
}
