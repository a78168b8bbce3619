import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';

// A real IMAP server for the intake tests: Debian's dovecot, started on loopback with a throwaway
// configuration and Maildir under a temp directory, run as the current user.

export interface Dovecot {
  /** IMAP_URL for the intake. */
  url: string;
  port: number;
  /** Delivers a message as the mail server would: a file in the Maildir's new/ folder, received at `receivedAt`. */
  deliver(message: string | Buffer, receivedAt?: Date): void;
  /** Each Message-ID and whether it carries \Seen (every copy of it, if there are several), read over IMAP. */
  seen(): Promise<Map<string, boolean>>;
  stop(): Promise<void>;
}

const USER = 'helpdesk';
const PASSWORD = 'intake-secret';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, logFile: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`dovecot exited (${child.exitCode}):\n${readLog(logFile)}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => resolve(true));
      socket.once('error', () => resolve(false));
      socket.setTimeout(500, () => resolve(false));
    }).then((ok) => ok);
    if (open) return;
    if (Date.now() > deadline) throw new Error(`dovecot did not listen on ${port} within ${timeoutMs} ms:\n${readLog(logFile)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const readLog = (file: string) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '(no log)';
  }
};

/** Starts dovecot on a free loopback port with one mailbox user; `stop()` ends it and removes everything. */
export async function startDovecot(): Promise<Dovecot> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shuyun-dovecot-'));
  chmodSync(dir, 0o755); // dovecot's auth process (another user when run as root) reads the passwd file
  const port = await freePort();
  const me = os.userInfo();
  // Dovecot's login processes refuse to run as root: as root, use the users Debian's package made.
  const root = me.uid === 0;
  const internalUser = root ? 'dovecot' : me.username;
  const loginUser = root ? 'dovenull' : me.username;
  const group = root ? 'dovecot' : readGroupName(me.gid);
  // …and refuses to keep mail as uid 0: as root, the mailbox belongs to the dovecot user.
  const owner = root ? systemIds(internalUser) : { uid: me.uid, gid: me.gid };
  const maildir = path.join(dir, 'mail', USER, 'Maildir');
  for (const sub of ['cur', 'new', 'tmp']) mkdirSync(path.join(maildir, sub), { recursive: true });
  for (const p of [
    path.join(dir, 'mail'),
    path.join(dir, 'mail', USER),
    maildir,
    ...['cur', 'new', 'tmp'].map((s) => path.join(maildir, s)),
  ]) {
    chownSync(p, owner.uid, owner.gid);
  }
  mkdirSync(path.join(dir, 'run'));
  mkdirSync(path.join(dir, 'state'));
  writeFileSync(path.join(dir, 'passwd'), `${USER}:{PLAIN}${PASSWORD}:${owner.uid}:${owner.gid}::${path.join(dir, 'mail', USER)}\n`);
  const logFile = path.join(dir, 'dovecot.log');
  const conf = path.join(dir, 'dovecot.conf');
  writeFileSync(
    conf,
    `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${logFile}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${internalUser}
default_internal_group = ${group}
default_login_user = ${loginUser}
first_valid_uid = 0
first_valid_gid = 0
mail_location = maildir:${dir}/mail/%u/Maildir
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = passwd-file
  args = username_format=%u ${dir}/passwd
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
`,
  );
  const child = spawn('dovecot', ['-F', '-c', conf], {
    stdio: 'ignore',
    env: { ...process.env, PATH: `${process.env.PATH}:/usr/sbin:/sbin` },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let counter = 0;

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await waitForPort(port, child, logFile);
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    url: `imap://${USER}:${PASSWORD}@127.0.0.1:${port}`,
    port,
    deliver(message, receivedAt = new Date()) {
      counter++;
      const name = `${Math.floor(receivedAt.getTime() / 1000)}.M${counter}P${process.pid}R${randomBytes(4).toString('hex')}.shuyun-test`;
      const temp = path.join(maildir, 'tmp', name);
      writeFileSync(temp, typeof message === 'string' ? message.replace(/\r?\n/g, '\r\n') : message);
      // Maildir's arrival time (IMAP INTERNALDATE) is the file's modification time.
      utimesSync(temp, receivedAt, receivedAt);
      chownSync(temp, owner.uid, owner.gid);
      renameSync(temp, path.join(maildir, 'new', name));
    },
    async seen() {
      const client = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user: USER, pass: PASSWORD }, logger: false });
      client.on('error', () => {});
      await client.connect();
      try {
        const lock = await client.getMailboxLock('INBOX');
        try {
          const result = new Map<string, boolean>();
          const messages = await client.fetchAll('1:*', { envelope: true, flags: true });
          for (const m of messages) {
            const id = m.envelope?.messageId ?? `#${m.seq}`;
            result.set(id, (result.get(id) ?? true) && (m.flags?.has('\\Seen') ?? false));
          }
          return result;
        } finally {
          lock.release();
        }
      } finally {
        await client.logout().catch(() => client.close());
      }
    },
    stop,
  };
}

/** A system user's uid and gid, from /etc/passwd. */
function systemIds(name: string): { uid: number; gid: number } {
  const fields = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`))
    ?.split(':');
  if (!fields) throw new Error(`no ${name} user: install dovecot-imapd (it creates it)`);
  return { uid: Number(fields[2]), gid: Number(fields[3]) };
}

function readGroupName(gid: number): string {
  const line = readFileSync('/etc/group', 'utf8')
    .split('\n')
    .find((l) => l.split(':')[2] === String(gid));
  return line?.split(':')[0] ?? String(gid);
}
