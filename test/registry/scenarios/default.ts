// The demo world used by the sandbox, the e2e tests and the conformance suite.
import { DEMO_OTP } from './helpers';
import { demoToken } from '../tokenFormat';
import type { Scenario } from './types';

export const defaultScenario: Scenario = {
  name: 'default',
  description: `Demo accounts; TOTP users accept the one-time password ${DEMO_OTP}.`,
  users: [
    { name: 'alice', password: 'alice-password', twoFactor: 'auth-and-writes', scopes: ['@demo'] },
    { name: 'carol', password: 'carol-password', twoFactor: 'passkey' },
    { name: 'dave', password: 'dave-password', twoFactor: 'none' },
    { name: 'bob', password: 'bob-password', twoFactor: 'auth-only' },
  ],
  tokens: [
    { kind: 'session', user: 'alice', value: demoToken('alice-session'), label: 'alice: session token (npm login, 2 hours)' },
    { kind: 'session', user: 'carol', value: demoToken('carol-session'), label: 'carol: session token (passkey-only account)' },
    { kind: 'session', user: 'dave', value: demoToken('dave-session'), label: 'dave: session token (account without 2FA)' },
    { kind: 'session', user: 'bob', value: demoToken('bob-session'), label: 'bob: session token (not a maintainer of demo packages)' },
    {
      kind: 'granular', user: 'alice', value: demoToken('alice-bypass'), name: 'ci-publish', description: 'CI publish (bypass 2FA)',
      label: 'alice: write GAT with bypass 2FA on demo-pkg, demo-none, @alice/tools, @alice/locked',
      permission: 'read-write', bypass2fa: true, packages: ['demo-pkg', 'demo-none', '@alice/tools', '@alice/locked'], expiresInDays: 30,
    },
    {
      kind: 'granular', user: 'alice', value: demoToken('alice-write'), name: 'laptop', description: 'Write, 2FA enforced',
      label: 'alice: write GAT without bypass (2FA challenge) on all her packages',
      permission: 'read-write', allPackages: true, expiresInDays: 7,
    },
    {
      kind: 'granular', user: 'alice', value: demoToken('alice-readonly'), name: 'read-only', description: 'Read only',
      label: 'alice: read-only GAT on all her packages', permission: 'read-only', allPackages: true, expiresInDays: 365,
    },
    {
      kind: 'granular', user: 'alice', value: demoToken('alice-stage'), name: 'stage-only', description: 'Stage only',
      label: 'alice: stage-only GAT on demo-pkg (npm publish → E_STAGE_REQUIRED)', permission: 'stage-only', packages: ['demo-pkg'], expiresInDays: 30,
    },
    {
      kind: 'granular', user: 'alice', value: demoToken('alice-other'), name: 'tools-only', description: 'Only @alice/tools',
      label: 'alice: bypass write GAT scoped to @alice/tools only', permission: 'read-write', bypass2fa: true, packages: ['@alice/tools'], expiresInDays: 30,
    },
    {
      kind: 'granular', user: 'alice', value: demoToken('alice-expired'), name: 'old-ci', description: 'Expired yesterday',
      label: 'alice: expired GAT', permission: 'read-write', bypass2fa: true, allPackages: true, expiresInDays: -1,
    },
    {
      kind: 'granular', user: 'alice', value: demoToken('alice-revoked'), name: 'leaked', description: 'Revoked',
      label: 'alice: revoked GAT', permission: 'read-write', allPackages: true, expiresInDays: 30, revoked: true,
    },
  ],
  packages: [
    {
      name: 'demo-pkg', description: 'Unscoped, default publishing access, 1.0.0 published',
      maintainers: ['alice', 'carol', 'dave'], readers: ['bob'], publishingAccess: 'automation', versions: [{ version: '1.0.0' }],
    },
    { name: 'demo-none', description: 'Publishing access "don\'t require 2FA" (mfa=none)', maintainers: ['alice', 'dave'], publishingAccess: 'none', versions: [{ version: '0.1.0' }] },
    { name: '@alice/tools', description: 'Scoped, default publishing access', maintainers: ['alice', 'carol'], publishingAccess: 'automation', versions: [{ version: '0.1.0' }] },
    {
      name: '@alice/locked', description: '"Require 2FA and disallow tokens", published by trusted publishing',
      maintainers: ['alice', 'carol'], publishingAccess: 'publish',
      versions: [{ version: '1.0.0', daysAgo: 60 }, { version: '1.1.0', publishedBy: 'trusted-publisher', daysAgo: 3 }],
      trust: [{ type: 'github', claims: { repository: 'alice/locked', workflow_ref: { file: 'publish.yml' } }, permissions: ['createPackage'] }],
    },
    { name: 'bob-pkg', description: 'Owned by bob', maintainers: ['bob'], publishingAccess: 'automation', versions: [{ version: '2.0.0' }] },
  ],
};
