// Owns the public surface of notification templates: what the pipeline and the API call to build variables,
// render messages and validate admin-edited templates.
export {
  buildTemplateVariables,
  exampleTemplateVariables,
  isTemplateVariableName,
  longSampleTemplateVariables,
  templateVariableNames,
  type BuildTemplateVariablesInput,
  type TemplateVariableInfo,
} from './variables';
export { defaultTemplate } from './defaults';
export {
  parseTemplate,
  renderNotification,
  renderSmsText,
  renderTemplate,
  type RenderNotificationInput,
  type TemplateToken,
} from './render';
export {
  countSmsSegments,
  findNonGsmCharacters,
  toSmsFriendlyText,
  type SmsEncoding,
  type SmsSegmentCount,
} from './sms-segments';
export {
  suggestVariableName,
  TEMPLATE_LIMITS,
  validateTemplate,
  type ValidateTemplateInput,
} from './validate';
export { renderEmailHtml, type RenderEmailHtmlInput } from './email-html';
