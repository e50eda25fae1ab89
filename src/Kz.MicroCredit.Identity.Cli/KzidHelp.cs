using System.Reflection;

namespace Kz.MicroCredit.Identity.Cli;

/// <summary>The help texts of <c>kzid</c>: one line per option, with its default.</summary>
internal static class KzidHelp
{
    public const string Overview = """
        kzid — Kz.MicroCredit.Identity command line
        usage:
          kzid eds verify <file> [options]              verify an NCA CMS or XML signature (kzid eds verify --help)
          kzid smartbridge sign <envelope.xml> [options]  put a WS-Security signature on a SmartBridge envelope
          kzid smartbridge verify <envelope.xml> [options] verify a SmartBridge envelope's signature
          kzid fraud report --claims <file.csv> [options] summarise fraud claims
          kzid help <command>                            help for a command (e.g. kzid help eds verify)
          kzid --version                                 the tool's version
        exit codes: 0 valid, 1 invalid/untrusted/mismatched, 2 unusable input or arguments
        """;

    public const string EdsVerify = """
        usage: kzid eds verify <file> [options]
        Verifies an NCA signature: CMS (DER, PEM or base64; attached or detached) or XMLDSig (enveloped, by Id, stacked,
        NCALayer signXml with a chosen element, XAdES-B/T, WS-Security). Inputs are limited to 16 MiB; XML must be UTF-8.
        options:
          --data <file>               the signed content of a detached CMS (default: none; CMS only)
          --trust <store>             production, test, or a folder of CA certificates (default: production)
          --at <instant>              validation instant, ISO-8601, e.g. 2022-10-01T00:00:00Z (default: now)
          --revocation <mode>         none, crl, ocsp or auto (default: none)
          --crl <file>                a CRL file to use; repeatable (default: none)
          --ocsp-url <url>            the OCSP responder to ask (default: from the certificate)
          --expect-iin <IIN>          12 digits; exit 1 unless a signer has this IIN (default: not checked)
          --require-document          exit 1 unless every signature covers the whole document (default: off)
          --json                      one JSON object on standard output instead of text (default: text)
          -h, --help                  this help
        exit codes: 0 valid, 1 invalid/untrusted/mismatched/partial with --require-document, 2 unusable input or arguments
        """;

    public const string SmartBridgeSign = """
        usage: kzid smartbridge sign <envelope.xml> --key <file.p12> --password-env <VAR>
        Puts the WS-Security signature SmartBridge expects on an envelope and prints the signed envelope.
        options:
          --key <file.p12>            the NCA PKCS#12 key file (required)
          --password-env <VAR>        the environment variable holding its password (required)
          -h, --help                  this help
        """;

    public const string SmartBridgeVerify = """
        usage: kzid smartbridge verify <envelope.xml> [options]
        Verifies the WS-Security signature over the single soap:Body of an envelope (16 MiB limit, UTF-8).
        options:
          --cert <gateway.cer>        the certificate the Body must be signed with (default: any trusted signer)
          --trust <store>             production, test, or a folder of CA certificates (default: production)
          --at <instant>              validation instant, ISO-8601 (default: now)
          -h, --help                  this help
        exit codes: 0 valid, 1 invalid, 2 unusable input or arguments
        """;

    /// <summary>The informational version of the tool (the package version).</summary>
    public static string Version =>
        typeof(KzidHelp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(KzidHelp).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>Whether an argument list asks for help.</summary>
    public static bool AsksForHelp(IEnumerable<string> args) => args.Any(a => a is "-h" or "--help");
}
