package io.mosaic.gateway.origin;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * DNS that the test re-points, as an attacker controlling a name's records would: a name answers
 * a public address when it is registered, and loopback afterwards. Other names fail.
 */
final class RebindingDns implements HostResolver {

    static final String PUBLIC = "93.184.215.14";
    static final String LOOPBACK = "127.0.0.1";

    private final Map<String, InetAddress> answers = new ConcurrentHashMap<>();

    /** From now on {@code host} resolves to {@code address}. */
    void answer(String host, String address) {
        try {
            answers.put(host, InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        InetAddress address = answers.get(host);
        if (address == null) {
            throw new UnknownHostException(host);
        }
        return List.of(address);
    }
}
