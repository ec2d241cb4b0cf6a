import fp from 'fastify-plugin';

/** Past this much, a client still sending a refused body is cut off: draining is a courtesy, not a sink. */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024;

/**
 * An answer given before the request's body was read — a 413, a malformed body, a refusal of an
 * upload — would otherwise close the connection on unread bytes (Fastify asks for `Connection: close`
 * after a body it could not parse). The kernel then resets the connection, and a client or a proxy still
 * writing its body may lose the answer itself: the web origin answered 502 instead of 413 now and then.
 * Instead, the rest of the body is read and dropped (up to MAX_DRAIN_BYTES) while the answer goes out,
 * and the connection stays usable — nginx's "lingering close", by another route.
 */
export const unreadBodyPlugin = fp(async (app) => {
  app.addHook('onSend', async (request, reply, payload) => {
    const raw = request.raw;
    if (raw.complete || raw.readableEnded) return payload;
    // Node's parser still frames the rest of the body, so the next request on the socket is read right.
    if (String(reply.getHeader('connection') ?? '').toLowerCase() === 'close') reply.removeHeader('connection');
    let drained = 0;
    raw.on('data', (chunk: Buffer) => {
      drained += chunk.length;
      if (drained > MAX_DRAIN_BYTES) raw.socket.destroy();
    });
    raw.resume();
    return payload;
  });
});
