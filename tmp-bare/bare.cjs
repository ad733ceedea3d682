require('reflect-metadata');
const { NestFactory } = require('@nestjs/core');
const { Module, Controller, Get } = require('@nestjs/common');
class C { live() { return { status: 'alive' }; } }
Controller('health')(C);
Reflect.decorate([Get('live')], C.prototype, 'live', Object.getOwnPropertyDescriptor(C.prototype, 'live'));
class M {}
Module({ controllers: [C] })(M);
(async () => {
  const mode = process.argv[2];
  if (mode === 'express') {
    const express = require('express'); const app = express(); app.disable('x-powered-by'); app.set('etag', false);
    app.get('/health/live', (req, res) => res.json({ status: 'alive' })); app.listen(18996, '127.0.0.1'); return;
  }
  const app = await NestFactory.create(M, { logger: false, bodyParser: false });
  app.disable('x-powered-by'); app.set('etag', false);
  await app.listen(18996, '127.0.0.1');
})();
