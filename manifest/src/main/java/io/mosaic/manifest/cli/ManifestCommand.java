package io.mosaic.manifest.cli;

import io.mosaic.manifest.LayoutCatalog;
import io.mosaic.manifest.ManifestReader;
import io.mosaic.manifest.Problem;
import io.mosaic.manifest.ReadResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar manifest.jar validate [--layout NAME=SLOT,SLOT]... FILE|DIR...}: the check
 * teams run in their own CI. Prints one {@code FILE:LINE:COLUMN: PATH: MESSAGE} line per problem
 * and exits 0 when every manifest is valid, 1 when one is not, 2 on a usage error. Also
 * {@code effective} (the manifest as the gateway runs it) and {@code publish} (a team's fragment
 * document to a gateway, see {@link PublishCommand}).
 */
public final class ManifestCommand {

    static final int VALID = 0;
    static final int INVALID = 1;
    static final int USAGE = 2;

    static final String USAGE_TEXT = """
            usage: java -jar manifest.jar validate [--layout NAME=SLOT,SLOT...]... FILE|DIR...
                   java -jar manifest.jar effective [--layout NAME=SLOT,SLOT...]... FILE|DIR
                   java -jar manifest.jar publish FILE --gateway URL
              validate   checks each manifest (a YAML or JSON file, or a directory of them, merged)
                         and prints every problem as FILE:LINE:COLUMN: PATH: MESSAGE
              effective  prints the manifest as the gateway runs it: files merged, defaults applied
              publish    checks FILE, one fragment document (a fragment's fields at the top level,
                         YAML or JSON), then creates or updates that fragment on the gateway at URL,
                         with the token in the environment variable MOSAIC_TOKEN; the gateway's
                         problems are printed as FILE:LINE:COLUMN: FIELD: MESSAGE
              --layout   also accept a custom layout and its slots, as the gateway's layout folder would
              exit status: 0 valid (published), 1 invalid (refused, or the gateway unreachable), 2 usage error""";

    private ManifestCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs the command; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.getenv(), out, err);
    }

    /** Runs the command with {@code env} as its environment; returns the exit status. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length > 0 && args[0].equals("publish")) {
            return PublishCommand.run(Arrays.asList(args).subList(1, args.length), env, out, err);
        }
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            (args.length == 0 ? err : out).println(USAGE_TEXT);
            return args.length == 0 ? USAGE : VALID;
        }
        boolean effective = args[0].equals("effective");
        if (!args[0].equals("validate") && !effective) {
            err.println("unknown command '" + args[0] + "'");
            err.println(USAGE_TEXT);
            return USAGE;
        }
        LayoutCatalog layouts = LayoutCatalog.BUILT_IN;
        List<Path> paths = new ArrayList<>();
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (arg.equals("--layout")) {
                if (i + 1 >= rest.size() || !rest.get(i + 1).matches("[A-Za-z0-9_-]+=[A-Za-z0-9_-]+(,[A-Za-z0-9_-]+)*")) {
                    err.println("--layout needs NAME=SLOT,SLOT..., for example --layout wide=header,main");
                    return USAGE;
                }
                String[] layout = rest.get(++i).split("=");
                layouts = layouts.with(layout[0], List.of(layout[1].split(",")));
            } else if (arg.startsWith("-")) {
                err.println("unknown option '" + arg + "'");
                err.println(USAGE_TEXT);
                return USAGE;
            } else {
                paths.add(Path.of(arg));
            }
        }
        if (paths.isEmpty()) {
            err.println("validate needs at least one FILE or DIR");
            err.println(USAGE_TEXT);
            return USAGE;
        }
        ManifestReader reader = new ManifestReader(layouts);
        if (effective) {
            if (paths.size() != 1) {
                err.println("effective takes exactly one FILE or DIR");
                return USAGE;
            }
            ReadResult result = reader.read(paths.get(0));
            if (!result.valid()) {
                result.problems().forEach(err::println);
                return INVALID;
            }
            out.print(new io.mosaic.manifest.ManifestWriter().write(result.orThrow()));
            return VALID;
        }
        int status = VALID;
        for (Path path : paths) {
            ReadResult result = reader.read(path);
            if (result.valid()) {
                var manifest = result.orThrow();
                out.println(path + ": valid (" + manifest.fragments().size() + " fragments, " + manifest.pages().size() + " pages)");
            } else {
                for (Problem problem : result.problems()) {
                    out.println(problem);
                }
                out.println(path + ": " + result.problems().size() + (result.problems().size() == 1 ? " problem" : " problems"));
                status = INVALID;
            }
        }
        return status;
    }
}
