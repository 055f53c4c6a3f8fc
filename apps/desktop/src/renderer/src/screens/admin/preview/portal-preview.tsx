// The live preview of the portal's appointment page, drawn at phone size with the settings the admin is editing
// (unsaved edits included) on a sample appointment. It mirrors apps/portal's markup and styles under `pv-`
// classes, because the desktop's own `.button`/`.card` styles would otherwise leak in.
import { useTRPC } from '@portico/api-client';
import { buildBrandTheme } from '@portico/ui/theme';
import { mergePortalLabels, type PortalLabelId } from '@portico/validators/portal-labels';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import './preview.css';

/** A question on the appointment page as the preview draws it (saved fields, or the builder's drafts). */
export type PreviewField = {
  id: string;
  kind: 'toggle' | 'text' | 'static' | 'dropdown';
  label: string;
  description: string | null;
  required: boolean;
  defaultValue: string | boolean | null;
  options: string[];
};

/** The organization's settings with the admin's unsaved edits applied. */
export type PreviewSettings = {
  name: string;
  primaryColor: string;
  accentColor: string;
  /** Absolute URL of the logo, or null to show the name's initial. */
  logoUrl: string | null;
  /** Overrides only; the defaults fill the rest. */
  labels: Record<string, string>;
  rescheduleCutoffHours: number;
  cancelPolicy: 'portal' | 'call';
  cancelMessage: string | null;
  cancelPhone: string | null;
  hideServiceDetails: boolean;
  confirmationFlow: boolean;
  loginMode: 'otp' | 'link';
  officePhone?: string | null;
};

/** --surface-muted of the portal: brand-colored text is checked against it (apps/portal/src/lib/branding.ts). */
const PORTAL_PAGE_BACKGROUND = '#f5f6f8';
const SAMPLE_TIME_ZONE = 'America/Chicago';
/** The sample visit is this many days ahead, so a cut-off longer than that shows what customers see after it. */
const SAMPLE_DAYS_AHEAD = 3;

export function PortalPreview(props: {
  settings: PreviewSettings;
  fields?: PreviewField[];
  highlight?: string;
}) {
  const { settings, highlight } = props;
  const trpc = useTRPC();
  const saved = useQuery({
    ...trpc.customFields.list.queryOptions(),
    enabled: props.fields === undefined,
    retry: false,
  });
  const fields: PreviewField[] =
    props.fields ??
    (saved.data ?? [])
      .filter((f) => f.retiredAt === null)
      .map((f) => ({
        id: f.id,
        kind: f.kind,
        label: f.label,
        description: f.description,
        required: f.required,
        defaultValue: f.defaultValue,
        options: f.options,
      }));

  const theme = buildBrandTheme(settings.primaryColor, settings.accentColor, PORTAL_PAGE_BACKGROUND);
  const style = {
    '--pv-primary': theme.primary,
    '--pv-on-primary': theme.onPrimary,
    '--pv-text': theme.primaryText,
    '--pv-accent': theme.accent,
  } as CSSProperties;
  const labels = mergePortalLabels(settings.labels);
  const l = (id: PortalLabelId) => (
    <span data-label={id} className={highlight === id ? 'pv-highlight' : undefined}>
      {labels[id]}
    </span>
  );

  const [sample] = useState(sampleAppointment);
  const isPastCutoff = settings.rescheduleCutoffHours >= sample.hoursAhead;
  const missing = fields.find((f) => f.kind !== 'static' && f.required && isUnanswered(f));
  const officePhone = settings.officePhone ?? null;

  // bring the highlighted wording into view inside the phone frame
  const screenRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!highlight) return;
    const target = screenRef.current?.querySelector(`[data-label="${CSS.escape(highlight)}"]`);
    if (target instanceof HTMLElement && screenRef.current) {
      const frame = screenRef.current;
      const top = target.offsetTop - frame.clientHeight / 3;
      frame.scrollTo({ top: Math.max(0, top), behavior: 'smooth' });
    }
  }, [highlight]);

  return (
    <figure className="pv" aria-label="Preview of the portal's appointment page">
      <figcaption className="pv-caption">
        <strong>Sample appointment</strong> — the portal&rsquo;s appointment page as a customer sees it on a
        phone. Updates as you type; nothing is saved until you press Save.
      </figcaption>
      <div className="pv-device" style={style} data-testid="portal-preview">
        {/* scrolls like the phone does: focusable so keyboard users can scroll it too (WCAG 2.1.1) */}
        <div
          className="pv-screen"
          ref={screenRef}
          role="region"
          aria-label="Portal preview, scrollable"
          tabIndex={0}
        >
          {/* a picture of the page, not a second form: nothing in it can be focused or pressed */}
          <div className="pv-shell" inert>
            <header className="pv-header">
              <div className="pv-brand">
                {settings.logoUrl ? (
                  <img className="pv-brand-logo" src={settings.logoUrl} alt="" width={32} height={32} />
                ) : (
                  <span className="pv-brand-mark" aria-hidden="true">
                    {settings.name.trim().charAt(0).toUpperCase()}
                  </span>
                )}
                <span className="pv-brand-name">{settings.name}</span>
              </div>
              <span className="pv-button pv-button-quiet">Sign out</span>
            </header>
            <main className="pv-main">
              <article className="pv-stack-lg">
                <div>
                  <span className="pv-back-link">← All appointments</span>
                  <div className="pv-title-row">
                    <h1>{sample.serviceType}</h1>
                    <span className="pv-badge pv-badge-scheduled">Scheduled</span>
                  </div>
                  <p className="pv-muted">T-1042</p>
                </div>

                <ol className="pv-timeline" aria-label="Progress">
                  {['Scheduled', 'Confirmed', 'Technician on the way', 'Work in progress', 'Completed'].map(
                    (step, index) => (
                      <li key={step} className={`pv-timeline-step${index === 0 ? ' pv-step-current' : ''}`}>
                        <span className="pv-timeline-dot" aria-hidden="true" />
                        <span className="pv-timeline-name">{step}</span>
                      </li>
                    ),
                  )}
                </ol>

                <section className="pv-card">
                  <h2>{l('appointment.window')}</h2>
                  <div className="pv-when">
                    <p className="pv-when-date">{sample.dateText}</p>
                    <p className="pv-when-window">{sample.windowText}</p>
                    <p className="pv-muted">The technician arrives within this window.</p>
                  </div>
                  {isPastCutoff ? (
                    <div className="pv-blocked-reason" data-testid="preview-cutoff">
                      <p className="pv-muted">
                        Changes are no longer possible online this close to your appointment.
                        {officePhone
                          ? ` Call us at ${formatPhone(officePhone)}.`
                          : ' Please call our office.'}
                      </p>
                      {officePhone ? (
                        <span className="pv-button pv-button-secondary">{l('office.call')}</span>
                      ) : null}
                    </div>
                  ) : (
                    <div className="pv-button-row">
                      <span className="pv-button pv-button-secondary">{l('appointment.reschedule')}</span>
                      <span className="pv-button pv-button-secondary">{l('appointment.addToCalendar')}</span>
                    </div>
                  )}
                </section>

                {fields.length > 0 ? (
                  <section className="pv-card">
                    <h2>{l('fields.title')}</h2>
                    <div className="pv-fields">
                      {fields.map((field) => (
                        <PreviewFieldView key={field.id} field={field} />
                      ))}
                    </div>
                  </section>
                ) : null}

                {settings.confirmationFlow ? (
                  <section className="pv-card">
                    <h2>Please confirm</h2>
                    <p>Let us know this time works for you.</p>
                    <button
                      type="button"
                      className="pv-button pv-button-block"
                      aria-disabled={missing ? true : undefined}
                      data-testid="preview-confirm"
                    >
                      {l('appointment.confirm')}
                    </button>
                    {missing ? (
                      <p className="pv-muted pv-blocked-reason" data-testid="preview-confirm-reason">
                        {missing.kind === 'toggle'
                          ? `Turn on “${missing.label}” to confirm.`
                          : `Answer “${missing.label}” to confirm.`}
                      </p>
                    ) : null}
                  </section>
                ) : null}

                <section className="pv-card">
                  <dl className="pv-details">
                    <div>
                      <dt>{l('appointment.address')}</dt>
                      <dd>
                        1200 Barton Springs Rd
                        <br />
                        Austin, TX, 78704
                      </dd>
                    </div>
                    <div>
                      <dt>{l('appointment.technician')}</dt>
                      <dd>Sam Rivera</dd>
                    </div>
                    {settings.hideServiceDetails ? null : (
                      <div data-testid="preview-service-details">
                        <dt>{l('appointment.serviceDetails')}</dt>
                        <dd className="pv-prewrap">{sample.description}</dd>
                      </div>
                    )}
                  </dl>
                </section>

                <div className="pv-cancel-row">
                  <span className="pv-button pv-button-danger-quiet">{l('appointment.cancel')}</span>
                </div>
                {settings.cancelPolicy === 'call' ? (
                  <CallUsSample
                    title={l('appointment.cancel')}
                    message={settings.cancelMessage}
                    phone={settings.cancelPhone}
                  />
                ) : null}
              </article>
            </main>
            <footer className="pv-footer">
              <p>
                {settings.name}
                {officePhone ? ` · ${formatPhone(officePhone)}` : ''}
              </p>
            </footer>
          </div>
        </div>
      </div>
      <p className="pv-note">
        Sign-in:{' '}
        {settings.loginMode === 'otp'
          ? 'customers open their link, then enter a one-time code sent by text or email.'
          : 'the link in the message signs customers in by itself.'}
      </p>
      {saved.isError && props.fields === undefined ? (
        <p className="pv-note">
          The additional-information questions could not be loaded, so they are not shown.
        </p>
      ) : null}
    </figure>
  );
}

/** What tapping Cancel opens in a "call us" organization, drawn open beneath the page. */
function CallUsSample({
  title,
  message,
  phone,
}: {
  title: ReactNode;
  message: string | null;
  phone: string | null;
}) {
  return (
    <div className="pv-dialog-sample" data-testid="preview-call-us">
      <p className="pv-dialog-caption">Tapping it opens:</p>
      <div className="pv-dialog">
        <h2>{title}</h2>
        <p>{message?.trim() ? message.trim() : 'To cancel this appointment, please call us.'}</p>
        {phone?.trim() ? (
          <span className="pv-button pv-button-block">Call {formatPhone(phone.trim())}</span>
        ) : null}
        <span className="pv-button pv-button-secondary pv-button-block">Close</span>
      </div>
    </div>
  );
}

function PreviewFieldView({ field }: { field: PreviewField }) {
  const requiredMark = field.required ? (
    <span className="pv-required" aria-hidden="true">
      {' '}
      *
    </span>
  ) : null;
  const missingNote =
    field.required && isUnanswered(field) ? (
      <span className="pv-field-missing">Needed before you confirm</span>
    ) : null;
  const description = field.description ? (
    <p className="pv-muted pv-field-description">{field.description}</p>
  ) : null;

  if (field.kind === 'static') {
    return (
      <div className="pv-field pv-field-static" data-field-id={field.id}>
        <p className="pv-field-label">{field.label}</p>
        {description}
      </div>
    );
  }
  if (field.kind === 'toggle') {
    return (
      <div className="pv-field" data-field-id={field.id}>
        <span className="pv-toggle">
          <span className={`pv-toggle-track${field.defaultValue === true ? ' pv-toggle-on' : ''}`} />
          <span className="pv-field-label">
            {field.label}
            {requiredMark}
          </span>
        </span>
        {description}
        <div className="pv-field-foot">{missingNote}</div>
      </div>
    );
  }
  if (field.kind === 'dropdown') {
    const value = typeof field.defaultValue === 'string' ? field.defaultValue : '';
    return (
      <div className="pv-field" data-field-id={field.id}>
        <span className="pv-field-label">
          {field.label}
          {requiredMark}
        </span>
        {description}
        <span className="pv-input pv-select">{value || 'Choose…'}</span>
        <div className="pv-field-foot">{missingNote}</div>
      </div>
    );
  }
  return (
    <div className="pv-field" data-field-id={field.id}>
      <span className="pv-field-label">
        {field.label}
        {requiredMark}
      </span>
      {description}
      <span className="pv-input pv-textarea">
        {typeof field.defaultValue === 'string' ? field.defaultValue : ''}
      </span>
      <div className="pv-field-foot">{missingNote}</div>
    </div>
  );
}

/** As the portal decides it: a required toggle must be on, any other required question needs an answer. */
function isUnanswered(field: PreviewField): boolean {
  if (field.kind === 'toggle') return field.defaultValue !== true;
  return typeof field.defaultValue !== 'string' || field.defaultValue.trim() === '';
}

function sampleAppointment() {
  const now = Date.now();
  const day = new Date(now + SAMPLE_DAYS_AHEAD * 86_400_000);
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: SAMPLE_TIME_ZONE }).format(day);
  // 08:00–12:00 on the site's clock; noon UTC of that date is safely the same local day
  const start = zonedInstant(date, 8);
  const end = zonedInstant(date, 12);
  const time = new Intl.DateTimeFormat(undefined, {
    timeZone: SAMPLE_TIME_ZONE,
    hour: 'numeric',
    minute: '2-digit',
  });
  const dateText = new Intl.DateTimeFormat(undefined, {
    timeZone: SAMPLE_TIME_ZONE,
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    year: 'numeric',
  }).format(start);
  return {
    serviceType: 'Furnace tune-up',
    description: 'Annual check of the furnace, filter change and a carbon-monoxide test.',
    hoursAhead: (start.getTime() - now) / 3_600_000,
    dateText,
    windowText: `${time.format(start)} – ${time.format(end)}`,
  };
}

/** The instant that reads `hour`:00 on `date` in the sample's time zone. */
function zonedInstant(date: string, hour: number): Date {
  const guess = new Date(`${date}T${String(hour).padStart(2, '0')}:00:00Z`);
  const shown = new Intl.DateTimeFormat('en-US', {
    timeZone: SAMPLE_TIME_ZONE,
    hour: 'numeric',
    hourCycle: 'h23',
  }).format(guess);
  return new Date(guess.getTime() + (hour - Number(shown)) * 3_600_000);
}

/** "(512) 555-0100" for North American numbers in E.164, as written otherwise (as the portal shows it). */
function formatPhone(phone: string): string {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(phone.trim());
  return nanp ? `(${nanp[1]}) ${nanp[2]}-${nanp[3]}` : phone;
}
