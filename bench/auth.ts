/**
 * Makes an admin user and an API token for the benchmark when the core requires authentication.
 * Loaded by tessera-server.ts only when the entity API answers 401 without credentials.
 * Uses the core's AuthService (core/src/auth/service.ts), which createTessera exposes as `auth`.
 */
import { randomBytes } from 'node:crypto';
import type { Tessera } from '../core/src/app.js';

interface AuthLike {
  createUser(input: { username: string; password: string; isAdmin?: boolean; fullName?: string }): Promise<{ id: number }>;
  createApiToken(userId: number, name: string, days?: number): Promise<{ token: string }>;
}

export async function createAdminToken(t: Tessera, authDir: string): Promise<string> {
  const auth = (t as unknown as { auth?: Partial<AuthLike> }).auth;
  if (typeof auth?.createUser !== 'function' || typeof auth?.createApiToken !== 'function')
    throw new Error(
      `the API requires authentication, but createTessera() exposes no auth.createUser/auth.createApiToken (see ${authDir}); update bench/auth.ts`,
    );
  const username = `bench_${randomBytes(4).toString('hex')}`;
  const { id } = await auth.createUser({ username, password: randomBytes(18).toString('base64url'), isAdmin: true, fullName: 'Benchmark administrator' });
  const { token } = await auth.createApiToken(id, 'benchmark', 1);
  return token;
}
