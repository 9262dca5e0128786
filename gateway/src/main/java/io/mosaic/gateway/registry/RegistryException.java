package io.mosaic.gateway.registry;

import java.util.List;

/**
 * A refused registry request: why ({@link Refusal}), a detail in words, and every bad field.
 * The HTTP status of each refusal is the API's to decide, in one place
 * ({@code io.mosaic.gateway.registry.api.Statuses}), which the console shares.
 */
public class RegistryException extends RuntimeException {

    /** Why a request was refused. */
    public enum Refusal {
        /** A field, the body or a name is not valid; every bad field is listed. */
        INVALID,
        /** The caller may not do this: another team's fragment, an admin's control, an admin-only action. */
        FORBIDDEN,
        /** No such fragment or revision. */
        NOT_FOUND,
        /** The change contradicts the state: the operator's manifest owns the name, or an admin's control holds it. */
        CONFLICT,
        /** {@code If-Match} names a revision that is no longer current (or {@code If-None-Match: *} and it exists). */
        STALE,
        /** The body is larger than a fragment's definition can be. */
        TOO_LARGE,
        /** The body is not JSON. */
        UNSUPPORTED_TYPE,
        /** A change that must name the revision it read did not. */
        PRECONDITION_REQUIRED,
        /** Over the caller's write limit; see {@link #retryAfterSeconds()}. */
        TOO_MANY
    }

    private final Refusal refusal;
    private final List<FieldError> errors;
    private final long retryAfterSeconds;

    public RegistryException(Refusal refusal, String detail, List<FieldError> errors) {
        this(refusal, detail, errors, 0);
    }

    public RegistryException(Refusal refusal, String detail) {
        this(refusal, detail, List.of(), 0);
    }

    private RegistryException(Refusal refusal, String detail, List<FieldError> errors, long retryAfterSeconds) {
        super(detail, null, false, false);
        this.refusal = refusal;
        this.errors = List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Over the write limit: retry after {@code seconds}. */
    public static RegistryException tooMany(String detail, long seconds) {
        return new RegistryException(Refusal.TOO_MANY, detail, List.of(), seconds);
    }

    public Refusal refusal() {
        return refusal;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** For {@link Refusal#TOO_MANY}: when the caller may write again. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
