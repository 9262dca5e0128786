package io.mosaic.gateway.registry.api;

import io.mosaic.gateway.registry.FieldError;
import io.mosaic.gateway.registry.RegistryException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 9457 problem details, the registration API's one error shape: type, title, status, detail,
 * instance, and an {@code errors} list of {@code {field, message}} naming every bad field.
 */
final class Problems {

    static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private Problems() {
    }

    static ProblemDetail of(int status, String title, String detail, List<FieldError> errors, String instance) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), detail);
        problem.setTitle(title);
        problem.setType(URI.create("https://mosaic.dev/problems/" + title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-')));
        if (instance != null) {
            problem.setInstance(URI.create(instance));
        }
        problem.setProperty("errors", errors.stream().map(e -> {
            Map<String, String> error = new LinkedHashMap<>();
            error.put("field", e.field());
            error.put("message", e.message());
            return error;
        }).toList());
        return problem;
    }

    static ResponseEntity<ProblemDetail> entity(RegistryException e, String instance) {
        HttpStatus status = Statuses.of(e.refusal());
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(status).contentType(PROBLEM_JSON);
        if (e.refusal() == RegistryException.Refusal.TOO_MANY) {
            builder.header(org.springframework.http.HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
        }
        return builder.body(of(status.value(), status.getReasonPhrase(), e.getMessage(), e.errors(), instance));
    }

    /** Writes a problem outside Spring's controller handling (the security filters' 401 and 403). */
    static Mono<Void> write(ServerHttpResponse response, JsonMapper json, int status, String title, String detail, String instance) {
        response.setStatusCode(HttpStatus.valueOf(status));
        response.getHeaders().setContentType(PROBLEM_JSON);
        byte[] body = json.writeValueAsBytes(of(status, title, detail, List.of(), instance));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
