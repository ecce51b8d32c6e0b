import http from 'node:http'

/** A loopback server that offers each request to `serve` first and answers 299 "next" when it declines. */
export async function startServer(serve: (req: http.IncomingMessage, res: http.ServerResponse) => boolean): Promise<{ server: http.Server; base: string }> {
  const server = http.createServer((req, res) => {
    if (!serve(req, res)) {
      res.writeHead(299)
      res.end('next')
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, base: `http://127.0.0.1:${(server.address() as { port: number }).port}` }
}

/** A GET without compression unless the headers ask for it. */
export const plainGet = (base: string) => (p: string, headers: Record<string, string> = {}) =>
  fetch(base + p, { headers: { 'accept-encoding': 'identity', ...headers } })

/** A GET through node:http (fetch would undo the compression under test). */
export async function rawGet(url: string, headers: Record<string, string>): Promise<{ res: http.IncomingMessage; body: Buffer }> {
  const res = await new Promise<http.IncomingMessage>((resolve, reject) => http.get(url, { headers }, resolve).on('error', reject))
  const chunks: Buffer[] = []
  for await (const c of res) chunks.push(c as Buffer)
  return { res, body: Buffer.concat(chunks) }
}
