import { describe, expect, test } from '@jest/globals';
import { KEY_SHAPES, SECRET_MARKER, heldSecret, redactValues, redactionList, scrubKeyShapes } from '../src/index.js';

const OPENAI = 'sk-proj-' + 'a1B2c3D4e5F6g7H8i9J0kLmN';
const GITHUB = 'ghp_' + 'abcdefghijklmnopqrstuvwxyz0123456789';
const AWS = 'AKIA' + 'ABCDEFGHIJKLMNOP';

describe('scrubKeyShapes', () => {
  test('finds key-shaped strings anywhere in an answer, names the shapes and never returns the values', () => {
    const answer = [
      '```python',
      `client = OpenAI(api_key="${OPENAI}")  # the key you gave me`,
      `# token: ${GITHUB}`,
      `aws = "${AWS}"`,
      'dsn = "postgres://app:hunter2secret@db.internal:5432/users"',
      '```',
    ].join('\n');
    const r = scrubKeyShapes(answer);
    expect(r.text).not.toContain(OPENAI);
    expect(r.text).not.toContain(GITHUB);
    expect(r.text).not.toContain(AWS);
    expect(r.text).not.toContain('hunter2secret');
    expect(r.text).toContain(`postgres://${SECRET_MARKER}@db.internal:5432/users`);
    expect(r.found.sort()).toEqual(['AWS access key id', 'GitHub token', 'OpenAI API key', 'connection URL with an embedded password']);
    expect(JSON.stringify(r.found)).not.toContain(OPENAI);
  });

  test('a private key is cut from BEGIN to END', () => {
    const r = scrubKeyShapes('a\n-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\nabc\n-----END RSA PRIVATE KEY-----\nb');
    expect(r.text).toBe(`a\n${SECRET_MARKER}\nb`);
  });

  test('ordinary code stays untouched: identifiers, env reads, placeholders, short sk- words', () => {
    const code = [
      'api_key = os.environ["OPENAI_API_KEY"]',
      'task_key = "sk-short"',
      'url = "postgres://db.internal:5432/users"',
      'token_type = "Bearer"',
      'skip_list = risk_level_for(task)',
    ].join('\n');
    expect(scrubKeyShapes(code)).toEqual({ text: code, found: [] });
    expect(heldSecret(code)).toBe(false);
  });

  test('a key inside a longer token is not cut in half (the whole token must have the shape)', () => {
    const text = `x = "prefix${OPENAI}"`;
    expect(scrubKeyShapes(text).found).toEqual([]);
  });

  test('heldSecret: a shape, or the marker an earlier scrub left', () => {
    expect(heldSecret(`k = "${GITHUB}"`)).toBe(true);
    expect(heldSecret(`k = "${SECRET_MARKER}"`)).toBe(true);
  });

  test('every shape is a valid anchored-or-block regex that matches its own documented example', () => {
    const examples: Record<string, string> = {
      'OpenAI API key': OPENAI,
      'Anthropic API key': 'sk-ant-' + 'api03abcdefghijklmnopqrst',
      'GitHub token': GITHUB,
      'GitHub fine-grained token': 'github_pat_' + 'A'.repeat(40),
      'AWS access key id': AWS,
      'Slack token': 'xoxb-' + '1234567890ab',
      'Google API key': 'AIza' + 'S'.repeat(35),
      'GitLab token': 'glpat-' + 'x'.repeat(20),
      'Stripe secret key': 'sk_live_' + 'a'.repeat(24),
      'private key block': '-----BEGIN PRIVATE KEY-----',
      'JSON Web Token': 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abcdefghijk',
      'bearer token': 'Bearer ' + 'Z'.repeat(24),
      'connection URL with an embedded password': 'redis://user:s3cretpw@cache:6379',
    };
    for (const shape of KEY_SHAPES) {
      expect(new RegExp(shape.regex).test(examples[shape.name]!)).toBe(true);
      expect(scrubKeyShapes(`value = "${examples[shape.name]!}"`).found).toContain(shape.name);
    }
  });
});

describe('redactionList and redactValues', () => {
  test('one list: each value once, none under 4 characters, longest first', () => {
    expect(redactionList(['key-1234', undefined, 'abc', 'key-1234', 'key-1234-long'])).toEqual(['key-1234-long', 'key-1234']);
  });

  test('a value inside a longer one does not leave the longer one half shown', () => {
    const list = redactionList(['tok-abcd', 'tok-abcd-extended']);
    expect(redactValues('a tok-abcd-extended b tok-abcd', list)).toBe(`a ${SECRET_MARKER} b ${SECRET_MARKER}`);
  });

  test('the marker can be chosen; text without a listed value comes back unchanged', () => {
    expect(redactValues('key=s3cr3t-value;', ['s3cr3t-value'], '***')).toBe('key=***;');
    expect(redactValues('nothing here', ['s3cr3t-value', ''])).toBe('nothing here');
  });
});
