/**
 * The hammering side of the hammer scenario (hammer.ts forks this file): CLIENTS loops, each sending uncached
 * views back to back with its own `X-Forwarded-For: 10.0.0.<n>`, until the parent sends "stop"; then it reports
 * the status counts. A process of its own, so parsing the hammer's answers never delays the event loop that times
 * the cached `/`.
 *
 * argv: base URL, mesh slugs (comma-separated), number of clients.
 */
const [base, slugList, clientCount] = process.argv.slice(2);
const slugs = slugList!.split(',');
const clients = Number(clientCount);

export interface HammerCounts {
  total: number;
  seconds: number;
  statuses: Record<string, number>;
}

// Every day from 2019-01-01 to yesterday, shuffled: consecutive `/?at=` requests name different days, so no cache
// keyed on the URL could answer them.
const days: string[] = [];
for (let t = Date.UTC(2019, 0, 1); t < Date.now() - 86_400_000; t += 86_400_000)
  days.push(new Date(t).toISOString().slice(0, 10));
for (let i = days.length - 1; i > 0; i--) {
  const j = Math.floor(Math.random() * (i + 1));
  [days[i], days[j]] = [days[j]!, days[i]!];
}
let nextDay = 0;

const randomWord = () =>
  Array.from({ length: 3 + Math.floor(Math.random() * 6) }, () =>
    String.fromCharCode(97 + Math.floor(Math.random() * 26)),
  ).join('');

function compareUrl(): string {
  const chosen = [...slugs].sort(() => Math.random() - 0.5).slice(0, 2 + Math.floor(Math.random() * 3));
  return `/compare?meshes=${chosen.join(',')}${Math.random() < 0.5 ? '&differ=1' : ''}`;
}

const urls = [() => `/?at=${days[nextDay++ % days.length]}`, () => `/?q=${randomWord()}`, compareUrl];

let stopping = false;
process.on('message', (message) => {
  if (message === 'stop') stopping = true;
});

const statuses: Record<string, number> = {};
let total = 0;
const started = performance.now();

async function client(n: number) {
  const headers = { 'X-Forwarded-For': `10.0.0.${n}` };
  while (!stopping) {
    const url = urls[Math.floor(Math.random() * urls.length)]!();
    let status = 'no answer';
    try {
      const response = await fetch(`${base}${url}`, { headers });
      await response.arrayBuffer();
      status = String(response.status);
    } catch {
      // counted as "no answer"
    }
    statuses[status] = (statuses[status] ?? 0) + 1;
    total++;
  }
}

void Promise.all(Array.from({ length: clients }, (_, i) => client(i + 1))).then(() => {
  const counts: HammerCounts = { total, seconds: (performance.now() - started) / 1000, statuses };
  process.send!(counts, () => process.disconnect());
});
