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
import { App, preloadScreens } from './App.js';
import { HttpClient } from './providers/http.js';
import { metaStore } from './providers/metaStore.js';
import { createDataProvider } from './providers/dataProvider.js';
import { createAuthProvider } from './providers/authProvider.js';
import { createI18nProvider } from './i18n/i18nProvider.js';

const http = new HttpClient();

async function boot() {
  // After a logout the next user may see other entities: start afresh from the login page.
  const authProvider = createAuthProvider(http, { afterLogout: () => window.location.assign('/admin/login') });
  // The first screen needs the metadata, the session and the list screen's code: fetch them
  // side by side instead of one after the other. Without a session (auth on) the metadata
  // answers 401 and the login page comes first.
  const [meta] = await Promise.all([metaStore.load(http).catch(() => undefined), authProvider.checkAuth({}).catch(() => undefined), preloadScreens()]);
  // The login page and the first screen speak the company's language (public: /api/public/locale).
  const company = meta ? undefined : await http.json<{ locale: string }>('GET', '/api/public/locale').catch(() => undefined);
  const i18nProvider = createI18nProvider(meta?.user.locale ?? meta?.locale ?? company?.locale ?? navigator.language);
  const dataProvider = createDataProvider(metaStore.get, {});
  createRoot(document.getElementById('root')!).render(
    <App dataProvider={dataProvider} authProvider={authProvider} i18nProvider={i18nProvider} initialMeta={meta} />,
  );
}

void boot();
