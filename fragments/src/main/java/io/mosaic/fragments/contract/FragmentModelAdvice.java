package io.mosaic.fragments.contract;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Puts the app's {@link FragmentIdentity} into every view's model as {@code fragment}, so a
 * template writes {@code th:attr="data-version=${fragment.version}"} on its root element.
 */
@ControllerAdvice
class FragmentModelAdvice {

    private final FragmentIdentity identity;

    FragmentModelAdvice(FragmentIdentity identity) {
        this.identity = identity;
    }

    @ModelAttribute("fragment")
    FragmentIdentity fragment() {
        return this.identity;
    }

}
