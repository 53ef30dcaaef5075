// openapi.test.mjs - GET /api/v1/openapi.json is an OpenAPI 3.1 document that lists every
// route `fazhi routes` prints (":id" -> "{id}") and nothing else, with responses, path
// parameters, security and $refs that resolve. No npm schema validator is installed, so
// the check is structural, plus Python's openapi-spec-validator when the machine has it.
import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, Client, fazhi } from '../lib/server.mjs';
import { sanitizerReport } from './helpers.mjs';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
let srv, doc, routes;

before(async () => {
  srv = await startServer({ demo: false });
  const r = await new Client(srv.url).get('/api/v1/openapi.json');
  assert.equal(r.status, 200, r.text);
  doc = r.body;
  const out = fazhi(['routes']);
  assert.equal(out.status, 0, out.stderr);
  routes = out.stdout.trim().split('\n').map((line) => {
    const [method, pattern, perm, ...flags] = line.split(' ');
    return {
      method, pattern, perm, public: flags.includes('public'), paged: flags.includes('paged'),
      raw: flags.includes('raw') || flags.includes('upload'), path: pattern.replace(/:([A-Za-z_]+)/g, '{$1}'),
    };
  });
});

after(async () => { await srv?.stop(); });

const operations = () => Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item).filter(([m]) => METHODS.includes(m)).map(([m, op]) => ({ path, method: m, op })));

test('GET /api/v1/openapi.json is public JSON with openapi "3.1.x", info.title and info.version', async () => {
  const r = await new Client(srv.url).get('/api/v1/openapi.json');
  assert.match(r.headers.get('content-type'), /^application\/json/);
  assert.match(doc.openapi, /^3\.1\.\d+$/);
  assert.equal(typeof doc.info.title, 'string');
  assert.equal(typeof doc.info.version, 'string');
  assert.ok(doc.info.title.length > 0);
  assert.equal(typeof doc.paths, 'object');
});

test('fazhi routes prints one "METHOD PATH PERMISSION" line per route', () => {
  assert.ok(routes.length >= 20);
  for (const r of routes) {
    assert.match(r.method, /^(GET|POST|PUT|DELETE|PATCH)$/);
    assert.match(r.pattern, /^\/(api\/v1|open311\/v2|public)\//);
    assert.ok(r.perm === '-' || /^[a-z]+(:[a-z]+)+$/.test(r.perm), r.perm);
  }
  assert.equal(new Set(routes.map((r) => `${r.method} ${r.pattern}`)).size, routes.length, 'no duplicate routes');
});

test('every route of `fazhi routes` is in paths with its method', () => {
  for (const r of routes) {
    const item = doc.paths[r.path];
    assert.ok(item, `path ${r.path} missing`);
    assert.ok(item[r.method.toLowerCase()], `${r.method} ${r.path} missing`);
  }
});

test('the document has no operation that is not a route', () => {
  const known = new Set(routes.map((r) => `${r.method.toLowerCase()} ${r.path}`));
  for (const { path, method } of operations()) assert.ok(known.has(`${method} ${path}`), `${method} ${path} is not a route`);
  assert.equal(operations().length, routes.length);
});

test('every operation has responses, each with a description, keyed by status code', () => {
  for (const { path, method, op } of operations()) {
    assert.equal(typeof op.responses, 'object', `${method} ${path}`);
    const codes = Object.keys(op.responses);
    assert.ok(codes.length > 0, `${method} ${path} has no responses`);
    assert.ok(codes.some((c) => /^2\d\d$/.test(c)), `${method} ${path} has no success response`);
    for (const c of codes) {
      assert.match(c, /^([1-5]\d\d|[1-5]XX|default)$/, `${method} ${path} response key ${c}`);
      assert.equal(typeof op.responses[c].description, 'string', `${method} ${path} ${c} description`);
    }
  }
});

test('operationIds are unique strings; every operation has a summary and tags', () => {
  const ids = operations().map(({ op }) => op.operationId);
  for (const id of ids) assert.equal(typeof id, 'string');
  assert.equal(new Set(ids).size, ids.length);
  for (const { path, method, op } of operations()) {
    assert.ok(op.summary, `${method} ${path} summary`);
    assert.ok(Array.isArray(op.tags) && op.tags.length > 0, `${method} ${path} tags`);
  }
});

test('every {param} of a path is declared as a required path parameter', () => {
  for (const { path, method, op } of operations()) {
    const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    const declared = (op.parameters ?? []).filter((p) => p.in === 'path');
    assert.deepEqual(declared.map((p) => p.name).sort(), [...names].sort(), `${method} ${path}`);
    for (const p of declared) assert.equal(p.required, true, `${method} ${path} ${p.name}`);
    for (const p of op.parameters ?? []) assert.ok(['path', 'query', 'header', 'cookie'].includes(p.in));
  }
});

test('public routes have security [] and every other route requires the cookie scheme', () => {
  const schemes = doc.components?.securitySchemes ?? {};
  assert.equal(schemes.cookieAuth?.type, 'apiKey');
  assert.equal(schemes.cookieAuth?.in, 'cookie');
  assert.equal(schemes.cookieAuth?.name, 'fazhi_session');
  for (const r of routes) {
    const op = doc.paths[r.path][r.method.toLowerCase()];
    if (r.public) {
      assert.deepEqual(op.security, [], `${r.method} ${r.pattern}`);
    } else {
      assert.ok(op.security.some((s) => 'cookieAuth' in s), `${r.method} ${r.pattern}`);
      assert.ok(op.responses['401'] && op.responses['403'], `${r.method} ${r.pattern} documents 401/403`);
    }
  }
});

test('every $ref in the document resolves inside it', () => {
  const refs = [];
  (function walk(v) {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) (k === '$ref' ? refs.push(x) : walk(x));
  })(doc);
  assert.ok(refs.length > 0);
  for (const ref of refs) {
    assert.match(ref, /^#\//);
    let node = doc;
    for (const part of ref.slice(2).split('/')) node = node?.[part.replaceAll('~1', '/').replaceAll('~0', '~')];
    assert.ok(node, `${ref} does not resolve`);
  }
});

test('the Error schema is the one error shape {"error":{"code","message","field"}}', () => {
  const e = doc.components.schemas.Error;
  assert.deepEqual(e.required, ['error']);
  assert.deepEqual(e.properties.error.required, ['code']);
  for (const k of ['code', 'message', 'field']) assert.ok(e.properties.error.properties[k], k);
});

test('POST and PUT routes that take a body declare a JSON requestBody schema of type object', () => {
  const withBody = routes.filter((r) => ['POST', 'PUT'].includes(r.method) && !r.raw && !/logout|unlock|documents/.test(r.pattern));
  for (const r of routes.filter((x) => x.raw)) {
    const op = doc.paths[r.path][r.method.toLowerCase()];
    assert.ok(op.requestBody && !op.requestBody.content['application/json'], `${r.method} ${r.pattern} takes a file or form body`);
  }
  for (const r of withBody) {
    const op = doc.paths[r.path][r.method.toLowerCase()];
    const schema = op.requestBody?.content?.['application/json']?.schema;
    assert.ok(schema, `${r.method} ${r.pattern} has no requestBody`);
    assert.equal(schema.type, 'object', `${r.method} ${r.pattern}`);
  }
  const login = doc.paths['/api/v1/auth/login'].post.requestBody.content['application/json'].schema;
  assert.deepEqual(login.required.sort(), ['password', 'username']);
});

test('POST /api/v1/auth/login documents the 200 it answers on success', () => {
  assert.ok(doc.paths['/api/v1/auth/login'].post.responses['200']);
});

test('paginated list routes (users, audit, login-log, …) document page and page_size; unpaginated ones do not', () => {
  for (const p of ['/api/v1/users', '/api/v1/audit', '/api/v1/login-log']) assert.ok(routes.some((r) => r.path === p && r.paged), p);
  for (const r of routes.filter((x) => x.method === 'GET')) {
    const names = (doc.paths[r.path].get.parameters ?? []).map((p) => p.name);
    const want = r.paged;
    assert.equal(names.includes('page') && names.includes('page_size'), want, `${r.path}`);
  }
});

// openapi-spec-validator (pip) validates against the official 3.1 JSON schema; optional
const PY_VALIDATE = 'import json,sys\nfrom openapi_spec_validator import validate\nvalidate(json.load(sys.stdin))\nprint("valid")';
const pyMissing = spawnSync('python3', ['-c', 'import openapi_spec_validator'], { encoding: 'utf8' }).status !== 0;

test('the document validates with openapi-spec-validator against the OpenAPI 3.1 schema', {
  skip: pyMissing && 'python3 module openapi_spec_validator is not installed',
}, () => {
  const r = spawnSync('python3', ['-c', PY_VALIDATE], { input: JSON.stringify(doc), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr.slice(-2000));
  assert.equal(r.stdout.trim(), 'valid');
});

test('the server stops cleanly on SIGTERM with no sanitizer report', async () => {
  await srv.stop({ keep: true });
  assert.equal(sanitizerReport(srv.stderr()), '');
  assert.equal(srv.proc.exitCode, 0);
});
