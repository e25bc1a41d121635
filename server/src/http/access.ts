// Every route declares who may call it (`config: { access }`); a hook in the auth module
// enforces it, and the authorization-matrix test fails for a route without a declaration.
export const ROLES = ['resident', 'cadre', 'township_admin', 'county_admin'] as const;
export type Role = (typeof ROLES)[number];

// 'public': anyone, signed in or not; 'user': any signed-in user; or a list of roles.
export type Access = 'public' | 'user' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}
