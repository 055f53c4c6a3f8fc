// A contact's fields (name, phone, email, preferred channel, SMS opt-out), for adding and for editing.
import type { Contact } from '@portico/validators/contacts';
import { Field, PanelForm, useEditForm } from '../../components/form-kit';

export type ContactValues = {
  name: string;
  phone: string;
  email: string;
  preferredChannel: 'sms' | 'email';
  smsOptOut: boolean;
};

const contactFields = ['name', 'phone', 'email', 'preferredChannel', 'smsOptOut'] as const;

export function valuesOfContact(contact: Contact | null): ContactValues {
  return {
    name: contact?.name ?? '',
    phone: contact?.phone ?? '',
    email: contact?.email ?? '',
    preferredChannel: contact?.preferredChannel ?? 'sms',
    smsOptOut: contact?.smsOptOut ?? false,
  };
}

export function ContactForm({
  title,
  initial,
  submitLabel,
  onSave,
  onCancel,
}: {
  title: string;
  initial: ContactValues;
  submitLabel: string;
  onSave: (values: ContactValues) => Promise<void>;
  onCancel: () => void;
}) {
  const { values, set, errors, isPending, submit } = useEditForm(initial, contactFields, onSave);

  return (
    <PanelForm
      title={title}
      submitLabel={submitLabel}
      formError={errors.form}
      isPending={isPending}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <Field label="Name" error={errors.fields.name} wide>
        {(p) => <input {...p} autoFocus value={values.name} onChange={(e) => set('name', e.target.value)} />}
      </Field>
      <Field label="Phone" error={errors.fields.phone}>
        {(p) => (
          <input {...p} type="tel" value={values.phone} onChange={(e) => set('phone', e.target.value)} />
        )}
      </Field>
      <Field label="Email" error={errors.fields.email}>
        {(p) => (
          <input {...p} type="email" value={values.email} onChange={(e) => set('email', e.target.value)} />
        )}
      </Field>
      <Field label="Preferred channel" error={errors.fields.preferredChannel}>
        {(p) => (
          <select
            {...p}
            value={values.preferredChannel}
            onChange={(e) => set('preferredChannel', e.target.value as ContactValues['preferredChannel'])}
          >
            <option value="sms">SMS</option>
            <option value="email">Email</option>
          </select>
        )}
      </Field>
      <div className="cu-field">
        <span className="cu-field-label">Text messages</span>
        <label className="cu-check">
          <input
            type="checkbox"
            checked={values.smsOptOut}
            onChange={(e) => set('smsOptOut', e.target.checked)}
          />
          Opted out of SMS
        </label>
        {errors.fields.smsOptOut ? <p className="field-error">{errors.fields.smsOptOut}</p> : null}
      </div>
    </PanelForm>
  );
}
