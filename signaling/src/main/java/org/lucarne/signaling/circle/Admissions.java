package org.lucarne.signaling.circle;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.lucarne.signaling.ws.protocol.BindingMessage;

/**
 * A waiting device let in or refused, by the patient on the tablet or by staff (docs/e2ee.md, "Binding a link to a
 * browser"), and a contact's binding reset: the directory's change, then who must hear of it. The waiting page gets
 * {@code e2ee_bound} (and its circle) or {@code e2ee_refused}; the patient's kiosks {@code e2ee_device_decided}; the
 * circle its new members; the ward's consoles {@code ward_changed}.
 */
public final class Admissions {
    private final DeviceDirectory directory;
    private final Circles circles;
    private final CircleFeed feed;
    private final Consumer<String> wardChanges;

    /** {@code wardChanges}: hears the ward's id when its consoles should read its contacts' devices again. */
    public Admissions(DeviceDirectory directory, Circles circles, CircleFeed feed, Consumer<String> wardChanges) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.circles = Objects.requireNonNull(circles, "circles");
        this.feed = Objects.requireNonNull(feed, "feed");
        this.wardChanges = Objects.requireNonNull(wardChanges, "wardChanges");
    }

    /**
     * Lets the waiting device in ({@code admit}) or refuses it; {@code actor} as the audit trail names them. The row
     * after the decision; empty when the device was not waiting (unknown, or decided already).
     */
    public Optional<DeviceRow> decide(String deviceId, boolean admit, String actor, String wardId, String address) {
        Optional<DeviceRow> row = directory.decide(deviceId, admit, actor, wardId, address);
        row.ifPresent(r -> {
            Optional<CircleDevice> member = admit ? circles.member(deviceId) : Optional.empty();
            for (DevicePeer p : feed.waitingSockets(deviceId)) {
                if (member.isPresent()) {
                    p.send(new BindingMessage.E2eeBound(deviceId));
                    feed.proven(p, member.get(), false); // the circle's change below tells it
                } else {
                    p.send(new BindingMessage.E2eeRefused(deviceId));
                }
            }
            feed.kiosksOf(r.patientId()).forEach(k -> k.send(new BindingMessage.E2eeDeviceDecided(deviceId, admit)));
            if (admit) {
                circles.changed(r.patientId());
            }
            wardChanges.accept(wardId);
        });
        return row;
    }

    /** Resets the contact's binding: their devices leave the circle, whose sockets hear it. The ids removed. */
    public List<String> reset(String contactId, String patientId, String actor, String wardId, String address) {
        List<String> removed = directory.reset(contactId, patientId, actor, wardId, address);
        for (String d : removed) {
            for (DevicePeer p : feed.waitingSockets(d)) {
                p.send(new BindingMessage.E2eeRefused(d));
            }
            feed.kiosksOf(patientId).forEach(k -> k.send(new BindingMessage.E2eeDeviceDecided(d, false)));
        }
        circles.changed(patientId);
        wardChanges.accept(wardId);
        return removed;
    }

    /** A device began to wait: the patient's kiosks show the prompt, the ward's consoles the device. */
    void waiting(DeviceRow row, String contactName, String wardId) {
        feed.kiosksOf(row.patientId()).forEach(k -> k.send(new BindingMessage.E2eeWaitingDevice(row.deviceId(),
                contactName)));
        wardChanges.accept(wardId);
    }
}
