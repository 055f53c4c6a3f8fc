// The contracts of the notifications package: what templates render and what channel providers promise.
// Both halves are implemented beside this file (templates/, providers/); the pipeline (packages/jobs) and the
// API depend only on these shapes.

export type Channel = 'sms' | 'email';
export type NotificationType =
  'booking_invite' | 'booking_confirmation' | 'reminder_24h' | 'technician_en_route' | 'task_completed';

/** The values a template may use, as {{name}}; every one is a string (empty when unknown). */
export type TemplateVariables = {
  'customer.name': string;
  'contact.name': string;
  'site.address': string;
  /** e.g. "Tuesday, March 10" in the site's time zone */
  'appointment.date': string;
  /** e.g. "8:00 AM – 12:00 PM" in the site's time zone (with the window's name where useful) */
  'appointment.window': string;
  'technician.name': string;
  'portal.link': string;
  'office.phone': string;
  'organization.name': string;
};
export type TemplateVariableName = keyof TemplateVariables;

export type Template = { subject: string | null; body: string };

export type Branding = {
  organizationName: string;
  primaryColor: string;
  accentColor: string;
  /** Absolute URL of the logo, or null. */
  logoUrl: string | null;
};

export type RenderedMessage = {
  channel: Channel;
  /** email only */
  subject: string | null;
  /** SMS text, or the email's plain-text part */
  text: string;
  /** email only: branded HTML */
  html: string | null;
  /** SMS only: segments the text needs (GSM-7 160/153, UCS-2 70/67) */
  segments: number | null;
};

export type TemplateProblem = { field: 'subject' | 'body'; message: string };

/** Raised by a provider. `retryable`: the same send may succeed later (429, throttling, 5xx, network). */
export class ProviderError extends Error {
  readonly retryable: boolean;
  readonly retryAfterSeconds: number | null;
  readonly providerCode: string | null;
  constructor(
    message: string,
    options: {
      retryable: boolean;
      retryAfterSeconds?: number | null;
      providerCode?: string | null;
      cause?: unknown;
    },
  ) {
    super(message, { cause: options.cause });
    this.name = 'ProviderError';
    this.retryable = options.retryable;
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
    this.providerCode = options.providerCode ?? null;
  }
}

export type SmsMessage = { to: string; body: string; idempotencyKey: string };
export type EmailMessage = {
  to: string;
  subject: string;
  html: string;
  text: string;
  idempotencyKey: string;
};
export type SendResult = { providerMessageId: string };

export type SmsSender = { send: (message: SmsMessage) => Promise<SendResult> };
export type EmailSender = { send: (message: EmailMessage) => Promise<SendResult> };

/** What the worker sends through: real providers, or the development outbox when no keys are set. */
export type ChannelProviders = {
  kind: 'live' | 'outbox';
  sms: SmsSender;
  email: EmailSender;
};
