package io.mosaic.gateway.fetch;

import io.mosaic.gateway.fetch.FetchFailure.Kind;
import io.mosaic.gateway.request.RequestContext;
import io.mosaic.manifest.FragmentDefinition;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.http.client.PrematureCloseException;
import reactor.util.retry.Retry;

/**
 * Fetches one fragment's HTML from its origin, reading at most its {@code maxBodySize}.
 * Redirects are never followed; answers other than 2xx HTML are failures. Resilience (the whole
 * deadline, breaker, bulkhead, fallbacks) is the caller's, around the Mono this returns: this
 * class only talks HTTP, on Reactor Netty directly, since this is the gateway's hottest path.
 */
public final class FragmentFetcher {

    /** Request header telling a fragment the gateway path its proxy lives at, such as {@code /fragments/members}. */
    public static final String BASE_PATH_HEADER = io.mosaic.manifest.FragmentContract.BASE_PATH_HEADER;
    /** Request header telling a fragment which page it is composed into. */
    public static final String PAGE_PATH_HEADER = io.mosaic.manifest.FragmentContract.PAGE_PATH_HEADER;

    /** Response header in which a fragment's origin names its version, shown in the console. */
    public static final String VERSION_HEADER = io.mosaic.manifest.FragmentContract.VERSION_HEADER;

    private final LoopLocalClients clients;

    public FragmentFetcher(LoopLocalClients clients) {
        this.clients = clients;
    }

    /**
     * Fetches {@code fragment} from {@code uri} (its URL with the page's query, see
     * {@link FragmentQuery#withQuery}) for a page request, sending exactly {@code sent}. With
     * {@code stored} validators ({@code ETag}, {@code Last-Modified}) the request is conditional
     * and a 304 answers with no body. With {@code readNotFoundBody}, a 404 or 410 answer's body is
     * carried in the failure (a primary fragment's "not found" page).
     */
    public Mono<FetchedBody> fetch(FragmentDefinition fragment, URI uri, SentHeaders sent, CachingHeaders stored,
                                   RequestContext context, boolean readNotFoundBody) {
        long cap = fragment.maxBodySize();
        boolean conditional = stored != null && stored.hasValidators();
        return Mono.defer(() -> {
            long started = System.nanoTime();
            return clients.on(context.loop()).request(HttpMethod.GET)
                    .uri(uri)
                    .send((request, outbound) -> {
                        HttpHeaders headers = request.requestHeaders();
                        sent.forwarded().forEach(headers::set);
                        headers.set(HttpHeaderNames.ACCEPT, sent.value("accept"));
                        headers.set(HttpHeaderNames.ACCEPT_ENCODING, sent.value("accept-encoding"));
                        headers.set(BASE_PATH_HEADER, sent.basePath());
                        headers.set(PAGE_PATH_HEADER, sent.pagePath());
                        if (conditional) {
                            if (stored.etag() != null) {
                                headers.set(HttpHeaderNames.IF_NONE_MATCH, stored.etag());
                            }
                            if (stored.lastModified() != null) {
                                headers.set(HttpHeaderNames.IF_MODIFIED_SINCE, stored.lastModified());
                            }
                        }
                        return outbound;
                    })
                    .response((response, content) -> content
                            .reduce(new Body(cap), Body::add)
                            .defaultIfEmpty(new Body(cap))
                            .map(body -> answer(response, body.bytes(), cap, readNotFoundBody, conditional, started)))
                    .next();
        })
                // A keep-alive connection the origin closed just as the request went out: GET is
                // idempotent, so one more try on a fresh connection, within the same deadline (the
                // caller's, around this whole Mono).
                .retryWhen(Retry.max(1).filter(FragmentFetcher::closedBeforeAnswering));
    }

    private static FetchedBody answer(HttpClientResponse response, byte[] raw, long cap, boolean readNotFoundBody,
                                      boolean conditional, long started) {
        int status = response.status().code();
        HttpHeaders headers = response.responseHeaders();
        if (status == 304 && conditional) {
            return new FetchedBody(status, new byte[0], StandardCharsets.UTF_8, Duration.ofNanos(System.nanoTime() - started),
                    headers.get(VERSION_HEADER), CachingHeaders.of(headers));
        }
        if (status >= 300 && status < 400) {
            throw new FetchFailure(Kind.REDIRECT, "answered " + status + " to " + headers.get(HttpHeaderNames.LOCATION)
                    + "; redirects are not followed", status, null, null);
        }
        if (status >= 500) {
            throw new FetchFailure(Kind.SERVER_ERROR, "answered " + status, status, null, null);
        }
        if (status >= 400) {
            boolean keep = readNotFoundBody && (status == 404 || status == 410);
            throw new FetchFailure(Kind.CLIENT_ERROR, "answered " + status, status,
                    keep ? decompress(raw, headers.get(HttpHeaderNames.CONTENT_ENCODING), cap) : null, null);
        }
        if (status < 200) {
            throw new FetchFailure(Kind.UNREADABLE, "answered " + status, status, null, null);
        }
        String type = headers.get(HttpHeaderNames.CONTENT_TYPE);
        if (type != null && !isHtml(type)) {
            throw new FetchFailure(Kind.UNREADABLE, "answered " + type + ", not text/html", status, null, null);
        }
        byte[] bytes = decompress(raw, headers.get(HttpHeaderNames.CONTENT_ENCODING), cap);
        return new FetchedBody(status, bytes, charset(type), Duration.ofNanos(System.nanoTime() - started),
                headers.get(VERSION_HEADER), CachingHeaders.of(headers));
    }

    /** The body's bytes, collected as they arrive; refuses to grow past the cap, so the rest is never read. */
    private static final class Body {
        private final long cap;
        private byte[] bytes = new byte[0];
        private int length;

        Body(long cap) {
            this.cap = cap;
        }

        Body add(ByteBuf chunk) {
            int readable = chunk.readableBytes();
            if ((long) length + readable > cap) {
                throw new FetchFailure(Kind.TOO_LARGE, "answer exceeds maxBodySize of " + cap + " bytes");
            }
            if (length + readable > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(length + readable, Math.min((int) cap, Math.max(4096, bytes.length * 2))));
            }
            chunk.getBytes(chunk.readerIndex(), bytes, length, readable);
            length += readable;
            return this;
        }

        byte[] bytes() {
            return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
        }
    }

    private static boolean closedBeforeAnswering(Throwable error) {
        return error instanceof PrematureCloseException && String.valueOf(error.getMessage()).contains("BEFORE response");
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

    private static boolean isHtml(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/html") || type.startsWith("application/xhtml+xml") || type.startsWith("text/plain");
    }

    private static Charset charset(String contentType) {
        if (contentType != null) {
            for (String parameter : contentType.split(";")) {
                String p = parameter.trim();
                if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                    try {
                        return Charset.forName(p.substring(8).replace("\"", "").trim());
                    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
