package io.mosaic.gateway.origin;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into the addresses the gateway would connect to. The origin policy asks it
 * at write time and the fragment and proxy clients ask it (through the policy) at connect time,
 * so both judge what DNS answers at that moment. Numeric spellings never get here: the policy
 * reads those itself.
 */
@FunctionalInterface
public interface HostResolver {

    /**
     * Every address {@code host} resolves to; never empty.
     *
     * @throws UnknownHostException when the name does not resolve
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The JVM's resolver ({@link InetAddress#getAllByName}), with its cache. It blocks: call it off the event loops. */
    static HostResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
