import type { NextConfig } from 'next';

/**
 * The browser talks to one origin: `/api/*` is streamed to the Fastify API by the web server itself
 * (server/main.ts, decision 0007), so cookies are first-party, no CORS is involved, and the API's address
 * is read when the server starts — it is not part of the build.
 */
/** Hardening headers for every page. The CSP (nonce-based) is set per request in src/proxy.ts. */
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Workspace package shipped as TypeScript source (with `.ts` import specifiers). The browser-side API
  // client imports `@ct/contracts/auth` (a tsconfig path to the zod-free module) so that zod, needed only
  // by forms, is not in every page's first load; the barrel has no `sideEffects: false` to tree-shake.
  transpilePackages: ['@ct/contracts'],
  async headers() {
    // API responses carry the API's own headers (the web server never hands /api to Next); pages get ours.
    return [{ source: '/((?!api/).*)', headers: securityHeaders }];
  },
};

export default nextConfig;
