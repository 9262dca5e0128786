package io.mosaic.gateway.registry;

import java.util.List;

/**
 * A refused registry request: the HTTP status it answers with, a title, a detail, and every bad
 * field. Mapped to {@code application/problem+json} in one place (the API's error handler).
 */
public class RegistryException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<FieldError> errors;

    public RegistryException(int status, String title, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public RegistryException(int status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
