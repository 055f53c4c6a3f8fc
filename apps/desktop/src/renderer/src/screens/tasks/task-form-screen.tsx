// The new-task form: customer and site (searched, or created inline), the job, the scheduling mode with live
// remaining capacity per window, the technician; the server's refusals shown next to their fields.
import { describeClientError, useTRPC } from '@portico/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useRouteContext } from '@tanstack/react-router';
import { useId, useRef, useState, type FormEvent } from 'react';
import { CustomerPicker, type PickedCustomer } from './customer-picker';
import { fieldMessagesOf, type FieldMessages } from './form-errors';
import { InlineField, NewCustomerFields, NewSiteFields } from './new-customer-fields';
import { DescriptionField, ServiceTypeField, TechnicianField, WindowPicker, type Slot } from './task-fields';

type Mode = 'prebooked' | 'customer_selects';

export function TaskFormScreen() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { me } = useRouteContext({ from: '__root__' });
  const ids = {
    customer: useId(),
    site: useId(),
    service: useId(),
    description: useId(),
    technician: useId(),
    appointment: useId(),
  };

  const [customer, setCustomer] = useState<PickedCustomer | null>(null);
  const [siteId, setSiteId] = useState('');
  const [serviceType, setServiceType] = useState('');
  const [description, setDescription] = useState('');
  const [mode, setMode] = useState<Mode>('prebooked');
  const [slot, setSlot] = useState<Slot | null>(null);
  const [technicianId, setTechnicianId] = useState('');
  const [creating, setCreating] = useState<'customer' | 'site' | null>(null);
  const [errors, setErrors] = useState<FieldMessages>({});
  const [formError, setFormError] = useState<string | null>(null);

  const sites = useQuery({
    ...trpc.sites.list.queryOptions({ customerId: customer?.id ?? '', limit: 100 }),
    enabled: !!customer,
  });
  const siteOptions = sites.data?.items.filter((s) => !s.archivedAt) ?? [];
  // a customer with one site needs no choice
  const effectiveSiteId = siteId || (siteOptions.length === 1 ? (siteOptions[0]?.id ?? '') : '');
  const site = siteOptions.find((s) => s.id === effectiveSiteId);
  const timeZone = site?.timeZone ?? me.organization.timeZone;
  const create = useMutation(trpc.tasks.create.mutationOptions());
  // isPending reaches the button a render late: a second Enter or click in between is caught here
  const submitting = useRef(false);

  function pickCustomer(next: PickedCustomer | null) {
    setCustomer(next);
    setSiteId('');
    setSlot(null);
    setErrors(({ customerId: _c, siteId: _s, ...rest }) => rest);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting.current) return;
    setFormError(null);
    const missing: FieldMessages = {};
    if (!customer) missing.customerId = 'Choose a customer, or create one.';
    else if (!effectiveSiteId) missing.siteId = 'Choose the site where the work is done.';
    if (mode === 'prebooked' && !slot)
      missing.appointment = 'Pick a day and a window, or let the customer choose.';
    if (!customer || !effectiveSiteId || Object.keys(missing).length > 0) {
      setErrors(missing);
      return;
    }
    setErrors({});
    submitting.current = true;
    try {
      const task = await create.mutateAsync({
        customerId: customer.id,
        siteId: effectiveSiteId,
        serviceType,
        description,
        schedulingMode: mode,
        appointment: mode === 'prebooked' && slot ? slot : undefined,
        technicianId: technicianId || null,
      });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.tasks.list.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.windows.availability.pathKey() }),
      ]);
      await navigate({ to: '/tasks/$taskId', params: { taskId: task.id } });
    } catch (error) {
      const info = describeClientError(error);
      const messages = fieldMessagesOf(info);
      if (messages['appointment.date'] || messages['appointment.windowId']) {
        messages.appointment ??= messages['appointment.date'] ?? messages['appointment.windowId'] ?? '';
      }
      setErrors(messages);
      setFormError(
        Object.keys(messages).length > 0
          ? 'The task was not saved: check the highlighted fields.'
          : info.message,
      );
      // a full window means the capacity shown was out of date
      if (messages.appointment)
        void queryClient.invalidateQueries({ queryKey: trpc.windows.availability.pathKey() });
    } finally {
      submitting.current = false;
    }
  }

  const describedBy = (key: string, id: string) => (errors[key] ? `${id}-error` : undefined);
  return (
    <section className="tk-task-form-screen" aria-labelledby="task-form-title">
      <header className="tk-tasks-header">
        <h1 id="task-form-title">New task</h1>
        <Link to="/tasks" className="tk-link-button">
          Back to tasks
        </Link>
      </header>
      <form className="tk-task-form" noValidate onSubmit={(event) => void submit(event)}>
        {formError ? (
          <p className="banner banner-error" role="alert">
            {formError}
          </p>
        ) : null}

        <fieldset className="tk-form-section">
          <legend>Customer and site</legend>
          <div className="tk-form-grid">
            <InlineField id={ids.customer} label="Customer" error={errors.customerId} wide>
              <div className="tk-picker-row">
                <CustomerPicker
                  id={ids.customer}
                  value={customer}
                  onChange={pickCustomer}
                  invalid={!!errors.customerId}
                  describedBy={describedBy('customerId', ids.customer)}
                  autoFocus
                />
                <button
                  type="button"
                  className="button button-secondary"
                  aria-expanded={creating === 'customer'}
                  onClick={() => setCreating(creating === 'customer' ? null : 'customer')}
                >
                  New customer
                </button>
              </div>
            </InlineField>
          </div>
          {creating === 'customer' ? (
            <NewCustomerFields
              timeZone={me.organization.timeZone}
              onCancel={() => setCreating(null)}
              onCreated={(created) => {
                pickCustomer(created.customer);
                if (created.siteId) setSiteId(created.siteId);
                setCreating(null);
              }}
            />
          ) : null}
          {customer ? (
            <div className="tk-form-field tk-form-field-wide">
              <span className="tk-form-label" id={ids.site}>
                Site
              </span>
              {sites.isPending ? <p className="muted">Loading sites…</p> : null}
              {sites.isSuccess && siteOptions.length === 0 ? (
                <p className="muted">{customer.name} has no site yet: add one.</p>
              ) : null}
              <div
                className="tk-site-options"
                role="radiogroup"
                aria-labelledby={ids.site}
                aria-invalid={errors.siteId ? true : undefined}
                aria-describedby={describedBy('siteId', ids.site)}
              >
                {siteOptions.map((option) => (
                  <label key={option.id} className="tk-site-option">
                    <input
                      type="radio"
                      name="site"
                      value={option.id}
                      checked={effectiveSiteId === option.id}
                      onChange={() => {
                        setSiteId(option.id);
                        setSlot(null);
                      }}
                    />
                    <span>
                      {option.name ? <strong>{option.name} · </strong> : null}
                      {option.addressLine1}, {option.city}
                      <span className="muted"> · {option.timeZone.replace(/_/g, ' ')}</span>
                    </span>
                  </label>
                ))}
                <button
                  type="button"
                  className="tk-link-button"
                  aria-expanded={creating === 'site'}
                  onClick={() => setCreating(creating === 'site' ? null : 'site')}
                >
                  Add a site
                </button>
              </div>
              {errors.siteId ? (
                <p className="field-error" id={`${ids.site}-error`}>
                  {errors.siteId}
                </p>
              ) : null}
              {creating === 'site' ? (
                <NewSiteFields
                  customerId={customer.id}
                  timeZone={me.organization.timeZone}
                  onCancel={() => setCreating(null)}
                  onCreated={(newSiteId) => {
                    setSiteId(newSiteId);
                    setSlot(null);
                    setCreating(null);
                  }}
                />
              ) : null}
            </div>
          ) : null}
        </fieldset>

        <fieldset className="tk-form-section">
          <legend>The job</legend>
          <div className="tk-form-grid">
            <ServiceTypeField
              id={ids.service}
              value={serviceType}
              onChange={setServiceType}
              error={errors.serviceType}
            />
            <TechnicianField
              id={ids.technician}
              value={technicianId}
              onChange={setTechnicianId}
              error={errors.technicianId}
            />
            <DescriptionField
              id={ids.description}
              value={description}
              onChange={setDescription}
              error={errors.description}
            />
          </div>
        </fieldset>

        <fieldset className="tk-form-section">
          <legend>Scheduling</legend>
          <div className="tk-mode-options" role="radiogroup" aria-label="Scheduling mode">
            <label className="tk-mode-option">
              <input
                type="radio"
                name="mode"
                checked={mode === 'prebooked'}
                onChange={() => setMode('prebooked')}
              />
              <span>
                <strong>Pre-book a date and window</strong>
                <span className="muted">
                  You pick the slot now; the customer is told and asked to confirm.
                </span>
              </span>
            </label>
            <label className="tk-mode-option">
              <input
                type="radio"
                name="mode"
                checked={mode === 'customer_selects'}
                onChange={() => setMode('customer_selects')}
              />
              <span>
                <strong>Let the customer choose</strong>
                <span className="muted">The customer is invited to pick a window in the portal.</span>
              </span>
            </label>
          </div>
          {mode === 'prebooked' ? (
            site ? (
              <WindowPicker
                id={ids.appointment}
                siteId={site.id}
                timeZone={timeZone}
                slot={slot}
                onPick={(picked) => {
                  setSlot(picked);
                  setErrors(({ appointment: _a, ...rest }) => rest);
                }}
                error={errors.appointment}
              />
            ) : (
              <p className="muted" id={ids.appointment}>
                Choose the customer and site first: windows are read in the site’s time zone.
              </p>
            )
          ) : null}
          {errors.appointment && !(mode === 'prebooked' && site) ? (
            <p className="field-error">{errors.appointment}</p>
          ) : null}
        </fieldset>

        <div className="tk-form-actions">
          <button type="submit" className="button" disabled={create.isPending}>
            {create.isPending ? 'Saving…' : 'Create task'}
          </button>
          <Link to="/tasks" className="button button-secondary">
            Cancel
          </Link>
        </div>
      </form>
    </section>
  );
}
