package io.mosaic.manifest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code publish} against a real HTTP server on loopback that answers as the gateway's API would and records what it got. */
class PublishCommandTest {

    private static final String WEATHER = """
            name: weather
            team: insights
            url: http://weather.internal/fragment
            timeout: 800ms
            maxBodySize: 300000
            async: true
            mount:
              - {page: /adimn, slot: widgets, order: 60}
            """;

    /** One request as the server saw it. */
    record Seen(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** What the server answers to one method. */
    record Answer(int status, Map<String, String> headers, String body) {
    }

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private Answer onGet;
    private Answer onPut;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Path file;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        file = dir.resolve("weather.yaml");
        Files.writeString(file, WEATHER);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()), body));
        Answer answer = exchange.getRequestMethod().equals("GET") ? onGet : onPut;
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private String gateway() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private int publish(Map<String, String> env, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "publish";
        System.arraycopy(args, 0, all, 1, args.length);
        return ManifestCommand.run(all, env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private int publish() {
        return publish(Map.of("MOSAIC_TOKEN", "s3cret"), file.toString(), "--gateway", gateway());
    }

    private static Answer problem(int status, String json) {
        return new Answer(status, Map.of("Content-Type", "application/problem+json"), json);
    }

    private static final Answer NOT_FOUND = problem(404, "{\"title\": \"Not Found\", \"status\": 404}");

    @Test
    void aNewFragmentIsCreatedOnlyIfNobodyCreatedItMeanwhile() {
        onGet = NOT_FOUND;
        onPut = new Answer(201, Map.of("Content-Type", "application/json", "ETag", "\"1\""), "{\"name\": \"weather\", \"revision\": 1}");
        assertThat(publish()).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("published weather (revision 1) to " + gateway() + "\n");
        assertThat(seen).extracting(Seen::method).containsExactly("GET", "PUT");
        Seen get = seen.get(0);
        assertThat(get.path()).isEqualTo("/api/fragments/weather");
        assertThat(get.header("Authorization")).isEqualTo("Bearer s3cret");
        assertThat(get.header("Accept")).contains("application/json");
        Seen put = seen.get(1);
        assertThat(put.path()).isEqualTo("/api/fragments/weather");
        assertThat(put.header("If-None-Match")).isEqualTo("*");
        assertThat(put.header("If-Match")).isNull();
        assertThat(put.header("Authorization")).isEqualTo("Bearer s3cret");
        assertThat(put.header("Content-Type")).isEqualTo("application/json");
        // Durations stay the text they were; numbers and booleans are typed as YAML 1.2 reads them.
        assertThat(put.body()).isEqualTo("{\"name\":\"weather\",\"team\":\"insights\",\"url\":\"http://weather.internal/fragment\","
                + "\"timeout\":\"800ms\",\"maxBodySize\":300000,\"async\":true,"
                + "\"mount\":[{\"page\":\"/adimn\",\"slot\":\"widgets\",\"order\":60}]}");
    }

    @Test
    void anExistingFragmentIsUpdatedAgainstTheRevisionJustRead() throws Exception {
        Files.writeString(file, "{\"name\": \"weather\", \"team\": \"insights\", \"url\": \"http://w/\", \"fallback\": \"<p class=\\\"x\\\">Down</p>\"}");
        onGet = new Answer(200, Map.of("Content-Type", "application/json", "ETag", "W/\"7\""), "{\"name\": \"weather\"}");
        onPut = new Answer(200, Map.of("ETag", "\"8\""), "");
        assertThat(publish()).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("published weather (revision 8) to " + gateway() + "\n");
        Seen put = seen.get(1);
        assertThat(put.header("If-Match")).isEqualTo("W/\"7\"");
        assertThat(put.header("If-None-Match")).isNull();
        assertThat(put.body()).isEqualTo("{\"name\":\"weather\",\"team\":\"insights\",\"url\":\"http://w/\",\"fallback\":\"<p class=\\\"x\\\">Down</p>\"}");
    }

    @Test
    void theGatewaysFieldErrorsArePrintedAtTheirLinesInTheFile() {
        onGet = NOT_FOUND;
        onPut = problem(422, """
                {"type": "https://mosaic.example/problems/invalid-fragment", "title": "Invalid fragment", "status": 422,
                 "detail": "2 problems",
                 "errors": [{"field": "mount[0].page", "message": "unknown page '/adimn'; did you mean '/admin'?"},
                            {"field": "mount[0].slott", "message": "a field the file does not have"},
                            {"field": "", "message": "fragment 'weather' is defined in the gateway's own manifest"}]}""");
        assertThat(publish()).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                file + ":8:12: mount[0].page: unknown page '/adimn'; did you mean '/admin'?\n"
                        + file + ":8:5: mount[0].slott: a field the file does not have\n"
                        + file + ":1:1: (document): fragment 'weather' is defined in the gateway's own manifest\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(file + ": " + gateway() + " refused weather (422, 3 problems); nothing was published\n");
    }

    @Test
    void aRefusedTokenSaysWhatTheGatewaySaid() {
        onGet = problem(401, "{\"title\": \"Unauthorized\", \"status\": 401, \"detail\": \"the token is not valid for team insights\"}");
        assertThat(publish()).isEqualTo(1);
        assertThat(seen).extracting(Seen::method).containsExactly("GET");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo(file + ": " + gateway() + " refused weather (401): Unauthorized: the token is not valid for team insights\n");
    }

    @Test
    void aChangeMeanwhileIsRefusedAndSaysSo() {
        onGet = new Answer(200, Map.of("ETag", "\"3\""), "{}");
        onPut = problem(412, "{\"title\": \"Precondition Failed\", \"status\": 412}");
        assertThat(publish()).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("weather was changed on " + gateway() + " by someone else")
                .contains("run publish again");
    }

    @Test
    void anAnswerThatIsNotAProblemDocumentStillSaysItsStatus() {
        onGet = new Answer(502, Map.of("Content-Type", "text/html"), "<html>Bad gateway</html>");
        assertThat(publish()).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(file + ": " + gateway() + " refused weather (502): HTTP 502\n");
    }

    @Test
    void localProblemsNeverReachTheGateway() throws Exception {
        Files.writeString(file, "name: weather\nteam: insights\nurl: http://w/\ntimout: 2s\nmount: [{page: admin, slot: widgets}]\n");
        assertThat(publish()).isEqualTo(1);
        assertThat(seen).isEmpty();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                file + ":4:1: timout: unknown field 'timout'; did you mean 'timeout'?\n"
                        + file + ":5:16: mount[0].page: 'admin' must start with '/'\n"
                        + file + ": 2 problems; nothing was published\n");
    }

    @Test
    void anUnreachableGatewayIsOneLineNamingIt() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        assertThat(publish(Map.of("MOSAIC_TOKEN", "s3cret"), file.toString(), "--gateway", url)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("cannot reach the gateway at " + url + ": connection refused\n");
    }

    @Test
    void usageErrorsExitTwoWithoutCallingTheGateway() {
        Map<String, String> token = Map.of("MOSAIC_TOKEN", "s3cret");
        assertThat(publish(Map.of(), file.toString(), "--gateway", gateway())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("MOSAIC_TOKEN is not set").contains("usage: java -jar manifest.jar");
        assertThat(publish(Map.of("MOSAIC_TOKEN", " "), file.toString(), "--gateway", gateway())).isEqualTo(2);
        assertThat(publish(token, file.toString())).isEqualTo(2);
        assertThat(publish(token, file.toString(), "--gateway")).isEqualTo(2);
        assertThat(publish(token, "--gateway", gateway())).isEqualTo(2);
        assertThat(publish(token, file.toString(), "--gateway", gateway(), "--force")).isEqualTo(2);
        assertThat(publish(token, file.toString(), file.toString(), "--gateway", gateway())).isEqualTo(2);
        assertThat(publish(token, file.toString(), "--gateway", "ftp://x")).isEqualTo(2);
        assertThat(seen).isEmpty();
        assertThat(publish(token, dir.resolve("missing.yaml").toString(), "--gateway=" + gateway())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(dir.resolve("missing.yaml") + ":0:0: (document): no such file\n");
    }
}
