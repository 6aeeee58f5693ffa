// The baseline for the client's overhead: one DELETE through Node's own http module, nothing else. Same
// URL, same headers, the same default agent (keep-alive) as node-fetch uses, and the body read to the end.
import * as http from 'node:http';

/** Resolves with the status once the whole body has arrived. */
export function bareDelete(url: string, headers: Readonly<Record<string, string>>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'DELETE', headers: { ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        // Decoding the body keeps the baseline honest: any real caller reads it.
        Buffer.concat(chunks).toString('utf8');
        resolve(response.statusCode ?? 0);
      });
    });
    request.on('error', reject);
    request.end();
  });
}
