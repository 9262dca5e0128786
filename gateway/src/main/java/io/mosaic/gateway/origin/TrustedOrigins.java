package io.mosaic.gateway.origin;

import java.util.Set;

/**
 * The origins the operator vouches for as a whole: today those of every fragment of the
 * manifest file, which the operator wrote. Fragments from them may live on loopback or private
 * addresses; origins registered by teams may not, unless allowed one by one.
 */
@FunctionalInterface
public interface TrustedOrigins {

    /** Normalised origins ({@link Origin#of}); asked at every connect, so it should be cheap. */
    Set<String> origins();
}
