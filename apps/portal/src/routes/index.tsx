// /p/ — the portal's front door for someone who arrives without an organization's link.
import { createFileRoute } from '@tanstack/react-router';
import { SignedOutPlaceholder } from '../components/signed-out-placeholder';

export const Route = createFileRoute('/')({
  component: SignedOutPlaceholder,
});
