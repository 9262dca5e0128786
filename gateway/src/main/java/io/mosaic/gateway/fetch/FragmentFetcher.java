package io.mosaic.gateway.fetch;

import io.mosaic.gateway.fetch.FetchFailure.Kind;
import io.mosaic.manifest.FragmentDefinition;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Fetches one fragment's HTML from its origin under its whole deadline, reading at most its
 * {@code maxBodySize}. Redirects are never followed; answers other than 2xx HTML are failures.
 * Resilience (breaker, bulkhead, fallbacks) is the caller's: this class only talks HTTP.
 */
public final class FragmentFetcher {

    /** Request header telling a fragment the gateway path its proxy lives at, such as {@code /fragments/members}. */
    public static final String BASE_PATH_HEADER = "X-Fragment-Base-Path";
    /** Request header telling a fragment which page it is composed into. */
    public static final String PAGE_PATH_HEADER = "X-Page-Path";
    /** Response header in which a fragment may name its version. */
    public static final String VERSION_HEADER = "X-Fragment-Version";

    private final WebClient client;

    public FragmentFetcher(WebClient client) {
        this.client = client;
    }

    /**
     * Fetches {@code fragment} for a page request. With {@code readNotFoundBody}, a 404 or 410
     * answer's body is read and carried in the failure (a primary fragment's "not found" page).
     */
    public Mono<FetchedBody> fetch(FragmentDefinition fragment, String proxyBase, RequestContext context, boolean readNotFoundBody) {
        URI uri = withQuery(fragment.url(), context.rawQuery());
        return Mono.defer(() -> {
            long started = System.nanoTime();
            return client.get()
                    .uri(uri)
                    .headers(headers -> {
                        context.headers().forEach(headers::set);
                        headers.set(HttpHeaders.ACCEPT, "text/html");
                        headers.set(HttpHeaders.ACCEPT_ENCODING, "identity");
                        headers.set(BASE_PATH_HEADER, proxyBase);
                        headers.set(PAGE_PATH_HEADER, context.pagePath());
                    })
                    .exchangeToMono(response -> read(response, fragment, readNotFoundBody, started));
        }).timeout(fragment.timeout());
    }

    private Mono<FetchedBody> read(ClientResponse response, FragmentDefinition fragment, boolean readNotFoundBody, long started) {
        int status = response.statusCode().value();
        if (status >= 300 && status < 400) {
            String location = response.headers().asHttpHeaders().getFirst(HttpHeaders.LOCATION);
            return response.releaseBody().then(Mono.error(new FetchFailure(Kind.REDIRECT,
                    "answered " + status + " to " + location + "; redirects are not followed", status, null, null)));
        }
        if (status >= 500) {
            return response.releaseBody().then(Mono.error(new FetchFailure(Kind.SERVER_ERROR, "answered " + status, status, null, null)));
        }
        if (status >= 400) {
            if (readNotFoundBody && (status == 404 || status == 410)) {
                return body(response, fragment).flatMap(bytes -> Mono.error(
                        new FetchFailure(Kind.CLIENT_ERROR, "answered " + status, status, bytes, null)));
            }
            return response.releaseBody().then(Mono.error(new FetchFailure(Kind.CLIENT_ERROR, "answered " + status, status, null, null)));
        }
        if (status < 200) {
            return response.releaseBody().then(Mono.error(new FetchFailure(Kind.UNREADABLE, "answered " + status, status, null, null)));
        }
        MediaType type = response.headers().contentType().orElse(MediaType.TEXT_HTML);
        if (!isHtml(type)) {
            return response.releaseBody().then(Mono.error(new FetchFailure(Kind.UNREADABLE,
                    "answered " + type + ", not text/html", status, null, null)));
        }
        Charset charset = type.getCharset() != null ? type.getCharset() : StandardCharsets.UTF_8;
        String version = response.headers().asHttpHeaders().getFirst(VERSION_HEADER);
        return body(response, fragment).map(bytes -> new FetchedBody(status, FetchedBody.decode(bytes, charset),
                hash(bytes), version, java.time.Duration.ofNanos(System.nanoTime() - started)));
    }

    /** The body's bytes, decompressed when the origin compressed it unasked, never more than the cap. */
    private Mono<byte[]> body(ClientResponse response, FragmentDefinition fragment) {
        long cap = fragment.maxBodySize();
        String encoding = response.headers().asHttpHeaders().getFirst(HttpHeaders.CONTENT_ENCODING);
        return DataBufferUtils.join(response.body(BodyExtractors.toDataBuffers()), (int) cap)
                .map(buffer -> {
                    try {
                        byte[] bytes = new byte[buffer.readableByteCount()];
                        buffer.read(bytes);
                        return bytes;
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .defaultIfEmpty(new byte[0])
                .onErrorMap(org.springframework.core.io.buffer.DataBufferLimitException.class,
                        e -> new FetchFailure(Kind.TOO_LARGE, "answer exceeds maxBodySize of " + cap + " bytes", 0, null, e))
                .map(bytes -> decompress(bytes, encoding, cap));
    }

    static byte[] decompress(byte[] bytes, String encoding, long cap) {
        if (encoding == null || encoding.isBlank() || encoding.equalsIgnoreCase("identity")) {
            return bytes;
        }
        String coding = encoding.trim().toLowerCase(Locale.ROOT);
        try (InputStream in = switch (coding) {
            case "gzip", "x-gzip" -> new GZIPInputStream(new ByteArrayInputStream(bytes));
            case "deflate" -> new InflaterInputStream(new ByteArrayInputStream(bytes));
            default -> throw new FetchFailure(Kind.UNREADABLE, "answered with Content-Encoding " + encoding + ", which is not read");
        }) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            int read;
            while ((read = in.read(chunk)) > 0) {
                if (out.size() + read > cap) {
                    throw new FetchFailure(Kind.TOO_LARGE, "decompressed answer exceeds maxBodySize of " + cap + " bytes");
                }
                out.write(chunk, 0, read);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new FetchFailure(Kind.UNREADABLE, "answer is not valid " + coding + ": " + e.getMessage(), 0, null, e);
        }
    }

    private static boolean isHtml(MediaType type) {
        return type.isCompatibleWith(MediaType.TEXT_HTML) || type.isCompatibleWith(MediaType.APPLICATION_XHTML_XML)
                || type.isCompatibleWith(MediaType.TEXT_PLAIN);
    }

    static URI withQuery(URI url, String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return url;
        }
        String existing = url.getRawQuery();
        return UriComponentsBuilder.fromUri(url)
                .replaceQuery(existing == null || existing.isEmpty() ? rawQuery : existing + "&" + rawQuery)
                .build(true)
                .toUri();
    }

    /** FNV-1a, 64 bit: cheap, and only used to recognise an answer seen before. */
    static long hash(byte[] bytes) {
        long h = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h ^ bytes.length;
    }
}
