-- Bulk-loads Request Tracker 5 with :n tickets (psql -v n=…), row for row what RT itself writes when
-- a ticket is created through its API (seen in a database after POST /REST/2.0/ticket): the ticket,
-- its four role groups (AdminCc, Cc, Owner, Requestor) as principals with their group-create
-- transactions, the owner's and requestor's memberships (GroupMembers + CachedGroupMembers, and the
-- groups' self rows), the Create transaction with its content attachment — plus, like Shuyun's
-- generated tickets, a history: taken, a reply (with its attachment), resolved. 500 requestors are
-- made the way RT makes an unknown requestor (user, ACL-equivalence group, Everyone, Unprivileged).
-- Deterministic: everything derives from the row number.
\set ON_ERROR_STOP on
BEGIN;
SET LOCAL synchronous_commit = off;
SET LOCAL maintenance_work_mem = '1GB';

CREATE TEMP TABLE bu ON COMMIT DROP AS
  SELECT k, nextval('principals_id_seq')::int AS uid, nextval('principals_id_seq')::int AS gid,
         (ARRAY['王','李','张','刘','陈','杨','黄','赵','吴','周'])[1 + k % 10] || (ARRAY['伟','芳','娜','敏','静','磊','强','洋','杰','婷','帆','浩'])[1 + (k * 7) % 12] AS realname
    FROM generate_series(1, 500) AS k;
INSERT INTO principals (id, principaltype, disabled) SELECT uid, 'User', 0 FROM bu;
INSERT INTO principals (id, principaltype, disabled) SELECT gid, 'Group', 0 FROM bu;
INSERT INTO users (id, name, password, comments, emailaddress, realname, creator, created, lastupdatedby, lastupdated)
  SELECT uid, 'user' || k || '@shuyun-bench.cn', '*NO-PASSWORD*', 'Autocreated when added as a watcher', 'user' || k || '@shuyun-bench.cn',
         realname, 1, now() - interval '3 years', 1, now() - interval '3 years' FROM bu;
INSERT INTO groups (id, name, description, domain, instance, creator, created, lastupdatedby, lastupdated)
  SELECT gid, 'UserEquiv', 'ACL equiv. for user ' || uid, 'ACLEquivalence', uid, 1, now(), 1, now() FROM bu;
INSERT INTO groupmembers (groupid, memberid, creator, created, lastupdatedby, lastupdated)
  SELECT g, uid, 1, now(), 1, now() FROM bu, LATERAL (VALUES (gid), (3), (5)) AS x(g);
-- A direct membership's Via is its own id: take the id first, then insert it twice.
INSERT INTO cachedgroupmembers (id, groupid, memberid, via, immediateparentid, disabled)
  SELECT id, g, m, id, g, 0 FROM (
    SELECT nextval('cachedgroupmembers_id_seq') AS id, g, m FROM (
      SELECT gid AS g, gid AS m FROM bu
      UNION ALL SELECT g, uid FROM bu, LATERAL (VALUES (gid), (3), (5)) AS x(g)) AS y) AS z;

-- Tickets: spread over three years, most resolved long ago, the newest still open.
CREATE TEMP TABLE bt ON COMMIT DROP AS
  SELECT k,
         nextval('tickets_id_seq')::int AS tid,
         nextval('principals_id_seq')::int AS g_admincc,
         nextval('principals_id_seq')::int AS g_cc,
         nextval('principals_id_seq')::int AS g_owner,
         nextval('principals_id_seq')::int AS g_requestor,
         (SELECT uid FROM bu WHERE bu.k = 1 + (x.k::bigint * 7919) % 500) AS requestor,
         (ARRAY['三楼打印机卡纸','电脑开不了机','笔记本电脑蓝屏','办公室网络很慢','会议室无线网络连不上','Outlook 收不到邮件',
                'ERP 采购订单无法审批','ERP 月结报错','POS 收银机无法打开钱箱','门店 POS 无法日结','CRM 客户信息无法保存',
                '域账号密码忘记了','申请 ERP 采购模块查询权限','出差需要开通 VPN','显示器闪屏','打印机提示缺墨',
                '需要按门店统计月度销售报表','如何设置邮件签名','邮箱容量已满','电脑运行非常慢'])[1 + (k * 31) % 20] AS subject,
         1 + (k * 13) % 4 AS priority,
         (now() - interval '3 years' + (interval '3 years') * (k::float / :n))::timestamp AS created,
         k > :n - greatest(:n / 400, 20) AS still_open
    FROM generate_series(1, :n) AS x(k);

INSERT INTO principals (id, principaltype, disabled)
  SELECT g, 'Group', 0 FROM bt, LATERAL (VALUES (g_admincc), (g_cc), (g_owner), (g_requestor)) AS x(g);
INSERT INTO groups (id, name, description, domain, instance, creator, created, lastupdatedby, lastupdated)
  SELECT g, r, '', 'RT::Ticket-Role', tid, 14, created, 14, created
    FROM bt, LATERAL (VALUES (g_admincc, 'AdminCc'), (g_cc, 'Cc'), (g_owner, 'Owner'), (g_requestor, 'Requestor')) AS x(g, r);
INSERT INTO tickets (id, effectiveid, queue, type, owner, subject, initialpriority, finalpriority, priority, status,
                     starts, started, due, resolved, told, lastupdatedby, lastupdated, creator, created)
  SELECT tid, tid, 1, 'ticket', CASE WHEN still_open AND k % 3 = 0 THEN 6 ELSE 14 END, subject, 0, 0, priority,
         CASE WHEN NOT still_open THEN 'resolved' WHEN k % 3 = 0 THEN 'new' WHEN k % 3 = 1 THEN 'open' ELSE 'stalled' END,
         '1970-01-01', created + interval '20 minutes', created + interval '3 days',
         CASE WHEN still_open THEN '1970-01-01' ELSE created + interval '5 hours' END, created + interval '30 minutes',
         14, created + interval '5 hours', 14, created
    FROM bt;
INSERT INTO groupmembers (groupid, memberid, creator, created, lastupdatedby, lastupdated)
  SELECT g_owner, CASE WHEN still_open AND k % 3 = 0 THEN 6 ELSE 14 END, 14, created, 14, created FROM bt
  UNION ALL SELECT g_requestor, requestor, 14, created, 14, created FROM bt;
INSERT INTO cachedgroupmembers (id, groupid, memberid, via, immediateparentid, disabled)
  SELECT id, g, m, id, g, 0 FROM (
    SELECT nextval('cachedgroupmembers_id_seq') AS id, g, m FROM (
      SELECT g, g AS m FROM bt, LATERAL (VALUES (g_admincc), (g_cc), (g_owner), (g_requestor)) AS x(g)
      UNION ALL SELECT g_owner, CASE WHEN still_open AND k % 3 = 0 THEN 6 ELSE 14 END FROM bt
      UNION ALL SELECT g_requestor, requestor FROM bt) AS y) AS z;

-- History: the role groups' Create, the ticket's Create (+ content), taken, a reply (+ content), resolved.
INSERT INTO transactions (objecttype, objectid, type, creator, created)
  SELECT 'RT::Group', g, 'Create', 14, created FROM bt, LATERAL (VALUES (g_admincc), (g_cc), (g_owner), (g_requestor)) AS x(g);
CREATE TEMP TABLE btx ON COMMIT DROP AS
  SELECT bt.*, nextval('transactions_id_seq') AS t_create, nextval('transactions_id_seq') AS t_reply FROM bt;
INSERT INTO transactions (id, objecttype, objectid, type, creator, created)
  SELECT t_create, 'RT::Ticket', tid, 'Create', 14, created FROM btx;
INSERT INTO transactions (objecttype, objectid, type, field, oldvalue, newvalue, creator, created)
  SELECT 'RT::Ticket', tid, 'Status', 'Status', 'new', 'open', 14, created + interval '20 minutes' FROM btx WHERE NOT (still_open AND k % 3 = 0);
INSERT INTO transactions (id, objecttype, objectid, type, creator, created)
  SELECT t_reply, 'RT::Ticket', tid, 'Correspond', 14, created + interval '40 minutes' FROM btx WHERE NOT still_open;
INSERT INTO transactions (objecttype, objectid, type, field, oldvalue, newvalue, creator, created)
  SELECT 'RT::Ticket', tid, 'Status', 'Status', 'open', 'resolved', 14, created + interval '5 hours' FROM btx WHERE NOT still_open;
INSERT INTO attachments (transactionid, parent, messageid, subject, contenttype, contentencoding, content, headers, creator, created)
  SELECT t_create, 0, 'bench-' || tid || '@shuyun-bench', subject, 'text/plain', 'none', subject || '。影响正常办公，麻烦尽快处理，谢谢！',
         E'Content-Type: text/plain; charset="UTF-8"\nContent-Disposition: inline', 14, created FROM btx;
INSERT INTO attachments (transactionid, parent, messageid, subject, contenttype, contentencoding, content, headers, creator, created)
  SELECT t_reply, 0, 'bench-r' || tid || '@shuyun-bench', '', 'text/plain', 'none', '已为您远程处理，请确认是否恢复。',
         E'Content-Type: text/plain; charset="UTF-8"', 14, created + interval '40 minutes' FROM btx WHERE NOT still_open;

\o /dev/null
SELECT setval('users_id_seq', (SELECT max(id) FROM principals));
SELECT setval('groups_id_seq', (SELECT max(id) FROM principals));
\o
COMMIT;
VACUUM ANALYZE;
