import { describe, expect, it } from 'vitest';
import {
  redactKnownSecrets,
  redactKnownSecretsDeep,
  redactSecrets,
  secretsInEnvironment,
  secretsInHeaders,
  secretsInURL,
} from './redact-secrets.js';

describe('redactSecrets', () => {
  it('masks the userinfo of URLs and keeps scheme, host, port and path', () => {
    expect(redactSecrets('cannot connect to https://alice:s3cr3t@proxy.example.com:8443/v1 (ECONNREFUSED)')).toBe(
      'cannot connect to https://***@proxy.example.com:8443/v1 (ECONNREFUSED)',
    );
    expect(redactSecrets('http://tokenonly@127.0.0.1/v1')).toBe('http://***@127.0.0.1/v1');
  });

  it('masks query parameters named like credentials and keeps the others', () => {
    expect(
      redactSecrets('POST https://h.example/v1/chat?api-version=2024-06-01&api_key=abc123&model=gpt-4o&sig=Zz%2Fq'),
    ).toBe('POST https://h.example/v1/chat?api-version=2024-06-01&api_key=***&model=gpt-4o&sig=***');
    for (const name of ['key', 'apikey', 'API_KEY', 'token', 'access_token', 'secret', 'password', 'signature']) {
      expect(redactSecrets(`https://h/v1?${name}=value1&x=2`)).toBe(`https://h/v1?${name}=***&x=2`);
    }
    expect(redactSecrets('https://h/v1?max_tokens=5&monkey=1')).toBe('https://h/v1?max_tokens=5&monkey=1');
    expect(redactSecrets('failed (https://h/v1?key=k1), then [https://h/v1?sig=s2]')).toBe(
      'failed (https://h/v1?key=***), then [https://h/v1?sig=***]',
    );
  });

  it('masks keys of well-known shapes, keeping the prefix that says which kind of key it was', () => {
    expect(redactSecrets('Incorrect API key provided: sk-proj-AbCdEf0123456789xyzXYZ.')).toBe(
      'Incorrect API key provided: sk-proj-***.',
    );
    expect(redactSecrets('key sk-ant-api03-AbCdEf0123456789_xyz-XYZ refused')).toBe('key sk-ant-*** refused');
    expect(redactSecrets('"AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW" is invalid')).toBe('"AIza***" is invalid');
    expect(redactSecrets('token ghp_abcdefghijklmnopqrstuvwxyz0123456789')).toBe('token ghp_***');
    expect(redactSecrets('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTYifQ.c2lnbmF0dXJl')).toBe('eyJ***');
  });

  it('leaves words that only resemble keys', () => {
    const text = 'uses sk-learn-compatible-estimators and a risk-assessment-of-the-model; basic arithmetic';
    expect(redactSecrets(text)).toBe(text);
  });

  it('masks bearer tokens, and basic ones after Authorization', () => {
    expect(redactSecrets('sent Authorization: Bearer abc.DEF-123_xyz')).toBe('sent Authorization: Bearer ***');
    expect(redactSecrets('{"authorization":"Basic dXNlcjpwYXNzd29yZA=="}')).toBe('{"authorization":"Basic ***"}');
  });

  it('masks named values as environment assignments, JSON bodies and header lines write them', () => {
    expect(redactSecrets('OPENAI_API_KEY=abc123def is set')).toBe('OPENAI_API_KEY=*** is set');
    expect(redactSecrets('{"error":{"api_key":"abc123def","code":401}}')).toBe(
      '{"error":{"api_key":"***","code":401}}',
    );
    expect(redactSecrets('x-api-key: abc123def')).toBe('x-api-key: ***');
    expect(redactSecrets('password=hunter22&user=bob')).toBe('password=***&user=bob');
  });

  it('keeps hints that name a variable without a value', () => {
    const hints = ['export OPENAI_API_KEY=<your OpenAI API key>', 'check OPENAI_COMPATIBLE_API_KEY'];
    for (const hint of hints) expect(redactSecrets(hint)).toBe(hint);
  });

  it('masks known values wherever they appear, also URL-encoded or escaped in JSON', () => {
    const key = 'plain/looking+key"value';
    const echoed = `bad key ${key}, as a parameter ${encodeURIComponent(key)}, in JSON ${JSON.stringify(key)}`;
    expect(redactSecrets(echoed, [key])).toBe('bad key ***, as a parameter ***, in JSON "***"');
  });

  it('masks a key that contains another known value whole', () => {
    expect(redactSecrets('got longsecret-with-suffix', ['longsecret', 'longsecret-with-suffix'])).toBe('got ***');
  });

  it('leaves known values too short to be keys, which would garble ordinary text', () => {
    expect(redactSecrets('the test passed', ['test', ''])).toBe('the test passed');
  });

  it('changes nothing the second time', () => {
    const text =
      'https://u:p@h/v1?key=k1 Bearer abcdefghij sk-ant-0123456789abcdefghij OPENAI_API_KEY=abcdefgh {"password": "x1"}';
    const once = redactSecrets(text, ['abcdefgh']);
    expect(redactSecrets(once, ['abcdefgh'])).toBe(once);
    expect(once).not.toMatch(/u:p|k1|abcdefghij|0123456789|x1/);
  });
});

describe('secretsInHeaders', () => {
  it('gives the values of credential headers, bearer tokens also without their scheme', () => {
    expect(
      secretsInHeaders({ 'x-api-key': 'k-1', Authorization: 'Bearer t-2', 'HTTP-Referer': 'https://me.example' }),
    ).toEqual(['k-1', 't-2', 'Bearer t-2']);
    expect(secretsInHeaders(undefined)).toEqual([]);
  });
});

describe('secretsInURL', () => {
  it('gives the decoded user and password of a URL', () => {
    expect(secretsInURL('http://al%40ice:p%3Ass@h/v1')).toEqual(['al@ice', 'p:ss']);
    expect(secretsInURL('http://h/v1')).toEqual([]);
    expect(secretsInURL('not a url')).toEqual([]);
  });
});

describe('known secrets', () => {
  it('takes the values of credential variables from the environment, not other variables', () => {
    const env = {
      OPENAI_API_KEY: 'openai-value-12345',
      GITHUB_TOKEN: 'github-value-12345',
      DB_PASSWORD: 'password-value-1',
      SHORT_TOKEN: 'short',
      HOME: '/home/someone-long',
      GIT_AUTHOR_NAME: 'Some Long Name',
    };
    expect(secretsInEnvironment(env).sort()).toEqual(['github-value-12345', 'openai-value-12345', 'password-value-1']);
  });

  it('masks known values in every string of a JSON-like value, and nothing else', () => {
    const value = { text: 'a known-value-123 b', list: ['known-value-123', 3, null], 'known-value-123': true };
    expect(redactKnownSecretsDeep(value, ['known-value-123'])).toEqual({
      text: 'a *** b',
      list: ['***', 3, null],
      '***': true,
    });
    expect(redactKnownSecrets('password=hunter22 sk-proj-abc123def456ghi789', [])).toBe(
      'password=hunter22 sk-proj-abc123def456ghi789',
    );
  });
});
