package io.mosaic.gateway.registry.api;

import io.mosaic.gateway.registry.RegistryException;
import org.springframework.http.HttpStatus;

/**
 * The HTTP status of each refusal of the registry, in one place: the API answers with it as a
 * problem, and the console's pages with the same status.
 */
public final class Statuses {

    private Statuses() {
    }

    public static HttpStatus of(RegistryException.Refusal refusal) {
        return switch (refusal) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case STALE -> HttpStatus.PRECONDITION_FAILED;
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case UNSUPPORTED_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case PRECONDITION_REQUIRED -> HttpStatus.PRECONDITION_REQUIRED;
            case TOO_MANY -> HttpStatus.TOO_MANY_REQUESTS;
        };
    }
}
