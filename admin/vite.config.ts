import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiTarget = process.env.API_URL ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: {
      // Plain constants shared with the server (strategies, statuses, countries, messages).
      '@vocabulary': fileURLToPath(new URL('../server/src/vocabulary', import.meta.url)),
    },
  },
  server: {
    port: Number(process.env.ADMIN_PORT ?? 5173),
    proxy: { '/api': apiTarget },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
});
