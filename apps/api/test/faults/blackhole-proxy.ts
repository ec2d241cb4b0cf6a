import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy that can black-hole traffic (the pg-boss halfOpenProxy technique): with `blackhole` on,
 * sockets stay open and bytes vanish — a network partition, not a refusal. With `refusing` on, new
 * connections are closed at once: a database server that is restarting. With `latencyMs` above 0, what
 * the client sends reaches the server that much later, in order: a slow link, which makes a long
 * statement sequence (an import) take long enough to be caught mid-way on any machine.
 */
export class BlackholeProxy {
  blackhole = false;
  refusing = false;
  latencyMs = 0;
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
      let lastDue = 0;
      client.on('data', (chunk) => {
        if (this.blackhole) return;
        if (this.latencyMs <= 0 && lastDue <= Date.now()) return void upstream.write(chunk);
        // Chunks leave in the order they came: each is due no earlier than the one before it.
        lastDue = Math.max(Date.now() + this.latencyMs, lastDue);
        setTimeout(() => this.blackhole || upstream.destroyed || upstream.write(chunk), lastDue - Date.now());
      });
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
