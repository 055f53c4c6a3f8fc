// Renderer entry: asks the bridge where the server is, then mounts the app with tRPC and TanStack Query.
import { createPorticoClient, createQueryClient, PorticoQueryProvider } from '@portico/api-client';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { getBridge } from './bridge';
import './styles.css';

async function start(root: HTMLElement): Promise<void> {
  const bridge = getBridge();
  const serverUrl = await bridge.getServerUrl();
  const client = createPorticoClient({
    url: new URL('/trpc', serverUrl).href,
    getToken: () => bridge.getToken(),
  });
  const queryClient = createQueryClient();
  createRoot(root).render(
    <StrictMode>
      <PorticoQueryProvider client={client} queryClient={queryClient}>
        <App bridge={bridge} />
      </PorticoQueryProvider>
    </StrictMode>,
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
start(root).catch((error: unknown) => {
  console.error(error);
  root.textContent = 'Portico could not start. Close the app and open it again.';
});
