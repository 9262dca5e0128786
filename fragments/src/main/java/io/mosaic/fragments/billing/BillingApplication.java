package io.mosaic.fragments.billing;

import io.mosaic.fragments.contract.FragmentContractConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** The billing summary app; started by {@code java -jar fragments.jar billing}. */
@SpringBootApplication
@Import(FragmentContractConfiguration.class)
public class BillingApplication {

}
