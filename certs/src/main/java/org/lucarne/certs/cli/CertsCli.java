package org.lucarne.certs.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * {@code lucarne certs}: create a private CA, issue server and tablet certificates from it, inspect certificates.
 * Exit codes: 0 success, 1 failure (message on stderr), 2 bad command line (message and usage on stderr).
 */
public final class CertsCli {

    static final String USAGE = """
            Usage: lucarne certs COMMAND [OPTIONS]

            Commands:
              ca create      Create a CA in a directory: ca.p12 (key), ca.crt (for trust stores), password
              server issue   Issue a TLS server certificate from a CA into a PKCS#12 keystore for Jetty
              tablet issue   Issue a bedside tablet's client certificate (mutual TLS) into OUT/<id>.p12
              show           Print subject, issuer, SANs, validity and SHA-256 fingerprint of a certificate
              help           Show this help

            Synopsis:
              %s
              %s
              %s
              %s

            ca create refuses to replace an existing CA. server issue uses the CA's password file for the
            new keystore unless --password-file is given. show reads a PEM certificate, or a PKCS#12
            keystore when --password-file is given. tablet issue writes the keystore's password beside it
            (OUT/<id>.password); the tablet's id must be enrolled for the server to accept it.
            """.formatted(CaCreateCommand.SYNOPSIS, ServerIssueCommand.SYNOPSIS, TabletIssueCommand.SYNOPSIS,
                    ShowCommand.SYNOPSIS);

    private final Clock clock;

    public CertsCli() {
        this(Clock.systemUTC());
    }

    public CertsCli(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public static void main(String[] args) {
        System.exit(new CertsCli().run(args, System.out, System.err));
    }

    public int run(String[] args, PrintStream out, PrintStream err) {
        List<String> arguments = Arrays.asList(args);
        try {
            return dispatch(arguments, out);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println();
            err.print(USAGE);
            return 2;
        } catch (RuntimeException e) {
            err.println("error: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int dispatch(List<String> args, PrintStream out) throws UsageException {
        if (args.isEmpty() || args.contains("--help") || args.contains("-h") || args.get(0).equals("help")) {
            if (args.size() > 1 && args.get(0).equals("help")) {
                throw new UsageException("'help' takes no arguments");
            }
            out.print(USAGE);
            return 0;
        }
        String command = args.get(0);
        String sub = args.size() > 1 ? args.get(1) : "";
        return switch (command) {
            case "ca" -> {
                requireSubcommand("ca", sub, "create");
                yield CaCreateCommand.run(args.subList(2, args.size()), clock, out);
            }
            case "server" -> {
                requireSubcommand("server", sub, "issue");
                yield ServerIssueCommand.run(args.subList(2, args.size()), clock, out);
            }
            case "tablet" -> {
                requireSubcommand("tablet", sub, "issue");
                yield TabletIssueCommand.run(args.subList(2, args.size()), clock, out);
            }
            case "show" -> ShowCommand.run(args.subList(1, args.size()), clock, out);
            default -> throw new UsageException("unknown command \"" + command + "\"");
        };
    }

    private static void requireSubcommand(String command, String given, String expected) throws UsageException {
        if (!given.equals(expected)) {
            throw new UsageException(given.isEmpty()
                    ? "'" + command + "' needs a subcommand: " + command + " " + expected
                    : "unknown subcommand \"" + command + " " + given + "\"; did you mean '" + command + " " + expected + "'?");
        }
    }
}
