package io.mosaic.fragments.orgtree;

import io.mosaic.fragments.contract.FragmentContractConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** The organisation tree app; started by {@code java -jar fragments.jar org-tree}. */
@SpringBootApplication
@Import(FragmentContractConfiguration.class)
public class OrgTreeApplication {

}
