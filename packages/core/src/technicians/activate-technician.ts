// Re-activates an inactive technician.
import type { Technician, TechnicianVersionInput } from '@portico/validators/technicians';
import type { CoreContext } from '../context';
import { setTechnicianActive } from './set-technician-active';

export function activateTechnician(ctx: CoreContext, input: TechnicianVersionInput): Promise<Technician> {
  return setTechnicianActive(ctx, input, true);
}
