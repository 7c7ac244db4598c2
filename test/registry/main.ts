// `node out/test/registry/main.js --port N [--scenario NAME] [--verbose]`: the local registry, standalone.
import { startRegistry } from './server';
import { scenarios } from './scenarios';

function argument(name: string): string | undefined {
  const args = process.argv.slice(2);
  const index = args.indexOf(`--${name}`);
  if (index >= 0) return args[index + 1];
  return args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

async function main(): Promise<void> {
  const port = Number(argument('port') ?? 0);
  const scenario = argument('scenario') ?? 'default';
  if (!Number.isInteger(port) || port < 0) throw new Error(`--port must be a port number, got ${argument('port')}`);
  if (!scenarios[scenario]) throw new Error(`unknown scenario "${scenario}" (known: ${Object.keys(scenarios).join(', ')})`);
  const registry = await startRegistry({ port, host: argument('host') ?? '127.0.0.1', scenario, verbose: process.argv.includes('--verbose') });
  const { otp, users, tokens } = registry.credentials();
  const lines = [
    `listening on ${registry.url}`,
    '',
    `scenario: ${scenario}`,
    `one-time password accepted by the demo TOTP accounts: ${otp}`,
    '',
    'users (password, 2FA):',
    ...users.map((u) => `  ${u.name.padEnd(8)} ${u.password.padEnd(16)} ${u.twoFactor === 'passkey' ? 'passkey only (browser approval)' : u.twoFactor}`),
    '',
    'tokens (put one in an .npmrc as //' + registry.url.replace(/^https?:\/\//, '') + ':_authToken=<token>):',
    ...tokens.map((t) => `  ${t.token}  ${t.label ?? `${t.user}: ${t.kind} token ${t.name}`}${t.revoked ? ' [revoked]' : ''}`),
    '',
    `control API: ${registry.url}-/_control/{state,credentials,otp,otp-window,pending,approve,skip-2fa/end,clock,faults,requests,reset}`,
    'stop with Ctrl+C',
  ];
  console.log(lines.join('\n'));
  const stop = (): void => {
    registry.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
