import * as assert from 'node:assert/strict';
import { changesPublishAuth, refreshOnFocus } from '../../../../src/core/policy/refreshTriggers';

describe('changesPublishAuth: terminal command lines that change what publishing meets', () => {
  const cases: [string, boolean][] = [
    ['npm publish', true],
    ['npm publish --otp 123456 --tag beta', true],
    ['pnpm publish --no-git-checks', true],
    ['yarn publish', true],
    ['yarn npm publish', true],
    ['yarn npm login --scope acme', true],
    ['npm login', true],
    ['npm adduser', true],
    ['npm logout', true],
    ['pnpm logout', true],
    ['npm token create --read-only', true],
    ['npm token revoke abcd', true],
    ['npm access set mfa=publish', true],
    ['npm unpublish demo-pkg@1.0.0', true],
    ['npm owner add bob demo-pkg', true],
    ['npm stage publish', true],
    ['npm --registry http://127.0.0.1:4873/ publish', true],
    ['npm --registry=http://127.0.0.1:4873/ login', true],
    ['npm -w packages/a publish', true],
    ['pnpm --filter @acme/lib publish', true],
    ['cd packages/a && npm publish', true],
    ['npm run build; npm publish', true],
    ['npm test || npm login', true],
    ['sudo npm publish', true],
    ['NPM_CONFIG_OTP=1 npm publish', true],
    ['env -i npm login', true],
    ['npx npm publish', true],
    ['/usr/local/bin/npm publish', true],
    ['"C:\\Program Files\\nodejs\\npm.cmd" publish', true],
    ['npm', false],
    ['npm install', false],
    ['npm i left-pad', false],
    ['npm run publish', false],
    ['npm run release', false],
    ['npm test', false],
    ['npm view demo-pkg', false],
    ['npm whoami', false],
    ['yarn', false],
    ['yarn add publish', false],
    ['pnpm install --filter publish', false],
    ['git commit -m "npm publish"', false],
    ['echo npm publish', false],
    ['npmx publish', false],
    ['ls publish', false],
    ['', false],
  ];
  for (const [line, expected] of cases) it(`${JSON.stringify(line)} → ${expected}`, () => assert.equal(changesPublishAuth(line), expected));
});

describe('refreshOnFocus', () => {
  const cases: [number | undefined, number, boolean][] = [
    [undefined, 0, true],
    [1_000, 1_000 + 59_999, false],
    [1_000, 1_000 + 60_000, true],
    [1_000, 1_000 + 3_600_000, true],
  ];
  for (const [checkedAt, now, expected] of cases) {
    it(`checked at ${checkedAt}, now ${now} → ${expected}`, () => assert.equal(refreshOnFocus(checkedAt, now, 60_000), expected));
  }
});
