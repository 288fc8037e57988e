import { opendir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ChartInputError } from './chart-files.js';

export interface ChartInput {
  kind: 'folder' | 'archive';
  path: string;
}

const ARCHIVE = /\.(tgz|tar\.gz)$/i;
const MAX_SEARCH_DEPTH = 4;

/**
 * What PATH holds: one chart folder, one packaged chart, or a folder of charts (a monorepo's
 * `charts/`, or a chart repository: `index.yaml` beside its packages). A chart folder's own
 * `charts/` belongs to that chart and is not searched here.
 */
export async function discoverCharts(target: string): Promise<ChartInput[]> {
  let st;
  try {
    st = await stat(target);
  } catch (e) {
    throw new ChartInputError(`cannot read '${target}': ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  if (st.isFile()) {
    if (!ARCHIVE.test(target)) throw new ChartInputError(`'${target}' is neither a chart folder nor a packaged chart (.tgz)`);
    return [{ kind: 'archive', path: target }];
  }
  const found: ChartInput[] = [];
  const search = async (dir: string, depth: number): Promise<void> => {
    if (await isChartFolder(dir)) {
      found.push({ kind: 'folder', path: dir });
      return;
    }
    if (depth >= MAX_SEARCH_DEPTH) return;
    const entries: Array<{ name: string; dir: boolean; file: boolean }> = [];
    for await (const d of await opendir(dir)) entries.push({ name: d.name, dir: d.isDirectory(), file: d.isFile() });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.file && ARCHIVE.test(e.name)) found.push({ kind: 'archive', path });
      else if (e.dir && e.name !== '.git' && e.name !== 'node_modules') await search(path, depth + 1);
    }
  };
  await search(target, 0);
  if (found.length === 0) throw new ChartInputError(`no Helm chart found in '${target}' (no Chart.yaml, no .tgz package)`);
  return found;
}

async function isChartFolder(dir: string): Promise<boolean> {
  try {
    return (await stat(join(dir, 'Chart.yaml'))).isFile();
  } catch {
    return false;
  }
}
