import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The core serves admin-ui/dist under /admin/; `pnpm dev` proxies /api to a running core (TESSERA_URL). */
const api = process.env.TESSERA_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  server: { port: Number(process.env.VITE_PORT ?? 5173), proxy: { '/api': { target: api, changeOrigin: true } } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 900,
    reportCompressedSize: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate, long-cached chunks.
        codeSplitting: {
          groups: [
            { name: 'vendor-react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 30 },
            { name: 'vendor-mui', test: /node_modules[\\/](@mui|@emotion|@popperjs|react-transition-group|stylis|@babel[\\/]runtime)[\\/]/, priority: 20 },
            {
              name: 'vendor-ra',
              test: /node_modules[\\/](react-admin|ra-[a-z-]+|@tanstack|react-hook-form|react-router|react-router-dom|lodash|node-polyglot|query-string|inflection|dompurify|jsonexport|react-dropzone|react-error-boundary|react-hotkeys-hook|date-fns|clsx)[\\/]/,
              priority: 10,
            },
          ],
        },
      },
    },
  },
});
