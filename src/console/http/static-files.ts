import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * Serves the built renderer. Paths never leave the folder; unknown paths without an
 * extension get index.html, so the app's own routes survive a reload.
 */
export function createStaticFiles(rootDir: string) {
  const root = normalize(rootDir + sep);
  return function serveStatic(request: IncomingMessage, response: ServerResponse, url: URL): void {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405).end();
      return;
    }
    let path: string;
    try {
      path = normalize(join(root, decodeURIComponent(url.pathname)));
    } catch {
      response.writeHead(400).end();
      return;
    }
    if (!path.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    if (!existsSync(path) || statSync(path).isDirectory()) {
      if (extname(url.pathname)) {
        response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
        return;
      }
      path = join(root, 'index.html');
      if (!existsSync(path)) {
        response
          .writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' })
          .end('The renderer is not built: run `npm run build` (npm run console does it for you).');
        return;
      }
    }
    const isAsset = path.includes(`${sep}assets${sep}`);
    response.writeHead(200, {
      'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
      // Hashed asset names can be cached for good; index.html must always be fresh.
      'Cache-Control': isAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    createReadStream(path).pipe(response);
  };
}
