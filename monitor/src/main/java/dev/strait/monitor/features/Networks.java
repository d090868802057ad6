package dev.strait.monitor.features;

/** Client address prefixes as numbers, parsed by hand (no DNS, no allocation of InetAddress). */
final class Networks {
    private Networks() {
    }

    /**
     * The network of an address: IPv4 keeps {@code bits} of 32; IPv6 keeps twice as many of its
     * first 64 bits (a /24 becomes /48, a /28 a /56). 0 when the address is not parseable.
     */
    static long net(String ip, int bits) {
        if (ip.isEmpty()) {
            return 0;
        }
        if (ip.indexOf(':') >= 0) {
            return v6(ip, bits * 2);
        }
        long v = 0;
        int part = 0, parts = 0;
        boolean digit = false;
        for (int i = 0; i < ip.length(); i++) {
            char c = ip.charAt(i);
            if (c >= '0' && c <= '9') {
                part = part * 10 + (c - '0');
                digit = true;
                if (part > 255) {
                    return 0;
                }
            } else if (c == '.' && digit) {
                v = v << 8 | part;
                part = 0;
                parts++;
                digit = false;
            } else {
                return 0;
            }
        }
        if (!digit || parts != 3) {
            return 0;
        }
        v = v << 8 | part;
        return (v >>> (32 - bits)) << (32 - bits) | 1L << 40 | (long) bits << 48;
    }

    private static long v6(String ip, int bits) {
        long v = 0;
        int groups = 0;
        int group = 0;
        boolean any = false;
        for (int i = 0; i < ip.length() && groups < 4; i++) {
            char c = ip.charAt(i);
            int d = Character.digit(c, 16);
            if (d >= 0) {
                group = group * 16 + d;
                any = true;
            } else if (c == ':') {
                if (i + 1 < ip.length() && ip.charAt(i + 1) == ':') {
                    if (any) {
                        v = v << 16 | (group & 0xffff);
                        groups++;
                    }
                    any = false;
                    break; // the rest of the first 64 bits is zeros
                }
                v = v << 16 | (group & 0xffff);
                groups++;
                group = 0;
                any = false;
            } else {
                return 0;
            }
        }
        if (any && groups < 4) {
            v = v << 16 | (group & 0xffff);
            groups++;
        }
        v <<= 16 * (4 - groups);
        long masked = bits >= 64 ? v : (v >>> (64 - bits)) << (64 - bits);
        return Hashing.mix(masked ^ bits) | 1L;
    }
}
