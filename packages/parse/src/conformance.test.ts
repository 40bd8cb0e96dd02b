import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { conformanceCases } from '../test/openmetrics-cases';
import { parse } from './parse';
import { ParseError } from './types';

const verdict = (text: string): true | ParseError => {
  try {
    parse(text, { format: 'openmetrics' });
    return true;
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
};

describe('parse: the OpenMetrics conformance cases', () => {
  it.each(conformanceCases.filter((c) => c.valid).map((c) => [c.name, c.text] as const))('accepts %s', (_, text) => {
    expect(verdict(text)).toBe(true);
  });

  it.each(conformanceCases.filter((c) => !c.valid).map((c) => [c.name, c.text, c.about] as const))('rejects %s with an error about %s', (_, text, about) => {
    const result = verdict(text);
    expect(result).toBeInstanceOf(ParseError);
    expect((result as ParseError).message).toContain(about);
  });

  it("agrees on every case with Python prometheus_client's OpenMetrics parser", () => {
    const script = [
      'import json, sys',
      'from prometheus_client.openmetrics.parser import text_string_to_metric_families as parse',
      'def ok(text):',
      '    try:',
      '        list(parse(text))',
      '        return True',
      '    except Exception:',
      '        return False',
      'print(json.dumps([ok(text) for text in json.load(sys.stdin)]))',
    ].join('\n');
    const python = spawnSync('python3', ['-c', script], { input: JSON.stringify(conformanceCases.map((c) => c.text)), encoding: 'utf8' });
    expect(python.stderr).toBe('');
    const verdicts = JSON.parse(python.stdout) as boolean[];
    const disagreements = conformanceCases.filter((c, i) => verdicts[i] !== c.valid).map((c) => c.name);
    expect(disagreements).toEqual([]);
  });
});
