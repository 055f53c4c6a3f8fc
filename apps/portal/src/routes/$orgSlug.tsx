// /p/$orgSlug — an organization's portal; shows the signed-out placeholder until sign-in arrives.
import { createFileRoute, notFound } from '@tanstack/react-router';
import { SignedOutPlaceholder } from '../components/signed-out-placeholder';

// Organization slugs are lower-case words joined by hyphens; anything else cannot be a portal address.
const ORG_SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export const Route = createFileRoute('/$orgSlug')({
  beforeLoad: ({ params }) => {
    if (!ORG_SLUG.test(params.orgSlug)) throw notFound();
  },
  component: SignedOutPlaceholder,
});
