// Owns a local SNS that speaks the Query protocol (form-encoded Publish, XML answers) for tests and benches.
import { randomUUID } from 'node:crypto';
import {
  startStandInServer,
  StandInState,
  summarize,
  waitUntil,
  type InjectedFailure,
  type StandInAnswer,
  type StandInControls,
  type StandInRequest,
} from './stand-in-server';

export type SnsMessageAttribute = { dataType: string; stringValue: string | null };

/** One request as the stand-in parsed it, and what it answered. */
export type SnsReceived = {
  action: string | null;
  phoneNumber: string | null;
  message: string | null;
  /** By name, e.g. 'AWS.SNS.SMS.SMSType' → { dataType: 'String', stringValue: 'Transactional' }. */
  messageAttributes: Record<string, SnsMessageAttribute>;
  /** Every form field as sent. */
  params: Record<string, string>;
  /** The SigV4 Authorization header (its presence shows the SDK signed the request). */
  authorization: string | null;
  receivedAt: Date;
  status: number;
  messageId: string | null;
  errorCode: string | null;
};

/** An SMS a person would receive: every accepted Publish (SNS has no idempotency key for SMS). */
export type SmsDelivery = {
  messageId: string;
  phoneNumber: string;
  message: string;
  smsType: string | null;
  senderId: string | null;
  deliveredAt: Date;
};

export type SnsStandIn = StandInControls & {
  readonly received: SnsReceived[];
  readonly deliveries: SmsDelivery[];
};

const XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';
const E164 = /^\+[1-9]\d{1,14}$/;
/** SNS refuses SMS bodies past 1600 characters. */
const MAX_SMS_LENGTH = 1600;

const DEFAULT_ERRORS: Record<number, { code: string; message: string }> = {
  400: { code: 'InvalidParameter', message: 'Invalid parameter' },
  403: { code: 'AuthorizationError', message: 'User is not authorized to perform: SNS:Publish' },
  429: { code: 'Throttling', message: 'Rate exceeded' },
  500: {
    code: 'InternalFailure',
    message: 'The request processing has failed because of an unknown error, exception or failure.',
  },
  503: {
    code: 'ServiceUnavailable',
    message: 'The request has failed due to a temporary failure of the server.',
  },
};

export async function startSnsStandIn(options: { port?: number } = {}): Promise<SnsStandIn> {
  const state = new StandInState();
  const received: SnsReceived[] = [];
  const deliveries: SmsDelivery[] = [];

  const reset = () => {
    received.length = 0;
    deliveries.length = 0;
    state.reset();
  };
  const summary = () =>
    summarize(
      received.length,
      deliveries.map((d) => `${d.phoneNumber}\n${d.message}`),
      state.statusCounts,
    );

  const server = await startStandInServer({
    ...(options.port !== undefined ? { port: options.port } : {}),
    controls: { state, received: () => received, deliveries: () => deliveries, summary, reset },
    handle: async (request, srv) => {
      const entry = parsePublish(request);
      received.push(entry);
      const finish = (answer: StandInAnswer, messageId: string | null, errorCode: string | null) => {
        entry.status = answer.status;
        entry.messageId = messageId;
        entry.errorCode = errorCode;
        state.count(answer.status);
        return answer;
      };
      const fail = (status: number, failure: Partial<InjectedFailure>, fallbackMessage?: string) => {
        const defaults = DEFAULT_ERRORS[status] ?? DEFAULT_ERRORS[status >= 500 ? 500 : 400]!;
        const code = failure.code ?? defaults.code;
        return finish(
          errorAnswer(
            status,
            code,
            failure.message ?? fallbackMessage ?? defaults.message,
            failure.retryAfterSeconds,
          ),
          null,
          code,
        );
      };

      const hang = state.takeHang();
      if (hang) {
        await srv.sleep(hang.ms);
        if (!hang.deliver) {
          entry.errorCode = 'Dropped';
          return null;
        }
      }
      const injected = state.takeFailure();
      if (injected) return fail(injected.status, injected);

      const rate = state.checkRate(Date.now());
      if (rate.limited) return fail(400, { code: 'Throttling', retryAfterSeconds: rate.retryAfterSeconds });

      if (request.method !== 'POST') return fail(400, { code: 'InvalidAction' }, 'Only POST is supported.');
      if (!entry.authorization?.startsWith('AWS4-HMAC-SHA256')) {
        return fail(403, { code: 'MissingAuthenticationToken' }, 'Request is missing Authentication Token');
      }
      if (entry.action !== 'Publish') {
        return fail(
          400,
          { code: 'InvalidAction' },
          `The action ${entry.action ?? '(none)'} is not valid for this endpoint.`,
        );
      }
      if (entry.phoneNumber === null) {
        return fail(
          400,
          { code: 'InvalidParameter' },
          'Invalid parameter: PhoneNumber Reason: no value for required parameter',
        );
      }
      if (!E164.test(entry.phoneNumber)) {
        return fail(
          400,
          { code: 'InvalidParameter' },
          `Invalid parameter: PhoneNumber Reason: ${entry.phoneNumber} is not valid to publish to`,
        );
      }
      if (!entry.message) {
        return fail(400, { code: 'InvalidParameter' }, 'Invalid parameter: Empty message');
      }
      if (entry.message.length > MAX_SMS_LENGTH) {
        return fail(400, { code: 'InvalidParameter' }, 'Invalid parameter: Message too long');
      }
      const refusal = state.recipientFailures.get(entry.phoneNumber);
      if (refusal) return fail(refusal.status, refusal);

      const messageId = randomUUID();
      deliveries.push({
        messageId,
        phoneNumber: entry.phoneNumber,
        message: entry.message,
        smsType: entry.messageAttributes['AWS.SNS.SMS.SMSType']?.stringValue ?? null,
        senderId: entry.messageAttributes['AWS.SNS.SMS.SenderID']?.stringValue ?? null,
        deliveredAt: new Date(),
      });
      return finish(
        {
          status: 200,
          headers: { 'content-type': 'text/xml', 'x-amzn-requestid': randomUUID() },
          body:
            `<PublishResponse xmlns="${XMLNS}"><PublishResult><MessageId>${messageId}</MessageId></PublishResult>` +
            `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></PublishResponse>`,
        },
        messageId,
        null,
      );
    },
  });

  return {
    get url() {
      return server.url;
    },
    received,
    deliveries,
    failNext: (count, failure) => state.failNext(count, failure),
    failForRecipient: (recipient, failure) => state.recipientFailures.set(recipient, failure),
    hangNext: (ms, hangOptions) => state.hangNext(ms, hangOptions),
    limitRate: (perSecond) => state.limitRate(perSecond),
    waitForDeliveries: (count, waitOptions) =>
      waitUntil(() => deliveries.length, count, waitOptions?.timeoutMs ?? 5000, 'SMS deliveries'),
    summary,
    reset,
    close: () => server.close(),
  };
}

function parsePublish(request: StandInRequest): SnsReceived {
  const form = new URLSearchParams(request.body);
  const params = Object.fromEntries(form);
  // Query protocol maps: MessageAttributes.entry.N.Name / .Value.DataType / .Value.StringValue
  const messageAttributes: Record<string, SnsMessageAttribute> = {};
  for (const [key, name] of form) {
    const match = /^MessageAttributes\.entry\.(\d+)\.Name$/.exec(key);
    if (!match) continue;
    const prefix = `MessageAttributes.entry.${match[1]}.Value`;
    messageAttributes[name] = {
      dataType: form.get(`${prefix}.DataType`) ?? '',
      stringValue: form.get(`${prefix}.StringValue`),
    };
  }
  const authorization = request.headers.authorization;
  return {
    action: form.get('Action'),
    phoneNumber: form.get('PhoneNumber'),
    message: form.get('Message'),
    messageAttributes,
    params,
    authorization: typeof authorization === 'string' ? authorization : null,
    receivedAt: new Date(),
    status: 0,
    messageId: null,
    errorCode: null,
  };
}

function errorAnswer(
  status: number,
  code: string,
  message: string,
  retryAfterSeconds?: number,
): StandInAnswer {
  return {
    status,
    headers: {
      'content-type': 'text/xml',
      'x-amzn-requestid': randomUUID(),
      ...(retryAfterSeconds !== undefined ? { 'retry-after': String(retryAfterSeconds) } : {}),
    },
    body:
      `<ErrorResponse xmlns="${XMLNS}"><Error><Type>${status >= 500 ? 'Receiver' : 'Sender'}</Type>` +
      `<Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error>` +
      `<RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
  };
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
