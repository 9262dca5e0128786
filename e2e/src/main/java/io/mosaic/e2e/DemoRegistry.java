package io.mosaic.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo gateway's registry settings: a token per demo team and one for the admin, given to
 * the gateway as SHA-256 hashes the way an operator would. These tokens are for the demo only:
 * they are printed in the README, so anyone can use them. A real gateway gets its own.
 */
public final class DemoRegistry {

    /** The admin's demo token. */
    public static final String ADMIN_TOKEN = "demo-admin-token";

    private DemoRegistry() {
    }

    /** The demo token of {@code team}: {@code demo-TEAM-token}. */
    public static String token(String team) {
        return "demo-" + team + "-token";
    }

    /** Every demo team, from the started fragments. */
    public static List<String> teams() {
        return DemoFragments.STARTED.stream().map(DemoFragments.Fragment::team).distinct().toList();
    }

    /**
     * The gateway's arguments: team and admin token hashes, the store under {@code workDir}, and
     * the unlisted fragment's origin allowed (it is on loopback, which the origin policy refuses
     * to registered fragments unless the operator allows it).
     */
    public static List<String> gatewayArgs(Path workDir, String allowedOrigin) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String team : teams()) {
            settings.put("mosaic.registry.teams." + team + ".token-sha256", sha256(token(team)));
        }
        settings.put("mosaic.registry.admin.token-sha256", sha256(ADMIN_TOKEN));
        settings.put("mosaic.registry.allowed-origins", allowedOrigin);
        settings.put("spring.datasource.url", "jdbc:h2:file:" + workDir.toAbsolutePath().resolve("data/registry"));
        List<String> args = new ArrayList<>();
        settings.forEach((key, value) -> args.add("--" + key + "=" + value));
        return args;
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
