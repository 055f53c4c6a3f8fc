// Public surface of @portico/api-client: the typed tRPC client, Query defaults, React wiring, error helpers.
export { createPorticoClient, type PorticoClient, type PorticoClientOptions } from './client';
export { createQueryClient, shouldRetryQuery } from './query-client';
export {
  createPorticoOptionsProxy,
  PorticoQueryProvider,
  TRPCProvider,
  useTRPC,
  useTRPCClient,
  type PorticoQueryProviderProps,
  type PorticoTRPC,
} from './react';
export {
  describeClientError,
  isClientFault,
  isUnauthorized,
  NETWORK_ERROR_MESSAGE,
  SERVER_ERROR_MESSAGE,
  type ClientErrorInfo,
} from './errors';
export type { RouterInputs, RouterOutputs } from './types';
