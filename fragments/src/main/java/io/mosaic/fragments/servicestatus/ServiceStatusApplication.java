package io.mosaic.fragments.servicestatus;

import io.mosaic.fragments.contract.FragmentContractConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** The service status widget app; started by {@code java -jar fragments.jar service-status}. */
@SpringBootApplication
@Import(FragmentContractConfiguration.class)
public class ServiceStatusApplication {

}
