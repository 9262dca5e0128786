package io.mosaic.manifest.internal;

import io.mosaic.manifest.Problem;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Where something was written: file, 1-based line and column, and its field path.
 *
 * @param file the file as named to the reader
 * @param line 1-based line; 0 for the whole file
 * @param column 1-based column; 0 for the whole file
 * @param path field path with zero-based indexes
 */
public record Position(String file, int line, int column, String path) {

    static Position of(String file, Node node, String path) {
        return node.getStartMark().map(mark -> of(file, mark, path)).orElse(new Position(file, 0, 0, path));
    }

    static Position of(String file, Mark mark, String path) {
        return new Position(file, mark.getLine() + 1, mark.getColumn() + 1, path);
    }

    /** A problem at this position. */
    public Problem problem(String message) {
        return new Problem(file, line, column, path, message);
    }
}
