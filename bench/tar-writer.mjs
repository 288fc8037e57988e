// Writes a tar file entry by entry (tar-stream), so a bench can build a multi-gigabyte image
// archive without holding it: entries from memory or streamed from a file, mtime 0.
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import tar from 'tar-stream';

export function tarWriter(path) {
  const pack = tar.pack();
  const ws = createWriteStream(path);
  const piped = new Promise((res, rej) => {
    pack.pipe(ws);
    ws.on('finish', res);
    ws.on('error', rej);
  });
  const done = (res, rej) => (e) => (e ? rej(e) : res());
  return {
    put: (name, data) => new Promise((res, rej) => pack.entry({ name, size: data.length, mtime: new Date(0) }, data, done(res, rej))),
    putFile: (name, file) => new Promise((res, rej) => createReadStream(file).pipe(pack.entry({ name, size: statSync(file).size, mtime: new Date(0) }, done(res, rej)))),
    finish: () => {
      pack.finalize();
      return piped;
    },
  };
}
