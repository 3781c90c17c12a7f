package org.communitypoints.reconciler;

import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.communitypoints.reconciler.client.CouldNotRunException;
import org.communitypoints.reconciler.config.ReconcilerConfig;
import org.communitypoints.reconciler.run.Reconciliation;
import org.jboss.logging.Logger;

import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * {@code java -jar reconciler.jar [--full | --incremental] [--state=FILE] [--out=DIR]}. Exit code 0: the
 * books balance; 1: discrepancies found (see the report); 2: could not run (token, network, an export
 * or the state file failed), nothing was concluded and the state file is unchanged.
 */
@QuarkusMain
public class ReconcilerMain implements QuarkusApplication {

    public static final int CLEAN = 0;
    public static final int DISCREPANCIES = 1;
    public static final int COULD_NOT_RUN = 2;

    private static final Logger LOG = Logger.getLogger(ReconcilerMain.class);

    private final Reconciliation reconciliation;
    private final ReconcilerConfig config;

    public ReconcilerMain(Reconciliation reconciliation, ReconcilerConfig config) {
        this.reconciliation = reconciliation;
        this.config = config;
    }

    @Override
    public int run(String... args) {
        Reconciliation.Mode mode = Reconciliation.Mode.INCREMENTAL;
        Path state = config.stateFile();
        Path out = config.outputDir();
        for (String arg : args) {
            if (arg.equals("--full")) {
                mode = Reconciliation.Mode.FULL;
            } else if (arg.equals("--incremental")) {
                mode = Reconciliation.Mode.INCREMENTAL;
            } else if (arg.startsWith("--state=")) {
                state = Path.of(arg.substring("--state=".length()));
            } else if (arg.startsWith("--out=")) {
                out = Path.of(arg.substring("--out=".length()));
            } else {
                LOG.errorf("Unknown argument %s. Usage: [--full | --incremental] [--state=FILE] [--out=DIR]", arg);
                return COULD_NOT_RUN;
            }
        }
        try {
            Reconciliation.Outcome outcome = reconciliation.run(mode, state, out);
            return outcome.discrepancies().isEmpty() ? CLEAN : DISCREPANCIES;
        } catch (CouldNotRunException | UncheckedIOException e) {
            LOG.errorf("The reconciliation could not run: %s", e.getMessage());
            return COULD_NOT_RUN;
        } catch (RuntimeException | OutOfMemoryError e) {
            // Exit code 1 means "discrepancies found": a crash must never be mistaken for a verdict.
            LOG.error("The reconciliation could not run", e);
            return COULD_NOT_RUN;
        }
    }
}
