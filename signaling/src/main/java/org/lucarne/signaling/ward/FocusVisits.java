package org.lucarne.signaling.ward;

import java.util.List;
import java.util.Objects;
import org.lucarne.signaling.call.CallFocus;
import org.lucarne.signaling.call.LiveParticipant;
import org.lucarne.signaling.device.TabletConnections;

/** {@link LiveVisits} as the server knows them: the call focus's visits and the kiosks' open sockets. */
public final class FocusVisits implements LiveVisits {
    private final CallFocus calls;
    private final TabletConnections tablets;

    public FocusVisits(CallFocus calls, TabletConnections tablets) {
        this.calls = Objects.requireNonNull(calls, "calls");
        this.tablets = Objects.requireNonNull(tablets, "tablets");
    }

    @Override
    public List<LiveParticipant> participants(String visitId) {
        return calls.participants(visitId);
    }

    @Override
    public TabletState tablet(String tabletId) {
        if (calls.tabletInCall(tabletId)) {
            return TabletState.IN_CALL;
        }
        return tablets.online(tabletId) ? TabletState.ONLINE : TabletState.OFFLINE;
    }
}
