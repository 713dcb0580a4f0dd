import { createRequire } from 'node:module';

/**
 * MQTT says `+` matches an empty topic level too ([MQTT-4.7.1-3]: `factory/+/M1/test` matches
 * `factory//M1/test`). aedes 1.2 honours that when it routes messages, but the subscription
 * trie of its persistence (aedes-persistence 11, built on qlobber's QlobberSub) is made
 * without `match_empty_levels`, and a QoS 1 message to a persistent session is delivered only
 * if that trie matches. So a message with an empty line or machine level never reached
 * Linewatch, and was never dead-lettered as the protocol wants; mosquitto delivers it.
 *
 * The trie's options are private, so this makes every QlobberSub match empty levels: qlobber
 * keeps the option in `_match_empty_levels`, which an accessor on the prototype answers. It
 * runs only in the embedded broker's own process, and the hostile-message property test
 * (empty levels included) fails if a new aedes or qlobber stops honouring it.
 */
export function matchEmptyTopicLevels(): void {
  const fromAedes = createRequire(createRequire(import.meta.url).resolve('aedes'));
  const fromPersistence = createRequire(fromAedes.resolve('aedes-persistence'));
  const QlobberSub = fromPersistence('qlobber/aedes/qlobber-sub') as { prototype: object };
  Object.defineProperty(QlobberSub.prototype, '_match_empty_levels', {
    configurable: true,
    get: () => true,
    // qlobber's constructor assigns the option it was given; keep answering true.
    set: () => undefined,
  });
}
