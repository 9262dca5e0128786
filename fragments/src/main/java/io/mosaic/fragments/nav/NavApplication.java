package io.mosaic.fragments.nav;

import io.mosaic.fragments.contract.FragmentContractConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** The navigation bar app; started by {@code java -jar fragments.jar nav}. */
@SpringBootApplication
@Import(FragmentContractConfiguration.class)
public class NavApplication {

}
