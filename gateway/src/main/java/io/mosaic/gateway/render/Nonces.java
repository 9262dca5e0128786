package io.mosaic.gateway.render;

import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Fresh 128-bit CSP nonces, one per response. Each thread has its own DRBG (NIST SP 800-90A
 * Hash_DRBG, SHA-256), seeded from the operating system once when the thread first asks: after
 * that a nonce is a few SHA-256 blocks in memory, with no system call, no file read and no lock
 * shared between event loops. (The default {@code NativePRNG} reads {@code /dev/urandom} and
 * takes one lock for the whole JVM on every call. A {@code SplittableRandom} seeded from a
 * {@code SecureRandom} would be cheaper still but is not a CSPRNG: its state can be computed from
 * a few outputs, and then every later nonce is known.)
 */
public final class Nonces {

    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private final ThreadLocal<SecureRandom> random = ThreadLocal.withInitial(Nonces::drbg);

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG",
                    DrbgParameters.instantiation(256, DrbgParameters.Capability.RESEED_ONLY, "mosaic-csp-nonce".getBytes()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no DRBG SecureRandom (Java 9+ always has)", e);
        }
    }

    /** A new nonce: 16 random bytes in base64 (24 ASCII characters). */
    public String next() {
        byte[] bytes = new byte[16];
        random.get().nextBytes(bytes);
        return BASE64.encodeToString(bytes);
    }
}
