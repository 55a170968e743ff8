package org.hotline.it;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A classic libpcap capture file (the format SIPp's {@code play_pcap_audio} reads): a 24-byte
 * global header, then per packet a 16-byte record header and the frame. Only what the DTMF
 * captures need: Ethernet frames carrying IPv4 or IPv6 UDP, whose payload may be RTP.
 *
 * <p>The file's byte order is whatever its magic number says; writing keeps it, so a capture read
 * and written unchanged is byte-for-byte the same file.
 */
record Pcap(ByteOrder order, boolean nanosecondTimestamps, byte[] header, List<Packet> packets) {

    private static final int MAGIC_MICROS = 0xa1b2c3d4;
    private static final int MAGIC_NANOS = 0xa1b23c4d;
    private static final int GLOBAL_HEADER = 24;
    private static final int RECORD_HEADER = 16;
    private static final int LINKTYPE_ETHERNET = 1;

    Pcap {
        header = header.clone();
        packets = List.copyOf(packets);
    }

    /** One captured frame; {@code fraction} is micro- or nanoseconds, as the file's magic says. */
    record Packet(long seconds, long fraction, int originalLength, byte[] frame) {

        Packet {
            frame = frame.clone();
        }

        @Override
        public byte[] frame() {
            return frame.clone();
        }

        Packet withTime(long newSeconds, long newFraction) {
            return new Packet(newSeconds, newFraction, originalLength, frame);
        }

        Packet withFrame(byte[] newFrame) {
            return new Packet(seconds, fraction, originalLength, newFrame);
        }
    }

    @Override
    public byte[] header() {
        return header.clone();
    }

    /** Units of {@link Packet#fraction()} in one second. */
    long fractionsPerSecond() {
        return nanosecondTimestamps ? 1_000_000_000L : 1_000_000L;
    }

    static Pcap read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < GLOBAL_HEADER) {
            throw new IOException(file + ": " + bytes.length + " bytes, too short for a pcap global header");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        int magic = in.getInt(0);
        ByteOrder order;
        boolean nanos;
        if (magic == MAGIC_MICROS || magic == MAGIC_NANOS) {
            order = ByteOrder.BIG_ENDIAN;
            nanos = magic == MAGIC_NANOS;
        } else if (Integer.reverseBytes(magic) == MAGIC_MICROS || Integer.reverseBytes(magic) == MAGIC_NANOS) {
            order = ByteOrder.LITTLE_ENDIAN;
            nanos = Integer.reverseBytes(magic) == MAGIC_NANOS;
        } else {
            throw new IOException(file + ": not a classic pcap file (magic %08x; pcapng is not supported)".formatted(magic));
        }
        in.order(order);
        int linkType = in.getInt(20);
        if (linkType != LINKTYPE_ETHERNET) {
            throw new IOException(file + ": link type " + linkType + ", only Ethernet (1) is supported");
        }
        byte[] header = new byte[GLOBAL_HEADER];
        in.get(0, header);
        List<Packet> packets = new ArrayList<>();
        int at = GLOBAL_HEADER;
        while (at < bytes.length) {
            if (bytes.length - at < RECORD_HEADER) {
                throw new IOException(file + ": truncated record header at byte " + at);
            }
            long seconds = Integer.toUnsignedLong(in.getInt(at));
            long fraction = Integer.toUnsignedLong(in.getInt(at + 4));
            int included = in.getInt(at + 8);
            int original = in.getInt(at + 12);
            if (included < 0 || included > bytes.length - at - RECORD_HEADER) {
                throw new IOException(file + ": packet " + packets.size() + " claims " + included
                        + " bytes, the file has " + (bytes.length - at - RECORD_HEADER) + " left");
            }
            byte[] frame = new byte[included];
            in.get(at + RECORD_HEADER, frame);
            packets.add(new Packet(seconds, fraction, original, frame));
            at += RECORD_HEADER + included;
        }
        return new Pcap(order, nanos, header, packets);
    }

    void write(Path file) throws IOException {
        int size = GLOBAL_HEADER;
        for (Packet p : packets) {
            size += RECORD_HEADER + p.frame.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size).order(order);
        out.put(header);
        for (Packet p : packets) {
            out.putInt((int) p.seconds).putInt((int) p.fraction).putInt(p.frame.length)
                    .putInt(p.originalLength).put(p.frame);
        }
        Files.write(file, out.array());
    }

    Pcap withPackets(List<Packet> newPackets) {
        return new Pcap(order, nanosecondTimestamps, header, newPackets);
    }

    /**
     * Where a frame's UDP header starts (Ethernet, optionally one 802.1Q tag, then IPv4 with
     * options or IPv6 without extension headers), or fails naming what it found instead.
     */
    static int udpOffset(byte[] frame) {
        int at = 12;
        int etherType = u16(frame, at);
        if (etherType == 0x8100) {
            at += 4;
            etherType = u16(frame, at);
        }
        at += 2;
        int protocol;
        if (etherType == 0x0800) {
            protocol = frame[at + 9] & 0xff;
            at += (frame[at] & 0x0f) * 4;
        } else if (etherType == 0x86dd) {
            protocol = frame[at + 6] & 0xff;
            at += 40;
        } else {
            throw new IllegalArgumentException("not IPv4 or IPv6 (EtherType %04x)".formatted(etherType));
        }
        if (protocol != 17) {
            throw new IllegalArgumentException("not UDP (IP protocol " + protocol + ")");
        }
        if (frame.length < at + 8) {
            throw new IllegalArgumentException("frame of " + frame.length + " bytes cut inside the UDP header");
        }
        return at;
    }

    /** Where the RTP header starts: right after the UDP header, after checking it is RTP version 2. */
    static int rtpOffset(byte[] frame) {
        int at = udpOffset(frame) + 8;
        if (frame.length < at + 12 || (frame[at] & 0xc0) != 0x80) {
            throw new IllegalArgumentException("UDP payload is not RTP version 2");
        }
        return at;
    }

    static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    static long u32(byte[] b, int at) {
        return ((long) u16(b, at) << 16) | u16(b, at + 2);
    }

    static void put16(byte[] b, int at, int value) {
        b[at] = (byte) (value >>> 8);
        b[at + 1] = (byte) value;
    }

    static void put32(byte[] b, int at, long value) {
        put16(b, at, (int) (value >>> 16) & 0xffff);
        put16(b, at + 2, (int) value & 0xffff);
    }
}
