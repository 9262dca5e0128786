package io.mosaic.fragments.members;

import io.mosaic.fragments.contract.FragmentContractConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** The member directory app; started by {@code java -jar fragments.jar members}. */
@SpringBootApplication
@Import(FragmentContractConfiguration.class)
public class MembersApplication {

}
