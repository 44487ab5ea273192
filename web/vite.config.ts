import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// `npm run dev` serves the console on :5173 and forwards the API to `mesa serve` (MESA_URL).
const api = process.env.MESA_URL ?? "http://127.0.0.1:8000";

export default defineConfig({
  plugins: [react()],
  build: {
    // Committed: `mesa serve` serves this folder (api/http/console). MESA_CONSOLE_OUT lets the
    // drift test build elsewhere and compare.
    outDir: process.env.MESA_CONSOLE_OUT ?? "../api/http/console/static",
    emptyOutDir: true,
    assetsDir: "assets",
    sourcemap: false,
    chunkSizeWarningLimit: 1000,
  },
  server: {
    fs: { allow: [".."] },
    proxy: {
      "/graphql": { target: api, ws: true, changeOrigin: true },
      "/attachments": { target: api, changeOrigin: true },
      "/reports": { target: api, changeOrigin: true },
    },
  },
});
