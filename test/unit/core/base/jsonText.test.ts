import * as assert from 'node:assert/strict';
import { jsonValueSpans } from '../../../../src/core/base/jsonText';

describe('jsonValueSpans: where each value of a JSON text lies', () => {
  it('every value with its keys and its exact text, containers before what they hold', () => {
    const text = '\uFEFF{ "a\\"b": [1, {"c": null}], "s": "x\\\\", "t": true }';
    const spans = jsonValueSpans(text)!;
    assert.deepEqual(spans.map((s) => [s.keys, s.kind, text.slice(s.start, s.end), s.keyStart === undefined ? undefined : text.slice(s.keyStart, s.keyStart + 3)]), [
      [[], 'object', text.slice(1), undefined],
      [['a"b'], 'array', '[1, {"c": null}]', '"a\\'],
      [['a"b', 0], 'literal', '1', undefined],
      [['a"b', 1], 'object', '{"c": null}', undefined],
      [['a"b', 1, 'c'], 'literal', 'null', '"c"'],
      [['s'], 'string', '"x\\\\"', '"s"'],
      [['t'], 'literal', 'true', '"t"'],
    ]);
  });

  it('undefined for what is not JSON', () => {
    assert.equal(jsonValueSpans('{"a": 1,}'), undefined);
    assert.equal(jsonValueSpans(''), undefined);
  });
});
