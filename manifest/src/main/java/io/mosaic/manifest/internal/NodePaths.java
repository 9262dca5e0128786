package io.mosaic.manifest.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Finds a field path such as {@code mount[0].page} in a node tree, so that a problem named only
 * by its path (a server's answer, say) can be shown at its line.
 */
final class NodePaths {

    private static final Pattern STEP = Pattern.compile("([^.\\[\\]]+)|\\[(\\d{1,9})]|\\.");

    private NodePaths() {
    }

    /** The node at {@code path} under {@code root}; when part of the path is absent, the deepest node that exists. */
    static Node nearest(Node root, String path) {
        Node node = root;
        Matcher m = STEP.matcher(path);
        int end = 0;
        while (m.find() && m.start() == end) {
            end = m.end();
            if (m.group(1) != null) {
                Optional<Node> next = field(node, m.group(1));
                if (next.isEmpty()) {
                    return node;
                }
                node = next.get();
            } else if (m.group(2) != null) {
                int index = Integer.parseInt(m.group(2));
                if (!(node instanceof SequenceNode sequence) || index >= sequence.getValue().size()) {
                    return node;
                }
                node = sequence.getValue().get(index);
            }
        }
        return node;
    }

    private static Optional<Node> field(Node node, String name) {
        if (!(node instanceof MappingNode mapping)) {
            return Optional.empty();
        }
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(name)) {
                return Optional.of(tuple.getValueNode());
            }
        }
        return Optional.empty();
    }
}
