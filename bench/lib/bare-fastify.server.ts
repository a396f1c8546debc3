/**
 * The baseline of bench/gateway-position.bench.ts: a bare Fastify route shaped like the
 * driver's position answer (query validated, a small JSON body), nothing behind it.
 * Run as its own process: PORT=… node -r ./tools/runtime/register.cjs bench/lib/bare-fastify.server.ts
 */
import Fastify from 'fastify';

async function main(): Promise<void> {
  const app = Fastify({ logger: false });
  app.get('/api/v1/queue/position', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const plate = typeof query['plate'] === 'string' ? query['plate'] : '';
    const passCode = typeof query['passCode'] === 'string' ? query['passCode'] : '';
    if (plate === '' || passCode === '') return reply.code(400).send({ code: 'INVALID' });
    return {
      shipmentId: '0193a8f0-0000-7000-8000-000000000001',
      gateCode: 'MONGCAI',
      status: 'ARRIVED',
      position: 1,
      explanation: 'At the yard; the agencies are reviewing the shipment.',
      etaMinutes: 4,
      lane: null,
    };
  });
  const address = await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
  process.stdout.write(`bare fastify listening: ${address}\n`);
  const close = (): void => void app.close().then(() => process.exit(0));
  process.on('SIGTERM', close);
  process.on('SIGINT', close);
}

void main();
