import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { format, MESSAGES, type Locale, type MessageKey } from './messages.ts';

interface LocaleState {
  locale: Locale;
  setLocale(l: Locale): void;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  /** A number in the locale's style (thousands separators). */
  n(x: number): string;
}

const LocaleContext = createContext<LocaleState | null>(null);
const STORAGE_KEY = 'clearsight.locale';

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => (localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN'));
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const setLocale = useCallback((l: Locale) => {
    localStorage.setItem(STORAGE_KEY, l);
    setLocaleState(l);
  }, []);
  const t = useCallback((key: MessageKey, vars?: Record<string, string | number>) => format(MESSAGES[locale][key], vars), [locale]);
  const n = useCallback((x: number) => x.toLocaleString(locale === 'en' ? 'en-US' : 'zh-CN'), [locale]);
  return <LocaleContext.Provider value={{ locale, setLocale, t, n }}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleState {
  const s = useContext(LocaleContext);
  if (!s) throw new Error('useLocale outside LocaleProvider');
  return s;
}
