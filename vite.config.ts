import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";
import tailwindcss from "@tailwindcss/vite";

/**
 * The built page's Content-Security-Policy. Scripts and workers only from the page itself; fetches
 * to any http(s) URL, because Ollama may be anywhere; images only from the page or data: URLs;
 * inline styles allowed (React and Recharts set style attributes); nothing to embed, no <base>, no
 * form submissions. Model output is never HTML, so this is the second line of defence.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "connect-src http: https:",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
].join("; ");

/**
 * Adds the policy as a <meta http-equiv> to the built index.html only: the dev server injects an
 * inline script (React Refresh) that `script-src 'self'` would block.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: "tokenscope:content-security-policy",
    apply: "build",
    transformIndexHtml: () => [
      {
        tag: "meta",
        attrs: { "http-equiv": "Content-Security-Policy", content: CONTENT_SECURITY_POLICY },
        injectTo: "head-prepend",
      },
    ],
  };
}

export default defineConfig({
  plugins: [react(), tailwindcss(), contentSecurityPolicy()],
  server: { host: "127.0.0.1", port: 5173, strictPort: true },
  preview: {
    host: "127.0.0.1",
    port: 4173,
    strictPort: true,
    // The browser tests also open the page as http://tokenscope.test (an origin Ollama refuses).
    allowedHosts: ["tokenscope.test"],
  },
});
