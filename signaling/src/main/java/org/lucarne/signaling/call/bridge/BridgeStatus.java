package org.lucarne.signaling.call.bridge;

import java.time.Instant;
import java.util.Optional;

/**
 * One bridge as the pool sees it, for health pages and logs.
 *
 * @param bridge      the bridge
 * @param healthy     whether {@link BridgePool#choose()} may pick it
 * @param load        the load {@code choose()} compares: conferences at the last stats plus those placed since
 * @param problem     why it is unhealthy; empty when healthy
 * @param lastChecked when its last health check ended; empty before the first
 */
public record BridgeStatus(Bridge bridge, boolean healthy, int load, Optional<String> problem,
                           Optional<Instant> lastChecked) {
}
