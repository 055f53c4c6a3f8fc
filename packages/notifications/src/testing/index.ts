// Owns the test surface of the notifications package: local SNS and Resend stand-ins the real SDKs talk to.
export {
  startResendStandIn,
  type EmailDelivery,
  type ResendReceived,
  type ResendStandIn,
  type ResendStandInOptions,
} from './resend-stand-in';
export {
  startSnsStandIn,
  type SmsDelivery,
  type SnsMessageAttribute,
  type SnsReceived,
  type SnsStandIn,
} from './sns-stand-in';
export { standInProviderConfig } from './provider-config';
export type { HangOptions, InjectedFailure, StandInControls, StandInSummary } from './stand-in-server';
