import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const sharedSrc = path.resolve(here, '../shared/src');
const apiTarget = process.env.SHUYUN_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: here,
  plugins: [react()],
  resolve: {
    // The root node_modules holds an older React hoisted for other packages; the app and every
    // library it bundles must share this package's React 19.
    dedupe: ['react', 'react-dom'],
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/metrics': { target: apiTarget, changeOrigin: false },
    },
  },
  build: {
    outDir: path.resolve(here, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      treeshake: {
        // @shuyun/shared is plain declarations (no side effects); this lets the bundle drop the
        // zod schemas the web does not call.
        moduleSideEffects: (id: string) => (id.startsWith(sharedSrc) ? false : undefined),
      },
    },
  },
});
