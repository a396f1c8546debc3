// The web app's build: `npm run build -w services/web` → services/web/dist, served by the
// gateway at `/`. In development (`npm run dev -w services/web`) /api goes to the gateway.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': { target: process.env.GATEWAY_URL ?? 'http://127.0.0.1:8080' } },
  },
});
