import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const backend = process.env.PAIDAN_API ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  // Some libraries' peer ranges pulled a second React into the root node_modules; bundle exactly one (ours).
  resolve: { dedupe: ['react', 'react-dom'] },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/docs': { target: backend, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: {
        // React and the data libraries as long-lived vendor chunks; antd stays split per page by usage.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 30 },
            { name: 'data', test: /node_modules[\\/](@tanstack|zod)[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
});
