// Deactivates a technician: hidden from pickers; tasks already assigned keep them.
import type { Technician, TechnicianVersionInput } from '@portico/validators/technicians';
import type { CoreContext } from '../context';
import { setTechnicianActive } from './set-technician-active';

export function deactivateTechnician(ctx: CoreContext, input: TechnicianVersionInput): Promise<Technician> {
  return setTechnicianActive(ctx, input, false);
}
