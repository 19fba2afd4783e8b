// TCP stand-ins for a database that misbehaves, on 127.0.0.1 and a free port:
// - startSilentServer(): accepts connections and never sends a byte (a
//   database host whose PostgreSQL hangs, or a firewall that swallows packets);
// - startProxy(target): forwards to a real PostgreSQL until freeze(), after
//   which open connections stay open but carry nothing either way and new ones
//   are accepted and left silent (a link that went dead), or down(), after
//   which every connection is closed (the database went down); thaw()
//   forwards again for new connections.
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface TcpServer {
  port: number;
  /** A postgresql:// URL pointing here, with the given user and database. */
  url(database: string, user?: string): string;
  close(): Promise<void>;
}

function listen(server: net.Server, sockets: Set<net.Socket>): Promise<TcpServer> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        port,
        url: (database, user = 'postgres') => `postgresql://${user}@127.0.0.1:${port}/${database}`,
        close: () =>
          new Promise<void>((r) => {
            for (const s of sockets) s.destroy();
            server.close(() => r());
          }),
      });
    });
  });
}

export function startSilentServer(): Promise<TcpServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => sockets.delete(s));
  });
  return listen(server, sockets);
}

export interface Proxy extends TcpServer {
  /** Open connections carry nothing; new ones are accepted and left silent. */
  freeze(): void;
  /** Every connection is closed, new ones at once (the database went down). */
  down(): void;
  /** Forward again, for new connections. */
  thaw(): void;
}

export async function startProxy(target: { host: string; port: number }): Promise<Proxy> {
  const sockets = new Set<net.Socket>();
  let frozen = false;
  let refusing = false;
  const pairs = new Set<[net.Socket, net.Socket]>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('error', () => undefined);
    client.on('close', () => sockets.delete(client));
    if (refusing) return void client.destroy();
    if (frozen) return; // accepted, never answered
    const upstream = net.connect(target.port, target.host);
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    upstream.on('close', () => sockets.delete(upstream));
    client.on('close', () => upstream.destroy());
    const pair: [net.Socket, net.Socket] = [client, upstream];
    pairs.add(pair);
    client.on('data', (d) => {
      if (!frozen) upstream.write(d);
    });
    upstream.on('data', (d) => {
      if (!frozen) client.write(d);
    });
  });
  const base = await listen(server, sockets);
  return {
    ...base,
    freeze: () => {
      frozen = true;
    },
    down: () => {
      refusing = true;
      for (const [c, u] of pairs) {
        c.destroy();
        u.destroy();
      }
      pairs.clear();
    },
    thaw: () => {
      frozen = false;
      refusing = false;
      // connections frozen mid-conversation are out of step: drop them, as a real dead link would eventually
      for (const [c, u] of pairs) {
        c.destroy();
        u.destroy();
      }
      pairs.clear();
    },
  };
}
