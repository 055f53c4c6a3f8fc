// The variables a template may use, with what each means and an example, for the template editor.
import { templateVariableNames } from '@portico/notifications';
import type { TemplateVariableInfo } from '@portico/validators/notifications';

export function listTemplateVariables(): Promise<TemplateVariableInfo[]> {
  return Promise.resolve(
    templateVariableNames.map(({ name, description, example }) => ({ name, description, example })),
  );
}
