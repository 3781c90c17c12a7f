package org.communitypoints.reconciler;

import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.communitypoints.reconciler.client.CouldNotRunException;
import org.communitypoints.reconciler.config.ReconcilerConfig;
import org.communitypoints.reconciler.report.RunResults;
import org.communitypoints.reconciler.run.ProofVerification;
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
    private final RunResults results;

    public ReconcilerMain(Reconciliation reconciliation, ReconcilerConfig config, RunResults results) {
        this.reconciliation = reconciliation;
        this.config = config;
        this.results = results;
    }

    @Override
    public int run(String... args) {
        if (args.length > 0 && args[0].equals("verify-proof")) {
            return verifyProof(args);
        }
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
        java.util.UUID runId = java.util.UUID.randomUUID();
        java.time.Instant startedAt = java.time.Instant.now();
        try {
            Reconciliation.Outcome outcome = reconciliation.run(mode, state, out, runId);
            return outcome.discrepancies().isEmpty() ? CLEAN : DISCREPANCIES;
        } catch (CouldNotRunException | UncheckedIOException e) {
            LOG.errorf("The reconciliation could not run: %s", e.getMessage());
            results.send(RunResults.failed(runId, startedAt, java.time.Instant.now()));
            return COULD_NOT_RUN;
        } catch (RuntimeException | OutOfMemoryError e) {
            // Exit code 1 means "discrepancies found": a crash must never be mistaken for a verdict.
            LOG.error("The reconciliation could not run", e);
            results.send(RunResults.failed(runId, startedAt, java.time.Instant.now()));
            return COULD_NOT_RUN;
        }
    }

    /**
     * {@code verify-proof --proof=FILE [--key=BASE64 | --key-file=FILE | --key-url=URL]}: 0 holds, 1 fails, 2 could not run.
     */
    private int verifyProof(String... args) {
        Path proof = null;
        String keyOption = null;
        for (String arg : java.util.Arrays.copyOfRange(args, 1, args.length)) {
            if (arg.startsWith("--proof=")) {
                proof = Path.of(arg.substring("--proof=".length()));
            } else if (arg.startsWith("--key=") || arg.startsWith("--key-file=") || arg.startsWith("--key-url=")) {
                keyOption = arg;
            } else {
                LOG.errorf("Unknown argument %s. Usage: verify-proof --proof=FILE [--key=BASE64 | --key-file=FILE | "
                        + "--key-url=URL]", arg);
                return COULD_NOT_RUN;
            }
        }
        if (proof == null) {
            LOG.error("verify-proof needs --proof=FILE");
            return COULD_NOT_RUN;
        }
        try {
            ProofVerification.Result result = ProofVerification.verify(proof,
                    ProofVerification.key(keyOption, config.gatewayUrl()));
            if (result.problems().isEmpty()) {
                LOG.infof("The proof holds: transaction %s is leaf %d of %d in the signed seal of %s %s",
                        result.proof().transaction().transactionId(), result.proof().leafIndex(),
                        result.proof().treeSize(), result.proof().transaction().communityId(),
                        result.proof().seal().parsed().month());
                return CLEAN;
            }
            result.problems().forEach(problem -> LOG.errorf("The proof fails: %s", problem));
            return DISCREPANCIES;
        } catch (CouldNotRunException e) {
            LOG.errorf("The proof could not be checked: %s", e.getMessage());
            return COULD_NOT_RUN;
        }
    }
}
