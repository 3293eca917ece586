import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getConfig } from '../config';
import { isRole } from './permissions';
import { verifyCredentials } from './users/verify-credentials';

const SESSION_HOURS = 8;

export function authSecret(): string {
  const secret = getConfig().AUTH_SECRET;
  if (!secret) throw new Error('AUTH_SECRET is not set (npm start generates one in embedded mode).');
  return secret;
}

let options: NextAuthOptions | undefined;

export function getAuthOptions(): NextAuthOptions {
  options ??= {
    secret: authSecret(),
    session: { strategy: 'jwt', maxAge: SESSION_HOURS * 3600 },
    pages: { signIn: '/sign-in' },
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: {
          email: { label: 'Email', type: 'email' },
          password: { label: 'Password', type: 'password' },
        },
        async authorize(credentials) {
          if (!credentials?.email || !credentials.password) return null;
          const user = await verifyCredentials(credentials.email, credentials.password);
          return user ? { id: user.email, email: user.email, name: user.name, role: user.role } : null;
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user && 'role' in user && isRole(user.role)) token.role = user.role;
        return token;
      },
      session({ session, token }) {
        if (session.user && isRole(token.role)) session.user.role = token.role;
        return session;
      },
    },
  };
  return options;
}
