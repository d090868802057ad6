import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The bundle goes straight into the module's classes, so the jar carries it under /console/;
// the admin listener serves it from the classpath. Everything is bundled: nothing from a CDN.
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: 'target/classes/console',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 700,
  },
  server: {
    // `npm run dev` against a node on the default admin port.
    proxy: { '/admin': 'http://127.0.0.1:8081' },
  },
});
