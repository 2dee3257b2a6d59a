package org.lucarne.signaling.device;

import java.security.Principal;
import org.lucarne.certs.TabletIds;

/**
 * A bedside tablet proven by its client certificate on the kiosk listener and found enrolled and not
 * revoked at the {@code /ws} upgrade: the user principal of that upgrade.
 */
public record TabletPrincipal(String tabletId) implements Principal {

    public TabletPrincipal {
        TabletIds.require(tabletId);
    }

    @Override
    public String getName() {
        return tabletId;
    }
}
