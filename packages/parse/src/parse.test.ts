import { describe, expect, it } from 'vitest';
import { parse } from './parse';
import { ParseError } from './types';

describe('parse: valid text 0.0.4', () => {
  it('reads families, escapes, special values and timestamps', () => {
    const text = [
      '# HELP http_requests_total Requests, with "quotes" and a \\\\ and a\\nnewline.',
      '# TYPE http_requests_total counter',
      'http_requests_total{method="GET",path="a\\"b\\\\c\\nd"} 3 1700000000000',
      'http_requests_total{method="POST",} 1',
      '',
      '# a plain comment',
      '# TYPE temperature gauge',
      'temperature +Inf',
      'temperature{x="1"} -Inf',
      'temperature{x="2"} NaN',
      'temperature{x="3"} 1.5e-3',
      'no_descriptors 42',
    ].join('\n');
    expect(parse(text)).toEqual([
      {
        name: 'http_requests_total',
        type: 'counter',
        help: 'Requests, with "quotes" and a \\ and a\nnewline.',
        samples: [
          { name: 'http_requests_total', labels: { method: 'GET', path: 'a"b\\c\nd' }, value: 3, timestamp: 1700000000000 },
          { name: 'http_requests_total', labels: { method: 'POST' }, value: 1 },
        ],
      },
      {
        name: 'temperature',
        type: 'gauge',
        samples: [
          { name: 'temperature', labels: {}, value: Infinity },
          { name: 'temperature', labels: { x: '1' }, value: -Infinity },
          { name: 'temperature', labels: { x: '2' }, value: Number.NaN },
          { name: 'temperature', labels: { x: '3' }, value: 0.0015 },
        ],
      },
      { name: 'no_descriptors', type: 'untyped', samples: [{ name: 'no_descriptors', labels: {}, value: 42 }] },
    ]);
  });

  it('groups histogram and summary samples into their family', () => {
    const text = [
      '# TYPE latency histogram',
      'latency_bucket{le="0.1"} 1',
      'latency_bucket{le="+Inf"} 2',
      'latency_sum 0.3',
      'latency_count 2',
      '# TYPE rpc summary',
      'rpc{quantile="0.5"} 0.01',
      'rpc_sum 1',
      'rpc_count 10',
    ].join('\n');
    expect(parse(text).map((f) => [f.name, f.type, f.samples.map((s) => s.name)])).toEqual([
      ['latency', 'histogram', ['latency_bucket', 'latency_bucket', 'latency_sum', 'latency_count']],
      ['rpc', 'summary', ['rpc', 'rpc_sum', 'rpc_count']],
    ]);
  });
});

describe('parse: valid OpenMetrics 1.0', () => {
  it('reads counters, units, exemplars, float timestamps, info, stateset and empty families', () => {
    const text = [
      '# TYPE requests counter',
      '# HELP requests Requests \\"served\\".',
      'requests_total{code="200"} 7 # {trace_id="abc"} 1 1520879607.789',
      'requests_created{code="200"} 1520430000.123',
      '# TYPE latency_seconds histogram',
      '# UNIT latency_seconds seconds',
      'latency_seconds_bucket{le="1.0"} 1 # {trace_id="x"} 0.5',
      'latency_seconds_bucket{le="+Inf"} 1',
      'latency_seconds_sum 0.5',
      'latency_seconds_count 1',
      '# TYPE build info',
      'build_info{version="1.2"} 1',
      '# TYPE feature stateset',
      'feature{feature="a"} 1',
      '# TYPE idle gauge',
      'temp 21.5 1520879607.5',
      '# EOF',
      '',
    ].join('\n');
    const families = parse(text);
    expect(families.map((f) => [f.name, f.type, f.unit, f.samples.length])).toEqual([
      ['requests', 'counter', undefined, 2],
      ['latency_seconds', 'histogram', 'seconds', 4],
      ['build', 'info', undefined, 1],
      ['feature', 'stateset', undefined, 1],
      ['idle', 'gauge', undefined, 0],
      ['temp', 'unknown', undefined, 1],
    ]);
    expect(families[0]?.help).toBe('Requests "served".');
    expect(families[0]?.samples[0]).toEqual({
      name: 'requests_total',
      labels: { code: '200' },
      value: 7,
      exemplar: { labels: { trace_id: 'abc' }, value: 1, timestamp: 1520879607.789 },
    });
    expect(families[1]?.samples[0]?.exemplar).toEqual({ labels: { trace_id: 'x' }, value: 0.5 });
    expect(families[5]?.samples[0]?.timestamp).toBe(1520879607.5);
  });

  it('takes a text ending in # EOF for OpenMetrics unless told otherwise', () => {
    expect(parse('# TYPE a counter\na_total 1\n# EOF\n')[0]?.name).toBe('a');
    expect(() => parse('# TYPE a counter\na_total 1\n', { format: 'openmetrics' })).toThrow('line 3: expected "# EOF" at the end');
  });
});

// Each invalid input, the line of its first problem and a fragment of the message.
const invalid: [string, string, number, string][] = [
  ['text', 'a{b="c} 1\n', 1, 'expected a closing quote'],
  ['text', 'a{b="c\\t"} 1\n', 1, 'expected one of the escapes'],
  ['text', 'a{1b="c"} 1\n', 1, 'expected a label name, got "1b'],
  ['text', 'a{b="c" d="e"} 1\n', 1, 'expected "," or "}"'],
  ['text', 'a{b="c",b="d"} 1\n', 1, 'label "b" appears twice'],
  ['text', 'a{b="c"}1\n', 1, 'expected a space and the value'],
  ['text', 'a one\n', 1, 'expected a number (the value), got "one"'],
  ['text', 'a 1 2 3\n', 1, 'expected the end of the line'],
  ['text', 'a 1 1.5\n', 1, 'expected an integer timestamp'],
  ['text', '1a 1\n', 1, 'expected a metric name'],
  ['text', 'a\n', 1, 'expected a space and the value'],
  ['text', '# TYPE a gauge\n# TYPE a gauge\n', 2, 'TYPE of "a" given twice'],
  ['text', '# HELP a x\n# HELP a y\n', 2, 'HELP of "a" given twice'],
  ['text', '# TYPE a nonsense\n', 1, 'expected a type'],
  ['text', 'a 1\n# TYPE a gauge\n', 2, 'expected TYPE of "a" before its samples'],
  ['text', '# TYPE a gauge\na 1\nb 1\na{x="1"} 2\n', 4, 'metric family "a" appears in two places'],
  ['text', '# HELP a bad \\t escape\n', 1, 'expected one of the escapes \\\\, \\n in HELP'],
  ['text', '# HELP a \\"quoted\\"\n', 1, 'in HELP, got "\\""'],
  ['text', '# TYPE h histogram\nh_bucket 1\n', 2, 'expected an "le" label'],
  ['text', '# TYPE s summary\ns 1\n', 2, 'expected a "quantile" label'],
  ['text', 'a 1 # {t="x"} 1\n', 1, 'expected the end of the line, got "# {t'],
  ['openmetrics', 'a 1\n', 2, 'expected "# EOF" at the end'],
  ['openmetrics', 'a 1\n# EOF\nb 1\n', 3, 'expected nothing after "# EOF"'],
  ['openmetrics', 'a 1\n\n# EOF\n', 2, 'got an empty line'],
  ['openmetrics', '# a comment\n# EOF\n', 1, 'expected "# HELP", "# TYPE", "# UNIT" or "# EOF"'],
  ['openmetrics', '# TYPE a counter\na 1\n# EOF\n', 2, '"a" belongs to two metric families'],
  ['openmetrics', '# TYPE a counter\na_total -1\n# EOF\n', 2, 'of the counter "a": expected a value >= 0'],
  ['openmetrics', '# TYPE a_seconds gauge\n# UNIT a_seconds bytes\n# EOF\n', 2, 'to end in "_bytes"'],
  ['openmetrics', '# TYPE a gauge\na 1 # {t="x"} 1\n# EOF\n', 2, 'expected no exemplar'],
  ['openmetrics', '# TYPE a counter\na_total 1 # t="x" 1\n# EOF\n', 2, 'expected "{"'],
  ['openmetrics', '# TYPE a untyped\n# EOF\n', 1, 'expected a type'],
  ['openmetrics', '# UNIT a_s s\n# UNIT a_s s\n# EOF\n', 2, 'UNIT of "a_s" given twice'],
];

describe('parse: invalid input', () => {
  it.each(invalid)('rejects %s %j at line %i with "%s"', (format, text, line, message) => {
    let error: unknown;
    try {
      parse(text, { format: format as 'text' | 'openmetrics' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).line).toBe(line);
    expect((error as ParseError).message).toContain(`line ${line}: `);
    expect((error as ParseError).message).toContain(message);
  });
});
