import { createContext, useContext } from 'react';
import type { ApiClient } from './api/api-client';
import type { Me } from './api/types';
import type { Language } from './format/format';

export interface AppContextValue {
  readonly api: ApiClient;
  readonly me: Me | null;
  readonly language: Language;
  readonly navigate: (path: string) => void;
  readonly signedIn: (me: Me) => void;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (value === null) throw new Error('useApp outside AppContext');
  return value;
}
