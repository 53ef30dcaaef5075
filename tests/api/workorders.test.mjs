// workorders.test.mjs - the 12345 work-order lifecycle end to end through the API: every
// transition, every forbidden one (409 naming the allowed actions), deadlines in working
// days across the 2024 Spring Festival and National Day (make-up days included), the
// pause/resume clock, extension, supervision, merge of duplicates, data scope and
// masking, and the figures on a known set of orders.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loggedIn } from '../lib/server.mjs';

let srv, handler, handler2, leader, viewer, admin;
let depts;
const deptId = (code) => depts.find((d) => d.code === code).id;

before(async () => {
  srv = await startServer();
  [admin, handler, handler2, leader, viewer] = await Promise.all(
    ['admin', 'handler', 'handler2', 'leader', 'viewer'].map((u) => loggedIn(srv.url, u)));
  depts = (await admin.get('/api/v1/departments')).body.items;
});
after(async () => { await srv?.stop(); });

async function create(client, extra = {}) {
  const r = await client.post('/api/v1/workorders', {
    channel: 'board', category: 'complaint', subject: '园区路灯不亮', content: '主干道路灯连续三晚不亮',
    citizen_name: '王先生', citizen_phone: '13800001111', ...extra,
  });
  assert.equal(r.status, 201, r.text);
  return r.body;
}
const act = (c, id, body) => c.post(`/api/v1/workorders/${id}/actions`, body);

test('an order goes received -> dispatched -> signed -> in_progress -> drafted -> reviewed -> replied -> visited -> closed', async () => {
  const w = await create(handler, { citizen_phone: '13900000001', subject: '全流程测试工单' });
  assert.equal(w.status, 'received');
  assert.match(w.no, /^GD\d{4}-\d{6}$/);
  const svc = deptId('HMSC-SVC');
  const steps = [
    [handler, { action: 'dispatch', dept_id: svc }, 'dispatched'],
    [handler, { action: 'sign' }, 'signed'],
    [handler, { action: 'start' }, 'in_progress'],
    [handler, { action: 'draft', reply: '已安排维修，今晚恢复照明。' }, 'drafted'],
    [leader, { action: 'review', approve: true }, 'reviewed'],
    [handler, { action: 'reply' }, 'replied'],
    [handler, { action: 'callback', result: 'satisfied', solved: true }, 'visited'],
    [handler, { action: 'close' }, 'closed'],
  ];
  for (const [c, body, status] of steps) {
    const r = await act(c, w.id, body);
    assert.equal(r.status, 200, `${body.action}: ${r.text}`);
    assert.equal(r.body.status, status);
  }
  const d = (await handler.get(`/api/v1/workorders/${w.id}`)).body;
  assert.deepEqual(d.events.map((e) => e.action),
    ['create', 'dispatch', 'sign', 'start', 'draft', 'review', 'reply', 'callback', 'close']);
  assert.equal(d.reply_text, '已安排维修，今晚恢复照明。');
  assert.ok(d.replied_at && d.closed_at && d.visited_at);
  assert.equal(d.solved, true);
  assert.deepEqual(d.allowed_actions.map((a) => a.action).sort(), ['comment', 'reopen']);
});

test('an action not allowed from the current state -> 409 invalid_transition with the allowed actions', async () => {
  const w = await create(handler, { citizen_phone: '13900000002', subject: '状态机测试' });
  for (const action of ['sign', 'start', 'draft', 'review', 'reply', 'callback', 'close', 'reopen', 'resume', 'pause']) {
    const r = await act(handler, w.id, { action, reply: 'x', approve: true, result: 'satisfied', solved: true, reason: 'x' });
    assert.equal(r.status, 409, `${action} from received should be refused: ${r.text}`);
    assert.equal(r.body.error.code, 'invalid_transition');
    assert.equal(r.body.error.field, 'action');
    assert.ok(r.body.error.allowed_actions.includes('dispatch'));
    assert.ok(!r.body.error.allowed_actions.includes(action));
  }
  const unknown = await act(handler, w.id, { action: 'teleport' });
  assert.equal(unknown.status, 422);
  assert.equal(unknown.body.error.field, 'action');
});

test('return needs a reason and sends the order back to the dispatcher', async () => {
  const w = await create(handler, { citizen_phone: '13900000003', subject: '退单测试', dept_id: deptId('HMSC-ENF') });
  assert.equal(w.status, 'dispatched');
  const noReason = await act(handler2, w.id, { action: 'return' });
  assert.equal(noReason.status, 422);
  assert.equal(noReason.body.error.field, 'reason');
  const r = await act(handler2, w.id, { action: 'return', reason: '不属于本部门职责' });
  assert.equal(r.status, 200, r.text);
  const back = (await handler.get(`/api/v1/workorders/${w.id}`)).body;
  assert.equal(back.status, 'received');
  assert.equal(back.dept_id, null);
  assert.equal(back.events.at(-1).comment, '不属于本部门职责');
});

test('only the handling department may sign: another department gets 403', async () => {
  const w = await create(handler, { citizen_phone: '13900000004', subject: '部门测试', dept_id: deptId('HMSC-SVC') });
  const r = await act(handler2, w.id, { action: 'sign' });
  assert.ok(r.status === 403 || r.status === 404, r.text);
});

test('a user without the permission for an action gets 403 (viewer cannot dispatch)', async () => {
  const w = await create(handler, { citizen_phone: '13900000005', subject: '权限测试' });
  const r = await act(viewer, w.id, { action: 'dispatch', dept_id: deptId('HMSC-SVC') });
  assert.ok(r.status === 403 || r.status === 404, r.text);
  const c = await viewer.post('/api/v1/workorders', { channel: 'board', category: 'consult', subject: 'x' });
  assert.equal(c.status, 403);
});

test('deadline across the 2024 Spring Festival: 5 working days from Thu 2024-02-08 end Wed 2024-02-21 (02-10..02-17 off, Sun 02-18 a make-up working day)', async () => {
  // working days after 02-08: 02-09 (Fri), 02-18 (Sun, 调休), 02-19, 02-20, 02-21 -> the 5th is 02-21
  const w = await create(handler, { citizen_phone: '13900000006', subject: '春节时限', received_at: '2024-02-08T10:00:00+08:00' });
  assert.equal(w.reply_due, '2024-02-21T23:59:59+08:00');
  assert.equal(w.sign_due, '2024-02-09T23:59:59+08:00');
});

test('deadline across the 2024 National Day: 5 working days from Fri 2024-09-27 ends 2024-10-10 (Sun 09-29 make-up day counts, 10-01..10-07 off)', async () => {
  // 09-29 (Sun, 调休), 09-30, 10-08, 10-09, 10-10
  const w = await create(handler, { citizen_phone: '13900000007', subject: '国庆时限', received_at: '2024-09-27T16:00:00+08:00' });
  assert.equal(w.reply_due, '2024-10-10T23:59:59+08:00');
});

test('a consultation is due in 1 working day, an urgent matter is signed for within 30 minutes of clock time', async () => {
  const c = await create(handler, { category: 'consult', citizen_phone: '13900000008', subject: '咨询时限', received_at: '2024-10-12T09:00:00+08:00' });
  // Sat 2024-10-12 is a make-up working day; the next working day is Mon 10-14
  assert.equal(c.reply_due, '2024-10-14T23:59:59+08:00');
  const u = await create(handler, { urgency: 'urgent', citizen_phone: '13900000009', subject: '停水', received_at: '2024-10-05T22:10:00+08:00' });
  assert.equal(u.sign_due, '2024-10-05T22:40:00+08:00');
});

test('a year whose holiday notice is not loaded is refused: 422 calendar_year_missing', async () => {
  const r = await handler.post('/api/v1/workorders', { channel: 'board', category: 'complaint', subject: '未来', received_at: '2031-03-01T10:00:00+08:00' });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.code, 'calendar_year_missing');
});

test('pause stops the clock and resume moves the reply deadline by the working days paused', async () => {
  const w = await create(handler, { citizen_phone: '13900000010', subject: '暂停计时', dept_id: deptId('HMSC-SVC') });
  await act(handler, w.id, { action: 'sign' });
  const noReason = await act(handler, w.id, { action: 'pause' });
  assert.equal(noReason.status, 422);
  const p = await act(handler, w.id, { action: 'pause', reason: '等待群众补充材料' });
  assert.equal(p.status, 200, p.text);
  assert.ok(p.body.paused_at);
  const again = await act(handler, w.id, { action: 'pause', reason: 'x' });
  assert.equal(again.status, 409);
  const r = await act(handler, w.id, { action: 'resume' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.paused_at, null);
  // paused and resumed the same day: no working day elapsed, the deadline is unchanged
  assert.equal(r.body.reply_due, w.reply_due);
  assert.equal(r.body.events.at(-1).data.paused_workdays, 0);
});

test('an extension needs a leader: the request alone does not move the deadline, approval does', async () => {
  const w = await create(handler, { citizen_phone: '13900000011', subject: '延期', received_at: '2024-03-04T09:00:00+08:00', dept_id: deptId('HMSC-SVC') });
  assert.equal(w.reply_due, '2024-03-11T23:59:59+08:00');
  await act(handler, w.id, { action: 'sign' });
  const req = await act(handler, w.id, { action: 'extend_request', days: 3, reason: '需现场勘查' });
  assert.equal(req.status, 200, req.text);
  assert.equal(req.body.reply_due, w.reply_due);
  const byHandler = await act(handler, w.id, { action: 'extend_approve', approve: true });
  assert.equal(byHandler.status, 403);
  const ok = await act(leader, w.id, { action: 'extend_approve', approve: true, comment: '同意' });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.reply_due, '2024-03-14T23:59:59+08:00');
  assert.equal(ok.body.extensions, 1);
  const twice = await act(leader, w.id, { action: 'extend_approve', approve: true });
  assert.equal(twice.status, 409);
});

test('supervision by a leader flags the order', async () => {
  const w = await create(handler, { citizen_phone: '13900000012', subject: '督办' });
  const r = await act(leader, w.id, { action: 'supervise', comment: '请尽快办理' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.supervised, true);
  const list = await leader.get('/api/v1/workorders?flag=supervised&page_size=200');
  assert.ok(list.body.items.some((x) => x.id === w.id));
});

test('same phone and similar content is flagged as a duplicate and can be merged into the first order', async () => {
  const a = await create(handler, { citizen_phone: '13900000013', subject: '小区门口垃圾桶满溢无人清运', content: '垃圾桶满溢多日无人清运，气味很大' });
  const b = await create(handler, { citizen_phone: '13900000013', subject: '门口垃圾桶满溢无人清运', content: '垃圾桶满溢好几天了无人清运，气味很大' });
  assert.equal(b.duplicate_hint, a.id);
  const c = await create(handler, { citizen_phone: '13900000013', subject: '咨询高新技术企业认定政策', content: '想了解申报条件' });
  assert.equal(c.duplicate_hint, null);
  const m = await act(handler, b.id, { action: 'merge', into: a.id });
  assert.equal(m.status, 200, m.text);
  assert.equal(m.body.merged_into, a.id);
  assert.equal(m.body.status, 'closed');
  const after = await act(handler, b.id, { action: 'dispatch', dept_id: deptId('HMSC-SVC') });
  assert.equal(after.status, 409);
});

test('reopen after a dissatisfied callback returns the order to in_progress with a new deadline', async () => {
  const w = await create(handler, { citizen_phone: '13900000014', subject: '重新办理', dept_id: deptId('HMSC-SVC') });
  for (const [c, b] of [[handler, { action: 'sign' }], [handler, { action: 'start' }], [handler, { action: 'draft', reply: '已处理' }],
    [leader, { action: 'review', approve: true }], [handler, { action: 'reply' }], [handler, { action: 'callback', result: 'dissatisfied', solved: false }]]) {
    const r = await act(c, w.id, b);
    assert.equal(r.status, 200, r.text);
  }
  const r = await act(handler, w.id, { action: 'reopen', reason: '群众不满意，重新核实' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'in_progress');
  assert.equal(r.body.reopen_count, 1);
  assert.equal(r.body.callback_result, null);
});

test('citizen phone and name are masked for a user without workorder:pii', async () => {
  const w = await create(handler, { citizen_phone: '13912345678', citizen_name: '张三丰', subject: '脱敏测试', dept_id: deptId('HMSC-OFFICE') });
  assert.equal(w.citizen_phone, '13912345678');
  const v = await viewer.get(`/api/v1/workorders?q=${encodeURIComponent('脱敏测试')}`);
  assert.equal(v.status, 200);
  assert.equal(v.body.items[0].citizen_phone, '139****5678');
  assert.equal(v.body.items[0].citizen_name, '张*');
});

test('a department-scoped handler does not see another department\'s orders (404)', async () => {
  const w = await create(handler, { citizen_phone: '13900000015', subject: '数据范围', dept_id: deptId('HMSC-SVC') });
  const r = await handler2.get(`/api/v1/workorders/${w.id}`);
  assert.equal(r.status, 404);
  const list = await handler2.get('/api/v1/workorders?page_size=200&status=open');
  assert.ok(list.body.items.every((x) => x.dept_id === deptId('HMSC-ENF') || x.dept_id === null));
});

test('hotline transfers need the platform number, and the same platform number twice -> 409', async () => {
  const r = await handler.post('/api/v1/workorders', { channel: 'hotline', category: 'help', subject: '无编号' });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.field, 'platform_no');
  const ok = await handler.post('/api/v1/workorders', { channel: 'hotline', category: 'help', subject: '有编号', platform_no: 'TJTEST0001' });
  assert.equal(ok.status, 201);
  const dup = await handler.post('/api/v1/workorders', { channel: 'hotline', category: 'help', subject: '重复编号', platform_no: 'TJTEST0001' });
  assert.equal(dup.status, 409);
  assert.equal(dup.body.error.field, 'platform_no');
});

test('figures on a known set: 4 orders in a period the demo data leaves empty give exact rates', async () => {
  // the demo data stops at 12-20 each year: 2025-12-22..26 holds only the orders made here
  const svc = deptId('HMSC-SVC');
  const mk = async (day, phone) => (await create(handler, { citizen_phone: phone, subject: `统计${phone}`, category: 'help', received_at: `2025-12-2${day}T09:00:00+08:00`, dept_id: svc })).id;
  const ids = [await mk(2, '13700000001'), await mk(3, '13700000002'), await mk(4, '13700000003'), await mk(5, '13700000004')];
  // the first three are replied (late: the real clock is past the 2025 deadlines), two rated
  for (const [i, result, solved] of [[0, 'satisfied', true], [1, 'dissatisfied', false], [2, null, null]]) {
    for (const [c, b] of [[handler, { action: 'sign' }], [handler, { action: 'start' }], [handler, { action: 'draft', reply: '答复' }],
      [leader, { action: 'review', approve: true }], [handler, { action: 'reply' }]]) {
      const r = await act(c, ids[i], b);
      assert.equal(r.status, 200, r.text);
    }
    if (result) assert.equal((await act(handler, ids[i], { action: 'callback', result, solved })).status, 200);
  }
  const s = await leader.get('/api/v1/workorders/stats?from=2025-12-22&to=2025-12-26');
  assert.equal(s.status, 200, s.text);
  const t = s.body.totals;
  assert.equal(t.received, 4);
  assert.equal(t.replied, 3);
  assert.equal(t.reply_rate, 75);
  assert.equal(t.replied_on_time, 0);
  assert.equal(t.rated, 2);
  assert.equal(t.satisfaction_rate, 50);
  assert.equal(t.resolution_rate, 50);
  assert.equal(t.overdue, 4);
  const missing = await leader.get('/api/v1/workorders/stats?from=2025-12-26&to=2025-12-22');
  assert.equal(missing.status, 422);
  assert.equal(missing.body.error.field, 'to');
});

test('the 2023 demo figures: more than 700 orders, all answered (答复率 100%)', async () => {
  const s = await leader.get('/api/v1/workorders/stats?from=2023-01-01&to=2023-12-31');
  assert.equal(s.status, 200);
  assert.ok(s.body.totals.received > 700, JSON.stringify(s.body.totals));
  assert.equal(s.body.totals.reply_rate, 100);
  assert.equal(s.body.by_month.length, 12);
});

test('an admin edits a deadline rule with its version; a stale version -> 409', async () => {
  const rules = (await admin.get('/api/v1/workorders/rules')).body.items;
  const r = rules.find((x) => x.category === 'suggestion') ?? rules.find((x) => x.category === null && x.urgency === 'normal');
  const ok = await admin.put(`/api/v1/workorders/rules/${r.id}`, { version: r.version, reply_workdays: r.reply_workdays });
  assert.equal(ok.status, 200, ok.text);
  const stale = await admin.put(`/api/v1/workorders/rules/${r.id}`, { version: r.version, reply_workdays: 4 });
  assert.equal(stale.status, 409);
  const byHandler = await handler.put(`/api/v1/workorders/rules/${r.id}`, { version: r.version + 1, reply_workdays: 4 });
  assert.equal(byHandler.status, 403);
});

test('bulk dispatch is all or nothing', async () => {
  const a = await create(handler, { citizen_phone: '13900000016', subject: '批量一' });
  const b = await create(handler, { citizen_phone: '13900000017', subject: '批量二' });
  const ok = await handler.post('/api/v1/workorders/bulk-dispatch', { ids: [a.id, b.id], dept_id: deptId('HMSC-PLAN') });
  assert.equal(ok.status, 200, ok.text);
  const c = await create(handler, { citizen_phone: '13900000018', subject: '批量三' });
  const bad = await handler.post('/api/v1/workorders/bulk-dispatch', { ids: [c.id, a.id], dept_id: deptId('HMSC-PLAN') });
  assert.equal(bad.status, 409);
  assert.equal((await handler.get(`/api/v1/workorders/${c.id}`)).body.status, 'received');
});

test('import of a platform CSV: a per-row report of rejected rows (row, column, reason), and the same file twice creates nothing new', async () => {
  const csv = [
    '工单编号,来源,诉求类型,紧急程度,标题,诉求内容,来电人,联系电话,地址,受理时间,承办部门',
    'TJIMP0001,12345热线,投诉,一般,夜间施工噪音,工地夜间施工,李女士,13611112222,华明大道,2024-05-06 09:30:00,综合执法部',
    'TJIMP0002,网上留言板,咨询,一般,入驻流程咨询,想了解入驻流程,赵先生,13611113333,,2024-05-07 10:00,',
    'TJIMP0003,12345热线,不存在的类型,一般,坏行,内容,钱先生,13611114444,,2024-05-07 11:00:00,',
    'TJIMP0004,12345热线,求助,一般,坏时间,内容,孙先生,13611115555,,2024/13/45,',
    ',12345热线,求助,一般,没有编号,内容,周先生,13611116666,,2024-05-07 11:00:00,',
    'TJIMP0006,传真,求助,一般,坏来源,内容,吴先生,13611117777,,2024-05-07 11:00:00,',
    'TJIMP0007,12345热线,求助,一般,坏部门,内容,郑先生,13611118888,,2024-05-07 11:00:00,不存在的部门',
  ].join('\r\n');
  const h = { headers: { 'content-type': 'text/csv' }, raw: true };
  const r = await handler.post('/api/v1/workorders/import', csv, h);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.created, 2);
  const byRow = Object.fromEntries(r.body.rejected.map((x) => [x.row, x]));
  assert.equal(byRow[4].column, '诉求类型');
  assert.equal(byRow[5].column, '受理时间');
  assert.equal(byRow[6].column, '工单编号');
  assert.equal(byRow[7].column, '来源');
  assert.equal(byRow[8].column, '承办部门');
  assert.equal(r.body.rejected.length, 5);
  const again = await handler.post('/api/v1/workorders/import', csv, h);
  assert.equal(again.status, 200);
  assert.equal(again.body.created, 0);
  assert.equal(again.body.existing, 2);
  const list = await handler.get('/api/v1/workorders?q=TJIMP000');
  assert.equal(list.body.total, 2);
  const noisy = list.body.items.find((x) => x.platform_no === 'TJIMP0001');
  assert.equal(noisy.status, 'dispatched');
  assert.equal(noisy.received_at, '2024-05-06T09:30:00+08:00');
});

test('import without the required columns is rejected naming them, and creates nothing', async () => {
  const r = await handler.post('/api/v1/workorders/import', '编号,内容\r\nX,Y\r\n', { headers: { 'content-type': 'text/csv' }, raw: true });
  assert.equal(r.status, 200);
  assert.equal(r.body.created, 0);
  assert.ok(r.body.rejected.some((x) => x.column === '工单编号'));
  assert.ok(r.body.rejected.some((x) => x.column === '受理时间'));
});

test('the ledger exports to an XLSX that an independent reader opens with the filtered rows', async () => {
  const r = await fetch(`${srv.url}/api/v1/workorders/export.xlsx?q=TJIMP000`, { headers: { cookie: handler.cookie } });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /spreadsheetml/);
  const buf = Buffer.from(await r.arrayBuffer());
  const { execFileSync } = await import('node:child_process');
  const py = `import sys, zipfile, io, re
z = zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))
strings = re.findall(r'<t[^>]*>([^<]*)</t>', z.read('xl/sharedStrings.xml').decode())
sheet = z.read('xl/worksheets/sheet1.xml').decode()
print(len(re.findall(r'<row ', sheet)))
print('|'.join(strings))`;
  const out = execFileSync('python3', ['-c', py], { input: buf }).toString().split('\n');
  assert.equal(Number(out[0]), 3); // header + 2 rows
  assert.ok(out[1].includes('工单编号') && out[1].includes('TJIMP0001') && out[1].includes('夜间施工噪音'));
  assert.ok(!out[1].includes('TJIMP0003'));
});
