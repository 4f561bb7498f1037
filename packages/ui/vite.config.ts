import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // One chunk per page would save little: the whole UI is a few hundred kilobytes.
    chunkSizeWarningLimit: 1024,
  },
  server: {
    // `npm run dev -w @sextant/ui` serves the UI with hot reload against a server on 4318.
    proxy: { '/api': 'http://127.0.0.1:4318', '/v1': 'http://127.0.0.1:4318' },
  },
});
