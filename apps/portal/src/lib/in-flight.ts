// A guard against double taps: TanStack Query's isPending reaches the button a render after mutate(), so a fast
// second tap would send the same change twice (and the second would fail as stale). begin() answers false while
// a call is in flight; pass end as the mutation's onSettled.
import { useRef } from 'react';

export function useInFlightGuard(): { begin: () => boolean; end: () => void } {
  const busy = useRef(false);
  return {
    begin: () => {
      if (busy.current) return false;
      busy.current = true;
      return true;
    },
    end: () => {
      busy.current = false;
    },
  };
}
