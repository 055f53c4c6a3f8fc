// Admin › Portal policies: when customers may reschedule, how they cancel, how they sign in, what the appointment
// page shows, and how long staff and portal sessions last; each with one line on what people will see.
import { useId, type ReactNode } from 'react';
import {
  previewSettingsOf,
  SettingsScreen,
  useServerUrl,
  useSettingsEditor,
  type OrganizationSettings,
  type SettingsChange,
} from '../branding/settings-editor';
import { PortalPreview } from '../preview/portal-preview';

type PoliciesDraft = {
  rescheduleCutoffHours: string;
  cancelPolicy: 'portal' | 'call';
  cancelMessage: string;
  cancelPhone: string;
  loginMode: 'otp' | 'link';
  linkLifetimeHours: string;
  hideServiceDetails: boolean;
  confirmationFlow: boolean;
  staffSessionIdleMinutes: string;
  staffSessionAbsoluteHours: string;
  portalSessionIdleDays: string;
  portalSessionAbsoluteDays: string;
};
type Key = keyof PoliciesDraft;

const numberKeys = [
  'rescheduleCutoffHours',
  'linkLifetimeHours',
  'staffSessionIdleMinutes',
  'staffSessionAbsoluteHours',
  'portalSessionIdleDays',
  'portalSessionAbsoluteDays',
] as const satisfies readonly Key[];
type NumberKey = (typeof numberKeys)[number];

const names: Record<Key, string> = {
  rescheduleCutoffHours: 'reschedule cut-off',
  cancelPolicy: 'cancel policy',
  cancelMessage: 'cancel message',
  cancelPhone: 'cancel phone number',
  loginMode: 'sign-in method',
  linkLifetimeHours: 'link lifetime',
  hideServiceDetails: 'service details',
  confirmationFlow: 'confirmation',
  staffSessionIdleMinutes: 'staff idle timeout',
  staffSessionAbsoluteHours: 'staff session length',
  portalSessionIdleDays: 'portal idle timeout',
  portalSessionAbsoluteDays: 'portal session length',
};

const toDraft = (s: OrganizationSettings): PoliciesDraft => ({
  rescheduleCutoffHours: String(s.rescheduleCutoffHours),
  cancelPolicy: s.cancelPolicy,
  cancelMessage: s.cancelMessage ?? '',
  cancelPhone: s.cancelPhone ?? '',
  loginMode: s.loginMode,
  linkLifetimeHours: String(s.linkLifetimeHours),
  hideServiceDetails: s.hideServiceDetails,
  confirmationFlow: s.confirmationFlow,
  staffSessionIdleMinutes: String(s.staffSessionIdleMinutes),
  staffSessionAbsoluteHours: String(s.staffSessionAbsoluteHours),
  portalSessionIdleDays: String(s.portalSessionIdleDays),
  portalSessionAbsoluteDays: String(s.portalSessionAbsoluteDays),
});

const isNumberKey = (key: Key): key is NumberKey => (numberKeys as readonly Key[]).includes(key);

/** The typed values go to the server as they are (an empty number as NaN): it owns the rules and their words. */
const toChange = (draft: PoliciesDraft, keys: Key[]): SettingsChange => {
  const change: Record<string, unknown> = {};
  for (const key of keys) {
    const value = draft[key];
    change[key] = isNumberKey(key) ? (String(value).trim() === '' ? Number.NaN : Number(value)) : value;
  }
  return change as SettingsChange;
};
const fieldOf = (field: string) => (field in names ? field : null);
const describeKey = (key: Key) => names[key];

/** A whole number as typed, or the saved one while it is not (the preview never shows a half-typed value). */
function wholeOr(value: string, fallback: number): number {
  return /^\d+$/.test(value.trim()) ? Number(value) : fallback;
}

export function PoliciesScreen() {
  const editor = useSettingsEditor({ toDraft, toChange, fieldOf, describeKey });
  const serverUrl = useServerUrl();
  const { settings, draft, saved, fieldErrors } = editor;
  const ids = useId();

  const preview =
    settings && draft ? (
      <PortalPreview
        settings={previewSettingsOf(
          settings,
          {
            rescheduleCutoffHours: wholeOr(draft.rescheduleCutoffHours, settings.rescheduleCutoffHours),
            cancelPolicy: draft.cancelPolicy,
            cancelMessage: draft.cancelMessage,
            cancelPhone: draft.cancelPhone,
            hideServiceDetails: draft.hideServiceDetails,
            confirmationFlow: draft.confirmationFlow,
            loginMode: draft.loginMode,
          },
          serverUrl,
        )}
      />
    ) : null;

  if (!draft || !saved) {
    return (
      <SettingsScreen title="Portal policies" intro="" editor={editor} preview={null}>
        {null}
      </SettingsScreen>
    );
  }
  const changed = (key: Key) =>
    draft[key] !== saved[key] ? <span className="as-changed">Changed</span> : null;
  const numberField = (key: NumberKey, label: string, unit: string, explain: string) => (
    <NumberField
      label={label}
      unit={unit}
      explain={explain}
      value={draft[key]}
      badge={changed(key)}
      error={fieldErrors[key]}
      onChange={(value) => editor.set(key, value)}
    />
  );
  const cutoff = wholeOr(draft.rescheduleCutoffHours, settings!.rescheduleCutoffHours);

  return (
    <SettingsScreen
      title="Portal policies"
      intro="What customers may do on their appointment page, how they sign in, and how long sessions last."
      editor={editor}
      preview={preview}
    >
      <section className="as-section" aria-labelledby={`${ids}-page`}>
        <h3 id={`${ids}-page`}>Appointment page</h3>
        {numberField(
          'rescheduleCutoffHours',
          'Reschedule cut-off',
          'hours before the window',
          cutoff === 0
            ? 'Customers can change the time until the window starts.'
            : `Customers can change the time until ${cutoff} hours before the window; after that the page asks them to call.`,
        )}

        <fieldset aria-describedby={`${ids}-cancel-explain`}>
          <legend>Cancelling {changed('cancelPolicy')}</legend>
          <label className="as-choice">
            <input
              type="radio"
              name={`${ids}-cancel`}
              checked={draft.cancelPolicy === 'portal'}
              onChange={() => editor.set('cancelPolicy', 'portal')}
            />
            In the portal
          </label>
          <label className="as-choice">
            <input
              type="radio"
              name={`${ids}-cancel`}
              checked={draft.cancelPolicy === 'call'}
              onChange={() => editor.set('cancelPolicy', 'call')}
            />
            Call us
          </label>
          <p className="as-explain" id={`${ids}-cancel-explain`}>
            {draft.cancelPolicy === 'portal'
              ? 'Customers cancel with one tap and an optional reason; your team is told.'
              : 'Tapping Cancel shows your message and a button that calls the number below; nothing is cancelled online.'}
          </p>
          {fieldErrors.cancelPolicy ? <p className="field-error">{fieldErrors.cancelPolicy}</p> : null}
        </fieldset>
        {draft.cancelPolicy === 'call' || fieldErrors.cancelMessage || fieldErrors.cancelPhone ? (
          <div className="as-row">
            <TextField
              label="Message shown instead"
              explain="For example: To cancel, please call us so we can offer another time."
              value={draft.cancelMessage}
              badge={changed('cancelMessage')}
              error={fieldErrors.cancelMessage}
              multiline
              onChange={(value) => editor.set('cancelMessage', value)}
            />
            <TextField
              label="Phone number to call"
              explain="Customers tap it to call; any common format, e.g. +1 512 555 0142."
              value={draft.cancelPhone}
              badge={changed('cancelPhone')}
              error={fieldErrors.cancelPhone}
              onChange={(value) => editor.set('cancelPhone', value)}
            />
          </div>
        ) : null}

        <Toggle
          label="Hide the service details"
          explain={
            draft.hideServiceDetails
              ? 'Customers see the address and technician, not the job description.'
              : 'Customers see the job description your team wrote under “Service details”.'
          }
          checked={draft.hideServiceDetails}
          badge={changed('hideServiceDetails')}
          error={fieldErrors.hideServiceDetails}
          onChange={(value) => editor.set('hideServiceDetails', value)}
        />
        <Toggle
          label="Ask customers to confirm their appointment"
          explain={
            draft.confirmationFlow
              ? 'A Confirm button appears once the time is set; it waits until every required question is answered.'
              : 'No Confirm button: a booked time counts as agreed.'
          }
          checked={draft.confirmationFlow}
          badge={changed('confirmationFlow')}
          error={fieldErrors.confirmationFlow}
          onChange={(value) => editor.set('confirmationFlow', value)}
        />
      </section>

      <section className="as-section" aria-labelledby={`${ids}-signin`}>
        <h3 id={`${ids}-signin`}>Customer sign-in</h3>
        <fieldset aria-describedby={`${ids}-login-explain`}>
          <legend>How customers sign in {changed('loginMode')}</legend>
          <label className="as-choice">
            <input
              type="radio"
              name={`${ids}-login`}
              checked={draft.loginMode === 'otp'}
              onChange={() => editor.set('loginMode', 'otp')}
            />
            Link, then a one-time code
          </label>
          <label className="as-choice">
            <input
              type="radio"
              name={`${ids}-login`}
              checked={draft.loginMode === 'link'}
              onChange={() => editor.set('loginMode', 'link')}
            />
            The link alone
          </label>
          <p className="as-explain" id={`${ids}-login-explain`}>
            {draft.loginMode === 'otp'
              ? 'After opening their link, customers get a 6-digit code by text or email and type it in.'
              : 'Opening the link in the message signs customers in; asking again sends a new link, not a code.'}
          </p>
          {fieldErrors.loginMode ? <p className="field-error">{fieldErrors.loginMode}</p> : null}
        </fieldset>
        {numberField(
          'linkLifetimeHours',
          'Link lifetime',
          'hours',
          `Links in invitations and reminders stop working after ${wholeOr(draft.linkLifetimeHours, settings!.linkLifetimeHours)} hours; customers can ask for a new one.`,
        )}
        <div className="as-row">
          {numberField(
            'portalSessionIdleDays',
            'Portal idle timeout',
            'days',
            'Customers who do not come back for this long sign in again.',
          )}
          {numberField(
            'portalSessionAbsoluteDays',
            'Portal session length',
            'days',
            'However active, customers sign in again after this long.',
          )}
        </div>
      </section>

      <section className="as-section" aria-labelledby={`${ids}-staff`}>
        <h3 id={`${ids}-staff`}>Staff sessions</h3>
        <div className="as-row">
          {numberField(
            'staffSessionIdleMinutes',
            'Staff idle timeout',
            'minutes (5–30)',
            'Dispatchers and admins away from the app this long are asked to sign in again.',
          )}
          {numberField(
            'staffSessionAbsoluteHours',
            'Staff session length',
            'hours (1–12)',
            'Staff sign in again after this long, even while working.',
          )}
        </div>
      </section>
    </SettingsScreen>
  );
}

function NumberField(props: {
  label: string;
  unit: string;
  explain: string;
  value: string;
  badge: ReactNode;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className="cu-field">
      <label htmlFor={id}>
        {props.label} ({props.unit}){props.badge}
      </label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        step={1}
        value={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={`${id}-explain${props.error ? ` ${id}-error` : ''}`}
        onChange={(event) => props.onChange(event.target.value)}
      />
      <ExplainAndError id={id} explain={props.explain} error={props.error} />
    </div>
  );
}

function TextField(props: {
  label: string;
  explain: string;
  value: string;
  badge: ReactNode;
  error: string | undefined;
  multiline?: boolean;
  onChange: (value: string) => void;
}) {
  const id = useId();
  const common = {
    id,
    value: props.value,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': `${id}-explain${props.error ? ` ${id}-error` : ''}`,
  } as const;
  return (
    <div className="cu-field">
      <label htmlFor={id}>
        {props.label}
        {props.badge}
      </label>
      {props.multiline ? (
        <textarea
          {...common}
          rows={3}
          maxLength={1000}
          onChange={(event) => props.onChange(event.target.value)}
        />
      ) : (
        <input
          {...common}
          type="tel"
          maxLength={40}
          onChange={(event) => props.onChange(event.target.value)}
        />
      )}
      <ExplainAndError id={id} explain={props.explain} error={props.error} />
    </div>
  );
}

function Toggle(props: {
  label: string;
  explain: string;
  checked: boolean;
  badge: ReactNode;
  error: string | undefined;
  onChange: (value: boolean) => void;
}) {
  const id = useId();
  return (
    <div className="cu-field">
      <label className="as-choice" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          checked={props.checked}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={`${id}-explain${props.error ? ` ${id}-error` : ''}`}
          onChange={(event) => props.onChange(event.target.checked)}
        />
        {props.label}
        {props.badge}
      </label>
      <ExplainAndError id={id} explain={props.explain} error={props.error} />
    </div>
  );
}

/** The one-line explanation under a setting, and the server's refusal under it when there is one. */
function ExplainAndError({
  id,
  explain,
  error,
}: {
  id: string;
  explain: ReactNode;
  error: string | undefined;
}) {
  return (
    <>
      <p className="as-explain" id={`${id}-explain`}>
        {explain}
      </p>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </>
  );
}
