// Portal entry: one QueryClient, one tRPC client (cookie session, same origin) and the router.
import { createPorticoClient, createQueryClient, PorticoQueryProvider } from '@portico/api-client';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createPortalRouter } from './router';
import './styles.css';

const queryClient = createQueryClient();
// Same origin as the page: the session cookie goes along and no CORS is involved.
const client = createPorticoClient({ url: '/trpc' });
const router = createPortalRouter({ client, queryClient });

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element.');

createRoot(rootElement).render(
  <StrictMode>
    <PorticoQueryProvider client={client} queryClient={queryClient}>
      <RouterProvider router={router} />
    </PorticoQueryProvider>
  </StrictMode>,
);
