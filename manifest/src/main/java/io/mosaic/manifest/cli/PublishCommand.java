package io.mosaic.manifest.cli;

import io.mosaic.manifest.ManifestReader;
import io.mosaic.manifest.Problem;
import io.mosaic.manifest.SourceText;
import io.mosaic.manifest.internal.JsonText;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code java -jar manifest.jar publish FILE --gateway URL}: what a team's CI runs to register or
 * update its fragment on a gateway. The document is checked locally first, so a typo never costs
 * a round trip; then it is created ({@code If-None-Match: *}) or updated against the revision
 * just read ({@code If-Match}), so two pipelines never overwrite each other unnoticed. The
 * gateway's field errors come back as {@code FILE:LINE:COLUMN: FIELD: MESSAGE}, like validate's.
 */
final class PublishCommand {

    /** The environment variable holding the gateway API token. */
    static final String TOKEN = "MOSAIC_TOKEN";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final PrintStream out;
    private final PrintStream err;

    private PublishCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs {@code publish} with its arguments (after the command word); returns the exit status. */
    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        return new PublishCommand(out, err).run(args, env);
    }

    private int run(List<String> args, Map<String, String> env) {
        String file = null;
        String gateway = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--gateway") && i + 1 < args.size()) {
                gateway = args.get(++i);
            } else if (arg.startsWith("--gateway=")) {
                gateway = arg.substring("--gateway=".length());
            } else if (arg.equals("--gateway")) {
                return usage("--gateway needs the gateway's URL, for example --gateway https://console.example.com");
            } else if (arg.startsWith("-")) {
                return usage("unknown option '" + arg + "'");
            } else if (file != null) {
                return usage("publish takes one FILE, got '" + file + "' and '" + arg + "'");
            } else {
                file = arg;
            }
        }
        if (file == null) {
            return usage("publish needs the FILE of one fragment document");
        }
        if (gateway == null || gateway.isBlank()) {
            return usage("publish needs --gateway URL, the gateway to publish to");
        }
        Optional<URI> base = baseUri(gateway);
        if (base.isEmpty()) {
            return usage("--gateway '" + gateway + "' is not an absolute http or https URL");
        }
        String token = env.get(TOKEN);
        if (token == null || token.isBlank()) {
            return usage(TOKEN + " is not set: publish sends it as the bearer token of the gateway's API");
        }
        Optional<SourceText> document = load(file);
        if (document.isEmpty()) {
            return ManifestCommand.INVALID;
        }
        List<Problem> problems = new ManifestReader().checkFragment(document.get());
        if (!problems.isEmpty()) {
            problems.forEach(out::println);
            out.println(file + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "; nothing was published");
            return ManifestCommand.INVALID;
        }
        String name = String.valueOf(((Map<?, ?>) JsonText.parse(document.get().text()).orElseThrow()).get("name"));
        String json = JsonText.fromYaml(document.get().text()).orElseThrow();
        return publish(document.get(), name, json, base.get(), token.strip());
    }

    private int publish(SourceText document, String name, String json, URI base, String token) {
        URI uri = URI.create(base + "/api/fragments/" + name);
        String shown = base.toString();
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        try {
            HttpResponse<String> current = client.send(request(uri, token).GET().build(), HttpResponse.BodyHandlers.ofString());
            HttpRequest.Builder put = request(uri, token)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
            if (current.statusCode() == 404) {
                put.header("If-None-Match", "*");
            } else if (current.statusCode() == 200) {
                Optional<String> etag = current.headers().firstValue("ETag");
                if (etag.isEmpty()) {
                    err.println(document.name() + ": " + shown + " answered " + name + " without an ETag, so it cannot be updated safely; nothing was published");
                    return ManifestCommand.INVALID;
                }
                put.header("If-Match", etag.get());
            } else {
                return refused(document, name, shown, current);
            }
            HttpResponse<String> answer = client.send(put.build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200 || answer.statusCode() == 201) {
                out.println("published " + name + revision(answer).map(r -> " (revision " + r + ")").orElse("") + " to " + shown);
                return ManifestCommand.VALID;
            }
            return refused(document, name, shown, answer);
        } catch (HttpConnectTimeoutException e) {
            err.println("cannot reach the gateway at " + shown + ": no connection within " + CONNECT_TIMEOUT.toSeconds() + " s");
        } catch (HttpTimeoutException e) {
            err.println("the gateway at " + shown + " did not answer within " + ANSWER_TIMEOUT.toSeconds() + " s");
        } catch (ConnectException e) {
            err.println("cannot reach the gateway at " + shown + ": connection refused");
        } catch (IOException e) {
            err.println("cannot reach the gateway at " + shown + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("interrupted while publishing to " + shown);
        }
        return ManifestCommand.INVALID;
    }

    private static HttpRequest.Builder request(URI uri, String token) {
        return HttpRequest.newBuilder(uri)
                .timeout(ANSWER_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json, application/problem+json");
    }

    /**
     * Reports a refusal: each field error of the problem answer at its line in the document, or
     * the answer's title and detail when it has none (401, 403, 409, 429...).
     */
    private int refused(SourceText document, String name, String gateway, HttpResponse<String> answer) {
        int status = answer.statusCode();
        Map<?, ?> problem = JsonText.parse(answer.body()).filter(Map.class::isInstance).map(Map.class::cast).orElse(Map.of());
        int printed = 0;
        if (problem.get("errors") instanceof List<?> errors) {
            for (Object error : errors) {
                if (error instanceof Map<?, ?> e && e.get("message") != null) {
                    String field = e.get("field") == null ? "" : String.valueOf(e.get("field"));
                    int[] at = ManifestReader.positionOf(document, field).orElse(new int[] {0, 0});
                    out.println(new Problem(document.name(), at[0], at[1], field, String.valueOf(e.get("message"))));
                    printed++;
                }
            }
        }
        String said = text(problem.get("title")).orElse("HTTP " + status)
                + text(problem.get("detail")).map(detail -> ": " + detail).orElse("");
        if (status == 412) {
            err.println(document.name() + ": " + name + " was changed on " + gateway + " by someone else while this publish ran (412 "
                    + text(problem.get("title")).orElse("Precondition Failed") + "); nothing was published, run publish again");
        } else if (printed > 0) {
            err.println(document.name() + ": " + gateway + " refused " + name + " (" + status + ", " + printed
                    + (printed == 1 ? " problem" : " problems") + "); nothing was published");
        } else {
            err.println(document.name() + ": " + gateway + " refused " + name + " (" + status + "): " + said);
        }
        return ManifestCommand.INVALID;
    }

    /** The revision the gateway gave: its answer's {@code revision}, else its ETag without quotes. */
    private static Optional<String> revision(HttpResponse<String> answer) {
        Optional<String> fromBody = JsonText.parse(answer.body()).filter(Map.class::isInstance)
                .map(body -> ((Map<?, ?>) body).get("revision")).flatMap(PublishCommand::text);
        return fromBody.or(() -> answer.headers().firstValue("ETag")
                .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                .map(tag -> tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"") ? tag.substring(1, tag.length() - 1) : tag));
    }

    private static Optional<String> text(Object value) {
        return value == null || String.valueOf(value).isBlank() ? Optional.empty() : Optional.of(String.valueOf(value));
    }

    private Optional<SourceText> load(String file) {
        try {
            byte[] bytes = Files.readAllBytes(Path.of(file));
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return Optional.of(new SourceText(file, text.startsWith("\uFEFF") ? text.substring(1) : text));
        } catch (NoSuchFileException e) {
            out.println(new Problem(file, 0, 0, "", "no such file"));
        } catch (CharacterCodingException e) {
            out.println(new Problem(file, 0, 0, "", "the file is not valid UTF-8"));
        } catch (IOException e) {
            out.println(new Problem(file, 0, 0, "", "cannot read the file: " + e.getMessage()));
        }
        return Optional.empty();
    }

    private static Optional<URI> baseUri(String gateway) {
        try {
            URI uri = new URI(gateway.endsWith("/") ? gateway.substring(0, gateway.length() - 1) : gateway);
            boolean http = uri.getScheme() != null && (uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"));
            return http && uri.getHost() != null && uri.getRawQuery() == null && uri.getRawFragment() == null
                    ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private int usage(String message) {
        err.println(message);
        err.println(ManifestCommand.USAGE_TEXT);
        return ManifestCommand.USAGE;
    }
}
