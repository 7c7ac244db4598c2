// An owner disposed while one of its awaits is pending (the global npmrc watcher waits for npm to
// be located) must not leak what it creates when the await resolves.
import * as assert from 'node:assert/strict';
import { Disposable } from '../../../src/ui/disposable';

class Owner extends Disposable {
  readonly log: string[] = [];
  add(name: string): void {
    this.register({ dispose: () => this.log.push(`disposed ${name}`) });
  }
  /** As RefreshWatchers does: register once the await resolves, unless disposed meanwhile. */
  async addLater(name: string, ready: Promise<void>, checkFirst: boolean): Promise<void> {
    await ready;
    if (checkFirst && this.isDisposed) return void this.log.push(`skipped ${name}`);
    this.add(name);
  }
}

describe('Disposable', () => {
  it('disposes what it holds once, last registered first', () => {
    const owner = new Owner();
    owner.add('a');
    owner.add('b');
    owner.dispose();
    owner.dispose();
    assert.deepEqual(owner.log, ['disposed b', 'disposed a']);
  });

  it('releases at once what is registered after dispose (an await that resolved late)', async () => {
    const owner = new Owner();
    let resolve!: () => void;
    const pending = owner.addLater('watcher', new Promise<void>((r) => (resolve = r)), false);
    owner.dispose();
    resolve();
    await pending;
    assert.deepEqual(owner.log, ['disposed watcher']);
  });

  it('lets late work skip creating anything once disposed', async () => {
    const owner = new Owner();
    let resolve!: () => void;
    const pending = owner.addLater('watcher', new Promise<void>((r) => (resolve = r)), true);
    owner.dispose();
    resolve();
    await pending;
    assert.deepEqual(owner.log, ['skipped watcher']);
  });
});
