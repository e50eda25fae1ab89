using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.PhoneOwnership;
using Kz.MicroCredit.Identity.Signing;

namespace Kz.MicroCredit.Identity.Cli;

/// <summary>
/// The <c>kzid smartbridge</c> command group, for lenders debugging their SmartBridge integration:
/// <c>sign</c> puts the WS-Security signature SmartBridge expects on an envelope; <c>verify</c> checks one.
/// </summary>
internal static class SmartBridgeCommands
{
    private const string SignUsage = "usage: kzid smartbridge sign <envelope.xml> --key <file.p12> --password-env <VAR>";
    private const string VerifyUsage = "usage: kzid smartbridge verify <envelope.xml> [--cert <gateway.cer>] [--trust production|test|<folder>] [--at <ISO-8601 instant>]";
    private const int MaxEnvelopeBytes = BoundedInput.MaxBytes;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (args.Length > 0 && args[0] is "sign" or "verify" && KzidHelp.AsksForHelp(args[1..]))
        {
            await stdout.WriteLineAsync(args[0] == "sign" ? KzidHelp.SmartBridgeSign : KzidHelp.SmartBridgeVerify).ConfigureAwait(false);
            return KzidApp.ExitOk;
        }

        if (args.Length == 0 || args[0] is not ("sign" or "verify"))
        {
            await stderr.WriteLineAsync(SignUsage + Environment.NewLine + VerifyUsage).ConfigureAwait(false);
            return KzidApp.ExitUsage;
        }

        Dictionary<string, string>? options = ParseOptions(args[1..], out string? file);
        if (options is null || file is null)
        {
            await stderr.WriteLineAsync(args[0] == "sign" ? SignUsage : VerifyUsage).ConfigureAwait(false);
            return KzidApp.ExitUsage;
        }

        return args[0] == "sign"
            ? await SignAsync(file, options, stdout, stderr, cancellationToken).ConfigureAwait(false)
            : await VerifyAsync(file, options, stdout, stderr).ConfigureAwait(false);
    }

    private static async Task<int> SignAsync(string file, Dictionary<string, string> options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (!options.TryGetValue("--key", out string? keyFile) || !options.TryGetValue("--password-env", out string? variable)
            || options.Keys.Any(k => k is not ("--key" or "--password-env")))
        {
            await stderr.WriteLineAsync(SignUsage).ConfigureAwait(false);
            return KzidApp.ExitUsage;
        }

        string? password = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(password))
        {
            await stderr.WriteLineAsync($"kzid smartbridge sign: the environment variable {variable} is not set or empty.").ConfigureAwait(false);
            return KzidApp.ExitUsage;
        }

        XmlDocument? envelope = await LoadAsync(file, stderr, "sign").ConfigureAwait(false);
        if (envelope is null)
        {
            return KzidApp.ExitUsage;
        }

        if (!File.Exists(keyFile))
        {
            await stderr.WriteLineAsync("kzid smartbridge sign: the key file does not exist.").ConfigureAwait(false);
            return KzidApp.ExitUsage;
        }

        Pkcs12NcaSigner signer;
        try
        {
            signer = Pkcs12NcaSigner.LoadFile(keyFile, password);
        }
        catch (NcaKeyFileException ex)
        {
            await stderr.WriteLineAsync($"kzid smartbridge sign: the key file cannot be used ({ex.Error}): {KeyFileHint(ex.Error)}").ConfigureAwait(false);
            return KzidApp.ExitUsage;
        }

        using (signer)
        {
            try
            {
                await WsseEnvelopeSigner.SignAsync(envelope, signer, cancellationToken).ConfigureAwait(false);
            }
            catch (WsseSigningException ex)
            {
                await stderr.WriteLineAsync("kzid smartbridge sign: " + ex.Message).ConfigureAwait(false);
                return KzidApp.ExitUsage;
            }

            await stdout.WriteAsync(Encoding.UTF8.GetString(SmartBridgeEnvelope.ToBytes(envelope))).ConfigureAwait(false);
            await stdout.WriteLineAsync().ConfigureAwait(false);
            await stderr.WriteLineAsync($"kzid smartbridge sign: signed with {signer.Algorithm.ToString()} key, certificate serial {signer.Certificate.SerialNumber.ToLowerInvariant()}, valid until {signer.Certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}.").ConfigureAwait(false);
            return KzidApp.ExitOk;
        }
    }

    private static async Task<int> VerifyAsync(string file, Dictionary<string, string> options, TextWriter stdout, TextWriter stderr)
    {
        if (options.Keys.Any(k => k is not ("--cert" or "--trust" or "--at")))
        {
            await stderr.WriteLineAsync(VerifyUsage).ConfigureAwait(false);
            return KzidApp.ExitUsage;
        }

        X509Certificate2? gateway = null;
        if (options.TryGetValue("--cert", out string? certFile))
        {
            try
            {
                gateway = SmartBridgeSettings.LoadCertificate(File.ReadAllBytes(certFile));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                await stderr.WriteLineAsync("kzid smartbridge verify: --cert is not a readable DER or PEM certificate.").ConfigureAwait(false);
                return KzidApp.ExitUsage;
            }
        }

        NcaTrustStore trust;
        string trustName = options.GetValueOrDefault("--trust", "production");
        try
        {
            trust = trustName switch
            {
                "production" => NcaTrustStore.Production,
                "test" => NcaTrustStore.Test,
                _ when Directory.Exists(trustName) => NcaTrustStore.FromFolder(trustName),
                _ => throw new ArgumentException("unknown trust store"),
            };
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or System.Security.Cryptography.CryptographicException or EdsFormatException)
        {
            await stderr.WriteLineAsync("kzid smartbridge verify: --trust is production, test or a folder of CA certificates.").ConfigureAwait(false);
            return KzidApp.ExitUsage;
        }

        DateTimeOffset? at = null;
        if (options.TryGetValue("--at", out string? atText))
        {
            if (!DateTimeOffset.TryParse(atText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed))
            {
                await stderr.WriteLineAsync("kzid smartbridge verify: --at is an ISO-8601 instant, e.g. 2021-06-01T00:00:00Z.").ConfigureAwait(false);
                return KzidApp.ExitUsage;
            }

            at = parsed;
        }

        XmlDocument? envelope = await LoadAsync(file, stderr, "verify").ConfigureAwait(false);
        if (envelope is null)
        {
            return KzidApp.ExitUsage;
        }

        List<XmlElement> bodies = envelope.DocumentElement is { LocalName: "Envelope", NamespaceURI: "http://schemas.xmlsoap.org/soap/envelope/" } root
            ? root.ChildNodes.OfType<XmlElement>().Where(e => e.LocalName == "Body" && e.NamespaceURI == root.NamespaceURI).ToList()
            : [];
        if (bodies.Count > 1)
        {
            // Which Body a reader takes is up to the reader: an envelope with two is never a valid answer.
            await stdout.WriteLineAsync("invalid: the envelope has more than one soap:Body (ReferenceInvalid).").ConfigureAwait(false);
            return KzidApp.ExitInvalid;
        }

        XmlElement? body = bodies.Count == 1 ? bodies[0] : null;
        if (body is null)
        {
            await stderr.WriteLineAsync("kzid smartbridge verify: the file is not a SOAP 1.1 envelope with one Body.").ConfigureAwait(false);
            return KzidApp.ExitUsage;
        }

        XmlSignatureVerificationResult result = NcaXmlSignatureVerifier.Verify(envelope, new XmlSignatureVerificationOptions
        {
            TrustStore = trust,
            ValidationTime = at,
            SignerCertificates = gateway is null ? [] : [gateway],
            AllowStackedSignatures = false,
            ExpectedSignedElement = _ => body,
        });
        if (!result.IsValid)
        {
            await stdout.WriteLineAsync($"invalid: {result.Failure} (trust {trustName}{(at is null ? string.Empty : ", at " + at.Value.ToString("o", CultureInfo.InvariantCulture))})").ConfigureAwait(false);
            return KzidApp.ExitInvalid;
        }

        X509Certificate2 signer = result.SignerCertificate!;
        if (gateway is not null && !signer.RawDataMemory.Span.SequenceEqual(gateway.RawDataMemory.Span))
        {
            await stdout.WriteLineAsync("invalid: the Body is signed, but not by the certificate given with --cert.").ConfigureAwait(false);
            return KzidApp.ExitInvalid;
        }

        await stdout.WriteLineAsync(
            $"valid: WS-Security signature over soap:Body ({result.SignatureMethod}), signer certificate serial {signer.SerialNumber.ToLowerInvariant()}, issuer {signer.IssuerName.Name}, chains to trust {trustName}.").ConfigureAwait(false);
        return KzidApp.ExitOk;
    }

    private static async Task<XmlDocument?> LoadAsync(string file, TextWriter stderr, string command)
    {
        (byte[]? bytes, string? error) = await BoundedInput.ReadAsync(file, MaxEnvelopeBytes, CancellationToken.None).ConfigureAwait(false);
        if (bytes is null)
        {
            await stderr.WriteLineAsync($"kzid smartbridge {command}: {error}").ConfigureAwait(false);
            return null;
        }

        if (BoundedInput.UnsupportedXmlEncoding(bytes) is { } encoding)
        {
            await stderr.WriteLineAsync($"kzid smartbridge {command}: the envelope is encoded as {encoding}; only UTF-8 is supported (re-encode it as UTF-8).").ConfigureAwait(false);
            return null;
        }

        try
        {
            return SmartBridgeXml.Load(bytes, MaxEnvelopeBytes);
        }
        catch (SmartBridgeXmlException ex)
        {
            await stderr.WriteLineAsync($"kzid smartbridge {command}: the envelope is unusable XML ({ex.Error}).").ConfigureAwait(false);
            return null;
        }
    }

    private static string KeyFileHint(NcaKeyFileError error) => error switch
    {
        NcaKeyFileError.WrongPassword => "the password is wrong.",
        _ => "it is not a usable NCA PKCS#12 key file (RSA, GOST 34.310-2004 or GOST 34.10-2015).",
    };

    private static Dictionary<string, string>? ParseOptions(string[] args, out string? file)
    {
        file = null;
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                if (i + 1 >= args.Length || options.ContainsKey(args[i]))
                {
                    return null;
                }

                options[args[i]] = args[++i];
            }
            else if (file is null)
            {
                file = args[i];
            }
            else
            {
                return null;
            }
        }

        return options;
    }
}
