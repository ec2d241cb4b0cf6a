import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy that can black-hole traffic (the pg-boss halfOpenProxy technique): with `blackhole` on,
 * sockets stay open and bytes vanish — a network partition, not a refusal. With `refusing` on, new
 * connections are closed at once: a database server that is restarting.
 */
export class BlackholeProxy {
  blackhole = false;
  refusing = false;
  private readonly sockets = new Set<Socket>();
  private server: Server | undefined;

  constructor(private readonly target: { host: string; port: number }) {}

  async listen(port: number) {
    this.server = createServer((client) => {
      if (this.refusing) {
        client.destroy();
        return;
      }
      const upstream = connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.on('data', (chunk) => this.blackhole || upstream.write(chunk));
      upstream.on('data', (chunk) => this.blackhole || client.write(chunk));
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
  }

  async close() {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
