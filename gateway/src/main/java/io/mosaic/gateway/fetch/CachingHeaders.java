package io.mosaic.gateway.fetch;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;

/**
 * The headers of an answer that decide whether and how long it is reused, and how it is
 * revalidated. Kept with the stored answer: a 304 updates them (RFC 9111 §4.3.4) and may carry
 * only some of them.
 */
public record CachingHeaders(String cacheControl, String expires, String date, String age, String etag,
                             String lastModified, String vary) {

    public static final CachingHeaders NONE = new CachingHeaders(null, null, null, null, null, null, null);

    public static CachingHeaders of(HttpHeaders headers) {
        return new CachingHeaders(joined(headers, HttpHeaderNames.CACHE_CONTROL), headers.get(HttpHeaderNames.EXPIRES),
                headers.get(HttpHeaderNames.DATE), headers.get(HttpHeaderNames.AGE), headers.get(HttpHeaderNames.ETAG),
                headers.get(HttpHeaderNames.LAST_MODIFIED), joined(headers, HttpHeaderNames.VARY));
    }

    /** These headers updated by a 304's: each header the 304 carries replaces the stored one. */
    public CachingHeaders updatedBy(CachingHeaders notModified) {
        return new CachingHeaders(or(notModified.cacheControl, cacheControl), or(notModified.expires, expires),
                or(notModified.date, date), notModified.age, or(notModified.etag, etag),
                or(notModified.lastModified, lastModified), or(notModified.vary, vary));
    }

    /** Whether a conditional request can revalidate the answer. */
    public boolean hasValidators() {
        return etag != null || lastModified != null;
    }

    private static String joined(HttpHeaders headers, CharSequence name) {
        List<String> values = headers.getAll(name);
        return values.isEmpty() ? null : values.size() == 1 ? values.get(0) : String.join(", ", values);
    }

    private static String or(String preferred, String otherwise) {
        return preferred != null ? preferred : otherwise;
    }
}
