// The `debug` package as the server bundle sees it (scripts/build-server.mjs). MQTT.js and
// mqtt-packet call their loggers several times per message; with DEBUG unset (how the server
// runs) debug's own check per call (a rest-arguments array and a getter) was about 8 % of the
// main process's CPU while it read 20,000 msg/s. Here, with DEBUG unset at start, every logger
// is one shared function that does nothing; with DEBUG set, it is the real package.
'use strict';
// CommonJS on purpose: mqtt-packet calls `require('debug')(name)`, which an ES module cannot be.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const real = require('debug');

function off() {}
off.enabled = false;
off.namespace = '';
off.extend = () => off;
off.destroy = () => undefined;
off.log = () => undefined;

function quiet() {
  return off;
}
Object.assign(quiet, real);

module.exports = process.env.DEBUG ? real : quiet;
