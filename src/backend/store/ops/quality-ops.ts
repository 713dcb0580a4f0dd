import type { NewSpec, SpecVersion } from '../../../shared/contract';
import type { Actor } from './types';
import type { StoreContext } from './context';
import { noSpecKey } from '../../alerts/rules/conditions';
import { stationDetail, whoAt } from '../actor-text';

/** Quality: test results, yield and spec limits. */
export function qualityOps(ctx: StoreContext) {
  return {
    listResults: ctx.quality.listResults.bind(ctx.quality),

    yieldByStep: ctx.quality.yieldByStep.bind(ctx.quality),

    listSpecs: ctx.quality.listSpecs.bind(ctx.quality),

    saveSpec(spec: NewSpec, actor: Actor): SpecVersion {
      return ctx.tx(() => {
        const saved = ctx.quality.saveSpec(spec, actor.username, ctx.clock.nowMs());
        const applies = saved.lineId
          ? `for line ${saved.lineId} (wins over plant-wide limits there)`
          : 'plant-wide (lines with limits of their own keep them)';
        ctx.events.append({
          type: 'spec.saved',
          actor: actor.username,
          target: `${saved.productId} / ${saved.testStep}`,
          lineId: saved.lineId,
          message: `${whoAt(actor.username, actor.station)} set limits v${saved.version} of ${saved.productId} ${saved.testStep} ${applies}: ${saved.lower ?? '−∞'} … ${saved.upper ?? '+∞'} from ${saved.validFrom}`,
          details: { ...saved, ...stationDetail(actor.station) },
        });
        // Limits in force now settle the condition; limits from a later time do so once they
        // judge a result (AlertEvaluator.batchDone).
        if (Date.parse(saved.validFrom) <= ctx.clock.nowMs()) {
          ctx.alerts.resolveByKey(
            noSpecKey(saved.productId, saved.testStep),
            actor.username,
            `spec limits v${saved.version} saved${actor.station ? ` at ${actor.station}` : ''}`,
            ctx.clock.nowMs(),
          );
        }
        return saved;
      });
    },

    previewSpec: ctx.quality.previewSpec.bind(ctx.quality),
  };
}
