import { opendir, readFile, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { ScanError, SkippedInput } from '../../types.js';
import { ChartInputError, type ChartFile, type ChartFiles } from './chart-files.js';
import type { ByteBudget, HelmLimits } from './limits.js';

/**
 * A chart folder's files, read into memory within the byte budget. Symlinks are followed
 * only inside the folder; a link back to a folder already on the path (a subchart that
 * contains itself) is refused as a recursive chain.
 */
export async function readChartFolder(root: string, limits: HelmLimits, budget: ByteBudget, skipped: SkippedInput[], errors: ScanError[]): Promise<ChartFiles> {
  const realRoot = await realpath(root);
  const files: ChartFile[] = [];
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
        await walk(real, relPath, new Set([...ancestors, real]), depth + 1);
      } else if (st.isFile()) {
        if (st.size > limits.maxFileSize) {
          skipped.push({ path: `${root}/${relPath}`, reason: 'too-large', size: st.size });
          continue;
        }
        if (!budget.take(st.size)) throw new ChartInputError(`${root}: refused: more than ${budget.limit} bytes in one chart`);
        try {
          files.push({ path: relPath, data: await readFile(real) });
        } catch (e) {
          errors.push({ where: `${root}/${relPath}`, message: `cannot read file: ${(e as NodeJS.ErrnoException).code ?? 'error'}` });
        }
      }
    }
  };
  await walk(realRoot, '', new Set([realRoot]), 0);
  return { files };
}
