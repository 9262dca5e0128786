package io.mosaic.e2e.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The fast fragment origins: one nginx ({@code worker_processes 1}, keep-alive) serving the five
 * {@link FragmentHtml} files, each on its own port, as five separately deployed origins would.
 */
final class StaticOrigins {

    private final Nginx nginx;
    private final List<Integer> ports;

    private StaticOrigins(Nginx nginx, List<Integer> ports) {
        this.nginx = nginx;
        this.ports = ports;
    }

    static StaticOrigins start(ChildProcesses processes, Workspace workspace) {
        Path prefix = workspace.dir().resolve("origins");
        Path html = prefix.resolve("html");
        List<Integer> ports = Ports.free(FragmentHtml.COUNT);
        try {
            Files.createDirectories(html);
            for (int n = 1; n <= FragmentHtml.COUNT; n++) {
                Files.writeString(html.resolve("f" + n + ".html"), FragmentHtml.fragment(n));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fragment files under " + html, e);
        }
        StringBuilder servers = new StringBuilder();
        ports.forEach(port -> servers.append("    server { listen 127.0.0.1:").append(port).append("; }\n"));
        String config = Template.fill(workspace.template("nginx-origins.conf"), Map.of(
                "PREFIX", prefix.toString(), "HTML", html.toString(), "SERVERS", servers.toString().stripTrailing()));
        return new StaticOrigins(Nginx.start(processes, "nginx-origins", prefix, config, ports), ports);
    }

    /** The URL of fragment {@code n} (1 to 5) on its own origin. */
    URI url(int n) {
        return URI.create("http://127.0.0.1:" + ports.get(n - 1) + "/f" + n + ".html");
    }

    /** All five, in order. */
    List<URI> urls() {
        return IntStream.rangeClosed(1, FragmentHtml.COUNT).mapToObj(this::url).toList();
    }

    String diagnosis() {
        return nginx.diagnosis();
    }
}
