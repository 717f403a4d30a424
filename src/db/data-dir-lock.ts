import { closeSync, existsSync, linkSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * One owner per embedded data directory. PGlite has no postmaster to refuse a second process: two
 * processes on one directory each keep their own copy of the catalog and pages, and what one of
 * them writes is overwritten or lost (a person created by the CLI while the server ran was gone
 * after the restart). So whoever opens a directory first holds `lokalkraft.lock` in it until it
 * closes, and everyone else is refused with a message that says what to do.
 *
 * The lock is a file created with O_EXCL (atomic: of two processes exactly one creates it) holding
 * the owner's pid, host and process start time. A lock whose owner is gone (a crash, kill -9) is
 * stale and is taken over: the pid is not running, or it runs but started at another moment (the
 * pid was reused, e.g. the same pid after a container restart).
 */
export const lockFileName = 'lokalkraft.lock';

interface LockOwner {
  pid: number;
  host: string;
  /** Process start time in clock ticks since boot (Linux /proc), or null where unknown. */
  startTicks: number | null;
  command: string;
  since: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner | undefined,
  ) {
    const who = owner
      ? `process ${owner.pid}${owner.host !== hostname() ? ` on ${owner.host}` : ''} (${owner.command}, since ${owner.since})`
      : 'another process';
    super(
      `the embedded database in ${dataDir} is in use by ${who}. Only one process may open it at a time: ` +
        `stop the server first and run this command again, or set DATABASE_URL to a PostgreSQL server, which many processes can share.` +
        (owner && owner.host !== hostname() ? ` If that process is surely gone, delete ${join(dataDir, lockFileName)}.` : ''),
    );
    this.name = 'DataDirLockedError';
  }
}

function processStartTicks(pid: number): number | null {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces, so count fields after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[19]); // field 22 of the whole line: starttime
  } catch {
    return null;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // alive, but someone else's
  }
}

/** Directories this process holds, so that a second open in the same process is refused too. */
const heldHere = new Set<string>();
let exitHookInstalled = false;

function isStale(owner: LockOwner | undefined, lockPath: string): boolean {
  if (!owner) return false; // unreadable or being written right now: treat as held
  if (owner.host !== hostname()) return false; // cannot see the other machine's processes
  if (owner.pid === process.pid) return !heldHere.has(lockPath); // an earlier life with our pid
  if (!isRunning(owner.pid)) return true;
  const ticks = processStartTicks(owner.pid);
  return owner.startTicks !== null && ticks !== null && ticks !== owner.startTicks;
}

function readOwner(lockPath: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(lockPath, 'utf8')) as LockOwner;
    return typeof owner.pid === 'number' ? owner : undefined;
  } catch {
    return undefined;
  }
}

export interface DataDirLock {
  release(): void;
}

/** Takes the directory's lock or throws DataDirLockedError. */
export function lockDataDir(dataDir: string): DataDirLock {
  const lockPath = join(dataDir, lockFileName);
  for (let attempt = 0; attempt < 3; attempt++) {
    if (heldHere.has(lockPath)) throw new DataDirLockedError(dataDir, readOwner(lockPath));
    let fd: number;
    try {
      fd = openSync(lockPath, 'wx', 0o644);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = readOwner(lockPath);
      if (!isStale(owner, lockPath)) throw new DataDirLockedError(dataDir, owner);
      // Take the stale file out of the way atomically; of two processes doing this, one renames
      // it and the other finds it gone. Then try to create ours again.
      const aside = `${lockPath}.stale-${process.pid}`;
      try {
        renameSync(lockPath, aside);
      } catch {
        continue; // someone else moved it first
      }
      const moved = readOwner(aside);
      if (moved && (moved.pid !== owner!.pid || moved.since !== owner!.since)) {
        // Between our read and our rename another process replaced the stale lock with its own
        // live one: put it back (link fails if yet another appeared) and give way.
        try {
          linkSync(aside, lockPath);
        } catch {
          /* a newer lock is in place already */
        }
        unlinkSync(aside);
        throw new DataDirLockedError(dataDir, moved);
      }
      unlinkSync(aside);
      continue;
    }
    const owner: LockOwner = {
      pid: process.pid,
      host: hostname(),
      startTicks: processStartTicks(process.pid),
      command: process.argv.slice(2).join(' ') || 'node',
      since: new Date().toISOString(),
    };
    writeSync(fd, JSON.stringify(owner));
    closeSync(fd);
    heldHere.add(lockPath);
    if (!exitHookInstalled) {
      // An exit without close (an uncaught error, process.exit) still frees what this process held.
      process.once('exit', () => [...heldHere].forEach(removeIfOurs));
      exitHookInstalled = true;
    }
    return { release: () => removeIfOurs(lockPath) };
  }
  throw new DataDirLockedError(dataDir, readOwner(lockPath));
}

function removeIfOurs(lockPath: string) {
  if (!heldHere.delete(lockPath)) return;
  if (readOwner(lockPath)?.pid === process.pid && existsSync(lockPath)) unlinkSync(lockPath);
}
