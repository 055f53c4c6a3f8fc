// /p/ — the portal's front door for someone who arrives without an organization's link.
import { createFileRoute } from '@tanstack/react-router';
import { Shell } from '../components/shell';
import { SignedOutPlaceholder } from '../components/signed-out-placeholder';

export const Route = createFileRoute('/')({
  component: () => (
    <Shell
      brand={
        <>
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">Appointments</span>
        </>
      }
    >
      <SignedOutPlaceholder />
    </Shell>
  ),
});
