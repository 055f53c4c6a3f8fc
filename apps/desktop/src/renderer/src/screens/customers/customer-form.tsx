// The customer's own fields (name, person or company, email, phone, notes), for creating and for editing.
import type { Customer } from '@portico/validators/customers';
import { Field, PanelForm, useEditForm } from '../../components/form-kit';

export type CustomerValues = {
  name: string;
  kind: 'person' | 'company';
  email: string;
  phone: string;
  notes: string;
};

const customerFields = ['name', 'kind', 'email', 'phone', 'notes'] as const;

export function valuesOfCustomer(customer: Customer | null): CustomerValues {
  return {
    name: customer?.name ?? '',
    kind: customer?.kind ?? 'person',
    email: customer?.email ?? '',
    phone: customer?.phone ?? '',
    notes: customer?.notes ?? '',
  };
}

export function CustomerForm({
  title,
  initial,
  submitLabel,
  onSave,
  onCancel,
}: {
  title: string;
  initial: CustomerValues;
  submitLabel: string;
  onSave: (values: CustomerValues) => Promise<void>;
  onCancel: () => void;
}) {
  const { values, set, errors, isPending, submit } = useEditForm(initial, customerFields, onSave);

  return (
    <PanelForm
      title={title}
      submitLabel={submitLabel}
      formError={errors.form}
      isPending={isPending}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <Field label="Name" error={errors.fields.name}>
        {(p) => <input {...p} autoFocus value={values.name} onChange={(e) => set('name', e.target.value)} />}
      </Field>
      <Field label="Kind" error={errors.fields.kind}>
        {(p) => (
          <select
            {...p}
            value={values.kind}
            onChange={(e) => set('kind', e.target.value as CustomerValues['kind'])}
          >
            <option value="person">Person</option>
            <option value="company">Company</option>
          </select>
        )}
      </Field>
      <Field label="Email" error={errors.fields.email}>
        {(p) => (
          <input {...p} type="email" value={values.email} onChange={(e) => set('email', e.target.value)} />
        )}
      </Field>
      <Field label="Phone" error={errors.fields.phone}>
        {(p) => (
          <input {...p} type="tel" value={values.phone} onChange={(e) => set('phone', e.target.value)} />
        )}
      </Field>
      <Field label="Notes" error={errors.fields.notes} wide>
        {(p) => (
          <textarea {...p} rows={2} value={values.notes} onChange={(e) => set('notes', e.target.value)} />
        )}
      </Field>
    </PanelForm>
  );
}
