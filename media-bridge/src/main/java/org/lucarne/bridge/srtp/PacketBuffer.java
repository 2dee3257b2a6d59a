package org.lucarne.bridge.srtp;

import org.jitsi.utils.ByteArrayBuffer;

import java.util.Arrays;

/** A growable byte window in the shape jitsi-srtp transforms in place. */
final class PacketBuffer implements ByteArrayBuffer {
    private byte[] buffer;
    private int offset;
    private int length;

    /** Copies {@code len} bytes of {@code src} into a new buffer with {@code headroom} spare bytes. */
    static PacketBuffer copyOf(byte[] src, int off, int len, int headroom) {
        PacketBuffer b = new PacketBuffer();
        b.buffer = new byte[len + headroom];
        System.arraycopy(src, off, b.buffer, 0, len);
        b.length = len;
        return b;
    }

    byte[] toByteArray() {
        return Arrays.copyOfRange(buffer, offset, offset + length);
    }

    @Override
    public byte[] getBuffer() {
        return buffer;
    }

    @Override
    public int getOffset() {
        return offset;
    }

    @Override
    public int getLength() {
        return length;
    }

    @Override
    public void setLength(int len) {
        if (len < 0 || offset + len > buffer.length) {
            throw new IllegalArgumentException("length " + len + " outside buffer");
        }
        length = len;
    }

    @Override
    public void setOffset(int off) {
        if (off < 0 || off > buffer.length) {
            throw new IllegalArgumentException("offset " + off + " outside buffer");
        }
        offset = off;
    }

    @Override
    public boolean isInvalid() {
        return false;
    }

    @Override
    public void readRegionToBuff(int off, int len, byte[] out) {
        System.arraycopy(buffer, offset + off, out, 0, len);
    }

    @Override
    public void grow(int howMuch) {
        int needed = offset + length + howMuch;
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, needed);
        }
    }

    @Override
    public void append(byte[] data, int len) {
        grow(len);
        System.arraycopy(data, 0, buffer, offset + length, len);
        length += len;
    }

    @Override
    public void shrink(int howMuch) {
        length = Math.max(0, length - howMuch);
    }
}
