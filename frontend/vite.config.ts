import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vitest/config';

// The control plane the dev server forwards to (`gatehouse serve` listens on :9080 by default).
const controlPlane = process.env.GATEHOUSE_URL ?? 'http://127.0.0.1:9080';

// The Go binary embeds dist/ with go:embed, which needs the folder to hold a committed file
// even before the first build; emptyOutDir removes it, so put it back after each build.
function keepDistMarker(): Plugin {
  return {
    name: 'gatehouse-keep-dist-marker',
    apply: 'build',
    closeBundle() {
      writeFileSync(resolve(import.meta.dirname, 'dist/.keep'), '');
    },
  };
}

export default defineConfig({
  base: '/',
  plugins: [react(), keepDistMarker()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/graphql': controlPlane,
      '/auth': controlPlane,
      '/healthz': controlPlane,
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
  },
});
