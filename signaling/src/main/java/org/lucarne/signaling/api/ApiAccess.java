package org.lucarne.signaling.api;

import org.lucarne.signaling.policy.AccessGuard;
import org.lucarne.signaling.policy.Action;
import org.lucarne.signaling.policy.Decision;

/** The policy, for a REST handler: a refusal (audited by the guard) becomes 403, or 404 where existence is hidden. */
public final class ApiAccess {
    private ApiAccess() {
    }

    public static void require(AccessGuard guard, ApiCall call, Action action, AccessGuard.Target target) {
        Decision d = guard.check(call.session().actor(), action, target, call.address());
        switch (d) {
            case ALLOWED -> { }
            case HIDDEN -> throw ApiException.notFound();
            case FORBIDDEN -> throw ApiException.forbidden();
        }
    }
}
