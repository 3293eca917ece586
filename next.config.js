/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The embedded servers and the SDK run in Node only; keep them out of the bundler.
  serverExternalPackages: ['dynalite', 'kinesalite'],
  typedRoutes: false,
};

export default nextConfig;
