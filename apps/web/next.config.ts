import type { NextConfig } from 'next';

/**
 * The browser talks to one origin: `/api/*` is proxied to the Fastify API on loopback, so cookies are
 * first-party and no CORS is involved. Only the port is configurable (API_PORT, like the API itself).
 */
const apiOrigin = `http://127.0.0.1:${process.env.API_PORT || '4000'}`;

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
  async rewrites() {
    return [{ source: '/api/:path*', destination: `${apiOrigin}/:path*` }];
  },
  async headers() {
    // API responses carry the API's own headers; everything else gets ours.
    return [{ source: '/((?!api/).*)', headers: securityHeaders }];
  },
};

export default nextConfig;
