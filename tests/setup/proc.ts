// What a test run holds, read from Linux's /proc: its processes (a tree, environments) and the TCP ports they listen
// on. Used by the leftover checks (global-leftovers.ts at the end of the run, open-ports.ts after each file). Without
// procfs (macOS, Windows) every list is empty, so the checks pass there without checking.
import { existsSync, readdirSync, readFileSync, readlinkSync } from "node:fs";

export const HAS_PROCFS = existsSync("/proc/self/stat");

export interface ProcessInfo {
  pid: number;
  ppid: number;
  command: string;
}

export interface ListeningSocket {
  pid: number;
  /** e.g. `127.0.0.1:8000` or `[::1]:8000`. */
  address: string;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined; // gone meanwhile, or not ours to read
  }
}

const readProc = (pid: number | string, file: string) => readText(`/proc/${pid}/${file}`);

/** Every live process (zombies, which have exited and only wait to be reaped, left out). */
export function processes(): ProcessInfo[] {
  if (!HAS_PROCFS) return [];
  const list: ProcessInfo[] = [];
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    const stat = readProc(pid, "stat");
    if (!stat) continue;
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ")".
    const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (state === "Z") continue;
    const command = (readProc(pid, "cmdline") ?? "").split("\0").join(" ").trim();
    list.push({ pid: Number(pid), ppid: Number(ppid), command });
  }
  return list;
}

/** The pids of the processes descending from `ancestor` in `all` (the ancestor itself excluded). */
export function descendants(ancestor: number, all: readonly ProcessInfo[]): Set<number> {
  const parents = new Map(all.map((p) => [p.pid, p.ppid]));
  const below = new Set<number>();
  for (const { pid } of all)
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p))
      if (p === ancestor) {
        below.add(pid);
        break;
      }
  return below;
}

/** Whether the process's environment holds `name=value` (false when it is not ours to read). */
export function hasEnv(pid: number, name: string, value: string): boolean {
  return (readProc(pid, "environ") ?? "").split("\0").includes(`${name}=${value}`);
}

/** `0100007F:1F40` (tcp) or 32 hex digits + port (tcp6), as the kernel prints them, to `127.0.0.1:8000`. */
function formatAddress(hex: string): string {
  const [ip, port] = hex.split(":");
  // The kernel prints the address as 32-bit words in host (little-endian) byte order.
  const bytes = ip.match(/../g)!.map((b) => parseInt(b, 16));
  const words = Array.from({ length: bytes.length / 4 }, (_, i) =>
    bytes.slice(i * 4, i * 4 + 4).reverse(),
  ).flat();
  if (words.length === 4) return `${words.join(".")}:${parseInt(port, 16)}`;
  const groups = Array.from({ length: 8 }, (_, i) => ((words[2 * i] << 8) | words[2 * i + 1]).toString(16));
  return `[${groups.join(":").replace(/(^|:)0(:0)+(:|$)/, "::")}]:${parseInt(port, 16)}`;
}

/** The TCP sockets in LISTEN state of the given processes. */
export function listeningSockets(pids: readonly number[]): ListeningSocket[] {
  if (!HAS_PROCFS || pids.length === 0) return [];
  const listening = new Map<string, string>(); // socket inode -> address
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of (readText(table) ?? "").split("\n").slice(1)) {
      // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
      const fields = line.trim().split(/\s+/);
      if (fields[3] === "0A") listening.set(fields[9], formatAddress(fields[1]));
    }
  }
  const sockets: ListeningSocket[] = [];
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // gone, or not ours
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue; // closed meanwhile
      }
      const address = listening.get(/^socket:\[(\d+)\]$/.exec(target)?.[1] ?? "");
      if (address) sockets.push({ pid, address });
    }
  }
  return sockets;
}
