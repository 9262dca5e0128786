package io.mosaic.gateway.support;

import java.util.List;
import org.springframework.boot.test.system.CapturedOutput;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The lines of captured output in a structured (JSON) log format, for the request-id tests. */
public final class JsonLogLines {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonLogLines() {
    }

    /** The captured output's JSON lines whose message contains {@code text}. */
    public static List<JsonNode> lines(CapturedOutput output, String text) {
        return output.getOut().lines().filter(line -> line.startsWith("{"))
                .map(JSON::readTree)
                .filter(line -> line.path("message").asString("").contains(text))
                .toList();
    }
}
