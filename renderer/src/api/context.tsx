import { createContext, useContext, type ReactNode } from 'react';
import type { ClearsightApi } from '../../../electron/contract/api.ts';

const ApiContext = createContext<ClearsightApi | null>(null);

export function ApiProvider({ api, children }: { api: ClearsightApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): ClearsightApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiProvider');
  return api;
}
