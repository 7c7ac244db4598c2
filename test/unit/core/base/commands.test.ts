// The command catalog (src/core/base/commands.ts) is the one place a command is written: package.json
// contributes exactly its commands, with its titles and icons, and no other source file spells an id.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ACTION_COMMANDS, COMMANDS, commandSpec, fixFor, type CommandSpec } from '../../../../src/core/base/commands';
import { english } from '../../../../src/core/base/localize';

const root = path.resolve(__dirname, '../../../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string; title: string; category?: string; icon?: string }[] };
};
const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
const catalog = Object.entries(COMMANDS) as [string, CommandSpec][];

/** VS Code's Title Case: every word capitalised but the short connecting ones. */
const SMALL_WORDS = new Set(['a', 'an', 'and', 'as', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'with']);
function isTitleCase(text: string): boolean {
  return text.split(' ').every((word, index) => !/^[a-z]/.test(word) || (index > 0 && SMALL_WORDS.has(word)));
}

describe('the command catalog', () => {
  it('package.json contributes every command of the catalog', () => {
    const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
    assert.deepEqual(catalog.map(([, spec]) => spec.id).filter((id) => !contributed.has(id)), []);
  });

  it('package.json contributes no command the catalog does not have', () => {
    const known = new Set(catalog.map(([, spec]) => spec.id));
    assert.deepEqual(manifest.contributes.commands.map((c) => c.command).filter((id) => !known.has(id)), []);
  });

  for (const [name, spec] of catalog) {
    it(`${spec.id}: package.json has its title (through package.nls.json), icon and the npm category`, () => {
      const contributed = manifest.contributes.commands.find((c) => c.command === spec.id)!;
      assert.equal(contributed.title, `%command.${name}%`);
      assert.equal(nls[`command.${name}`], spec.title);
      assert.equal(contributed.icon, spec.icon);
      assert.equal(contributed.category, 'npm');
    });
  }

  it('ids are unique and named after the catalog entry', () => {
    for (const [name, spec] of catalog) assert.equal(spec.id, `npmPublishAuth.${name}`);
  });

  it('palette and button titles are in Title Case', () => {
    const wrong = catalog.flatMap(([, spec]) => [spec.title, spec.button]).filter((title) => !isTitleCase(title));
    assert.deepEqual(wrong, []);
  });

  it('a fix carries the catalog\'s button title, localized', () => {
    assert.deepEqual(fixFor(COMMANDS.login.id, english), { command: 'npmPublishAuth.login', title: 'Log In' });
    assert.deepEqual(fixFor(COMMANDS.generateToken.id, (m) => `«${m}»`), { command: 'npmPublishAuth.generateToken', title: '«Generate Token…»' });
    assert.equal(commandSpec(COMMANDS.bumpVersion.id).button, 'Bump Version…');
  });

  it('the tooltip and menu may offer every fix and Show Log, and nothing else', () => {
    assert.deepEqual([...ACTION_COMMANDS].sort(), catalog.filter(([, spec]) => spec.offered).map(([, spec]) => spec.id).sort());
    assert.ok(ACTION_COMMANDS.includes(COMMANDS.showLog.id));
    // Log Out is offered too: it asks a modal confirmation before it revokes anything.
    assert.equal(commandSpec(COMMANDS.logout.id).trusted, true);
  });

  it('the commands that send a secret to the registry ask before an insecure connection (Bump Version sends none)', () => {
    const sending = catalog.filter(([, spec]) => spec.sendsSecrets).map(([name]) => name).sort();
    assert.deepEqual(sending, ['generateToken', 'login', 'logout', 'publish', 'publishRelease', 'revokeTrustedPublishing', 'setPublishingAccess', 'setUpTrustedPublishing', 'showTrustedPublishing']);
    assert.ok(catalog.every(([, spec]) => !spec.sendsSecrets || spec.trusted), 'each of them asks for trust first, too');
  });

  it('the commands that write, publish or run npm ask for a trusted folder', () => {
    const trusted = catalog.filter(([, spec]) => spec.trusted).map(([name]) => name).sort();
    assert.deepEqual(trusted, ['bumpVersion', 'bumpVersions', 'generateToken', 'login', 'logout', 'publish', 'publishRelease', 'removeProjectCredential', 'revokeTrustedPublishing', 'setPublishingAccess', 'setUpTrustedPublishing', 'showTrustedPublishing']);
  });

  it('no other source file spells a command id', () => {
    const files = (function walk(dir: string): string[] {
      return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    })(path.join(root, 'src')).filter((file) => file.endsWith('.ts') && !file.endsWith(path.join('core', 'base', 'commands.ts')));
    const ids = catalog.map(([, spec]) => spec.id);
    const spelled = files.flatMap((file) => {
      const text = fs.readFileSync(file, 'utf8');
      return ids.filter((id) => new RegExp(`${id.replace('.', '\\.')}\\b`).test(text)).map((id) => `${path.relative(root, file)}: ${id}`);
    });
    assert.deepEqual(spelled, []);
  });
});
