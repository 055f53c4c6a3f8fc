// Keeps the cached appointment (and the list it appears in) in step with what a mutation answered.
import { useTRPC, type RouterOutputs } from '@portico/api-client';
import { useQueryClient } from '@tanstack/react-query';

export type Appointment = RouterOutputs['portal']['appointment'];

export function useAppointmentCache(taskId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const key = trpc.portal.appointment.queryKey({ taskId });
  return {
    /** A mutation answered the whole appointment: show it, and let the list and availability catch up. */
    replace: async (appointment: Appointment) => {
      queryClient.setQueryData(key, appointment);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.portal.appointments.queryKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.portal.availability.pathKey() }),
      ]);
    },
    patch: (update: (appointment: Appointment) => Appointment) => {
      queryClient.setQueryData(key, (current) => (current ? update(current) : current));
    },
    refetch: () => queryClient.invalidateQueries({ queryKey: key }),
  };
}
