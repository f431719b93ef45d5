/** Boot: load the metadata (its locale decides the first language), then start react-admin. */
import { createRoot } from 'react-dom/client';
import '@fontsource/roboto/latin-400.css';
import '@fontsource/roboto/latin-500.css';
import '@fontsource/roboto/latin-700.css';
import '@fontsource/roboto/latin-ext-400.css';
import '@fontsource/roboto/latin-ext-500.css';
import '@fontsource/roboto/latin-ext-700.css';
import '@fontsource/material-icons/latin-400.css';
import './index.css';
import { App } from './App.js';
import { HttpClient } from './providers/http.js';
import { metaStore } from './providers/metaStore.js';
import { createDataProvider } from './providers/dataProvider.js';
import { createAuthProvider } from './providers/authProvider.js';
import { createI18nProvider } from './i18n/i18nProvider.js';

const http = new HttpClient();

async function boot() {
  // Without a session (auth on) this fails with 401: the login page then comes first.
  const meta = await metaStore.load(http).catch(() => undefined);
  const i18nProvider = createI18nProvider(meta?.locale ?? navigator.language);
  const dataProvider = createDataProvider(metaStore.get, {});
  const authProvider = createAuthProvider(http);
  createRoot(document.getElementById('root')!).render(<App dataProvider={dataProvider} authProvider={authProvider} i18nProvider={i18nProvider} />);
}

void boot();
