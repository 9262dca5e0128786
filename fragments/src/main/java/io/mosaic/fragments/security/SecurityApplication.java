package io.mosaic.fragments.security;

import io.mosaic.fragments.contract.FragmentContractConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** The security settings app; started by {@code java -jar fragments.jar security}. */
@SpringBootApplication
@Import(FragmentContractConfiguration.class)
public class SecurityApplication {

}
