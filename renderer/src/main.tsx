import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectApi } from './api/client.ts';
import { ApiProvider } from './api/context.tsx';
import { App } from './App.tsx';
import { LocaleProvider } from './i18n/locale.tsx';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApiProvider api={connectApi()}>
      <LocaleProvider>
        <App />
      </LocaleProvider>
    </ApiProvider>
  </StrictMode>,
);
