package io.mosaic.gateway.registry;

/**
 * One bad field of a request, named by its path in the fragment document.
 *
 * @param field the path, such as {@code timeout} or {@code mount[0].page}; empty for the document itself
 * @param message what is wrong
 */
public record FieldError(String field, String message) {
}
