vcl 4.1;
# The third composer: Varnish with ESI. Each page is fetched once from the page origin and kept; its
# <esi:include src="/_f/NAME"/> tags are resolved on every delivery, one after the other, each from
# the fragment's own backend with the same deadline as the gateway's manifest. A fragment answer is
# kept only as long as its origin's Cache-Control says. fast-distinct's includes get the page's query
# (ESI has no variables in src: vcl_recv appends req_top.url's), so their origins see it.
# Filled in by io.mosaic.e2e.bench.VarnishEsi (placeholders in double braces).

# The page origin: the static origins' nginx, serving the ESI pages the driver wrote.
backend pages {
    .host = "127.0.0.1";
    .port = "{{PAGES_PORT}}";
}

# One backend per fragment. Its deadline bounds each phase, as nginx's proxy timeouts do:
# connecting, the first byte, and every gap between two reads.
{{BACKENDS}}

sub vcl_recv {
    # Pages and includes only; the built-in vcl_recv (which passes requests with cookies or
    # credentials) is not reached: every request here is looked up in the cache.
{{ROUTES}}
    return (synth(404));
}

sub vcl_hash {
    # A page requested with a query (fast-distinct's, whose requests differ only in it) is kept
    # once, by its path, as the built-in vcl_hash would key it without the query. Everything else,
    # includes too, falls through to the built-in: by its whole URL, which for fast-distinct's
    # includes carries the page's query (vcl_recv appends it), so each of those is a miss.
    if (req.esi_level == 0 && req.url ~ "\?") {
        hash_data(regsub(req.url, "\?.*$", ""));
        if (req.http.host) {
            hash_data(req.http.host);
        } else {
            hash_data(server.ip);
        }
        return (lookup);
    }
}

sub vcl_backend_fetch {
    # From the public path (the cache key) to the origin's.
{{ORIGIN_PATHS}}
}

sub vcl_backend_response {
    if (bereq.backend == pages) {
        set beresp.do_esi = true;
        set beresp.ttl = 1y;
        return (deliver);
    }
    # An answer without Cache-Control or Expires is never kept (Varnish's default_ttl would keep it
    # 2 minutes). The uncacheable marker itself lives 60 s, so that concurrent requests fetch at
    # once instead of queueing behind one another's fetch (hit-for-miss).
    if (!beresp.http.Cache-Control && !beresp.http.Expires) {
        set beresp.uncacheable = true;
        set beresp.ttl = 60s;
        return (deliver);
    }
    # Kept for its max-age, and not a moment longer unless the origin allows it
    # (stale-while-revalidate): Varnish's default grace would serve it 10 s past expiry.
    if (beresp.http.Cache-Control !~ "stale-while-revalidate") {
        set beresp.grace = 0s;
    }
    return (deliver);
}

sub vcl_backend_error {
    if (bereq.backend == pages) {
        return (deliver);
    }
    # A failed fragment (refused, deadline passed): the include shows the same fallback as the
    # other composers; it is never kept, so the next request asks the origin again.
    set beresp.status = 200;
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    synthetic({"{{FALLBACK}}"});
    set beresp.uncacheable = true;
    set beresp.ttl = 1s;
    return (deliver);
}

sub vcl_deliver {
    if (req.esi_level == 0) {
        # The composed page is new on every request, as the other composers' pages.
        unset resp.http.ETag;
        unset resp.http.Last-Modified;
        unset resp.http.Accept-Ranges;
        set resp.http.Cache-Control = "no-store";
    }
}
