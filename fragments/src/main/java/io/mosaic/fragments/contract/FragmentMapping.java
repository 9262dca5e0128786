package io.mosaic.fragments.contract;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * Marks the handler of {@code GET /fragment}, the HTML the gateway composes into its pages.
 *
 * <p>The answer is {@code text/html;charset=UTF-8} ({@code fragment-contract.properties} makes
 * Thymeleaf state the charset). A request must accept HTML (no {@code Accept} header, a wildcard,
 * or {@code text/html}); one that accepts only something else, such as JSON, gets 406.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@RequestMapping(method = RequestMethod.GET, path = FragmentMapping.PATH)
public @interface FragmentMapping {

    /** Where the gateway fetches the fragment from on the origin. */
    String PATH = "/fragment";

}
