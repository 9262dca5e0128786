package io.mosaic.manifest;

/**
 * One thing wrong with a manifest, placed precisely enough for a person or an editor to jump to it.
 *
 * @param file the file as it was named to the reader
 * @param line 1-based line, 0 when unknown (a whole-file problem)
 * @param column 1-based column, 0 when unknown
 * @param path the field path with zero-based indexes, for example {@code fragments[1].timeout};
 *             empty for the document itself
 * @param message what is wrong and, where it helps, what would be right
 */
public record Problem(String file, int line, int column, String path, String message) {

    /** {@code FILE:LINE:COLUMN: PATH: MESSAGE}, the form editors and CI logs understand. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + (path.isEmpty() ? "(document)" : path) + ": " + message;
    }
}
