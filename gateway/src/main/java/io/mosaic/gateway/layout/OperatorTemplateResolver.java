package io.mosaic.gateway.layout;

import java.util.Map;
import org.thymeleaf.IEngineConfiguration;
import org.thymeleaf.templateresolver.FileTemplateResolver;
import org.thymeleaf.templateresolver.ITemplateResolver;
import org.thymeleaf.templateresolver.TemplateResolution;

/**
 * Resolves {@code operator:NAME} to {@code NAME.html} in the operator's layouts folder and
 * nothing else, so the operator's files can never shadow the gateway's own templates by accident.
 */
public final class OperatorTemplateResolver implements ITemplateResolver {

    private static final String PREFIX = "operator:";
    private final FileTemplateResolver files;

    public OperatorTemplateResolver(FileTemplateResolver files) {
        this.files = files;
    }

    @Override
    public String getName() {
        return "operator-layouts";
    }

    @Override
    public Integer getOrder() {
        return files.getOrder();
    }

    @Override
    public TemplateResolution resolveTemplate(IEngineConfiguration configuration, String ownerTemplate, String template,
                                              Map<String, Object> templateResolutionAttributes) {
        if (!template.startsWith(PREFIX)) {
            return null;
        }
        return files.resolveTemplate(configuration, ownerTemplate, template.substring(PREFIX.length()), templateResolutionAttributes);
    }
}
