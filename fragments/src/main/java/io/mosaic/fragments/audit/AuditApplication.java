package io.mosaic.fragments.audit;

import io.mosaic.fragments.contract.FragmentContractConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** The audit feed app; started by {@code java -jar fragments.jar audit}. */
@SpringBootApplication
@Import(FragmentContractConfiguration.class)
public class AuditApplication {

}
