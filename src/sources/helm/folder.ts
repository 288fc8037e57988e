import { opendir, readFile, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { ScanError, SkippedInput } from '../../types.js';
import type { ChartFile, ChartFiles } from './chart-files.js';
import { BudgetError, type ChartBudget, type HelmLimits } from './limits.js';

/**
 * A chart folder's files, read into memory within the byte budget. Symlinks are followed
 * only inside the folder; a link back to a folder already on the path (a subchart that
 * contains itself) is refused as a recursive chain, and a folder reached again by another
 * link is read once (links fanning out to the same folders would multiply it). When the
 * chart's budget runs out, the files read so far are kept and the error says where it stopped.
 */
export async function readChartFolder(root: string, limits: HelmLimits, budget: ChartBudget, skipped: SkippedInput[], errors: ScanError[]): Promise<ChartFiles> {
  const realRoot = await realpath(root);
  const files: ChartFile[] = [];
  const walked = new Map<string, string>();
  const walk = async (dir: string, rel: string, ancestors: Set<string>, depth: number): Promise<void> => {
    if (depth > limits.maxDepth * 2 + 8) {
      errors.push({ where: `${root}/${rel}`, message: 'refused: folders nested too deep' });
      return;
    }
    const names: string[] = [];
    for await (const d of await opendir(dir)) names.push(d.name);
    names.sort();
    for (const name of names) {
      const path = join(dir, name);
      const relPath = rel ? `${rel}/${name}` : name;
      budget.entry(root);
      let real: string;
      try {
        real = await realpath(path);
      } catch {
        skipped.push({ path: `${root}/${relPath}`, reason: 'broken-symlink' });
        continue;
      }
      if (real !== realRoot && !real.startsWith(realRoot + sep)) {
        skipped.push({ path: `${root}/${relPath}`, reason: 'symlink-outside-root' });
        continue;
      }
      const st = await stat(real);
      if (st.isDirectory()) {
        if (name === '.git') continue;
        if (ancestors.has(real) || real === realRoot) {
          errors.push({ where: `${root}/${relPath}`, message: 'refused: recursive subchart chain (links back to a folder that contains it)' });
          continue;
        }
        const first = walked.get(real);
        if (first !== undefined) {
          skipped.push({ path: `${root}/${relPath}`, reason: `same folder as ${first} (linked): scanned once` });
          continue;
        }
        walked.set(real, relPath);
        await walk(real, relPath, new Set([...ancestors, real]), depth + 1);
      } else if (st.isFile()) {
        if (st.size > limits.maxFileSize) {
          skipped.push({ path: `${root}/${relPath}`, reason: 'too-large', size: st.size });
          continue;
        }
        budget.takeBytes(st.size, root);
        try {
          files.push({ path: relPath, data: await readFile(real) });
        } catch (e) {
          errors.push({ where: `${root}/${relPath}`, message: `cannot read file: ${(e as NodeJS.ErrnoException).code ?? 'error'}` });
        }
      }
    }
  };
  try {
    await walk(realRoot, '', new Set([realRoot]), 0);
  } catch (e) {
    if (!(e instanceof BudgetError)) throw e;
    errors.push({ where: root, message: `${e.message}; the ${files.length} files read before were scanned` });
  }
  return { files };
}
