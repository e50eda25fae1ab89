using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Xml;
using Kz.MicroCredit.Identity.Cryptography;
using Kz.MicroCredit.Identity.Eds;

namespace Kz.MicroCredit.Identity.Cli;

/// <summary>The <c>kzid eds</c> command group.</summary>
internal static class EdsCommands
{
    private const int MaxInputBytes = BoundedInput.MaxBytes;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (args.Length > 0 && args[0] == "verify" && KzidHelp.AsksForHelp(args[1..]))
        {
            await stdout.WriteLineAsync(KzidHelp.EdsVerify).ConfigureAwait(false);
            return KzidApp.ExitOk;
        }

        if (args.Length == 0 || args[0] != "verify")
        {
            bool help = KzidHelp.AsksForHelp(args);
            await (help ? stdout : stderr).WriteLineAsync(KzidHelp.EdsVerify).ConfigureAwait(false);
            return help ? KzidApp.ExitOk : KzidApp.ExitUsage;
        }

        bool json = args.Contains("--json");
        if (!VerifyArguments.TryParse(args[1..], out VerifyArguments? parsed, out string? argumentError))
        {
            return await UsageErrorAsync(stdout, stderr, json, argumentError! + " (kzid eds verify --help)", "InvalidArguments").ConfigureAwait(false);
        }

        VerifyArguments a = parsed!;
        if (!File.Exists(a.File) || (a.Data is not null && !File.Exists(a.Data)))
        {
            return await UsageErrorAsync(stdout, stderr, json, "file not found.", "FileNotFound").ConfigureAwait(false);
        }

        NcaTrustStore store;
        try
        {
            store = a.Trust switch
            {
                "production" => NcaTrustStore.Production,
                "test" => NcaTrustStore.Test,
                _ when Directory.Exists(a.Trust) => NcaTrustStore.FromFolder(a.Trust),
                _ => throw new ArgumentException("--trust is production, test or a folder of certificates."),
            };
        }
        catch (Exception ex) when (ex is ArgumentException or System.Security.Cryptography.CryptographicException or IOException)
        {
            return await UsageErrorAsync(stdout, stderr, json, "--trust: no usable anchors.", "TrustStoreInvalid").ConfigureAwait(false);
        }

        if (!EdsCliRevocation.TryCreate(a.Revocation, a.Crls, a.OcspUrl, store, out ICertificateRevocationChecker? checker, out string? revocationError))
        {
            return await UsageErrorAsync(stdout, stderr, json, revocationError!, "RevocationUnavailable").ConfigureAwait(false);
        }

        (byte[]? input, string? readError) = await BoundedInput.ReadAsync(a.File, MaxInputBytes, cancellationToken).ConfigureAwait(false);
        byte[]? data = null;
        if (input is not null && a.Data is not null)
        {
            (data, readError) = await BoundedInput.ReadAsync(a.Data, MaxInputBytes, cancellationToken).ConfigureAwait(false);
        }

        if (readError is not null || input is null || (a.Data is not null && data is null))
        {
            bool tooLarge = readError?.Contains("input limit", StringComparison.Ordinal) == true;
            return await UsageErrorAsync(stdout, stderr, json, readError ?? "cannot read the input.", tooLarge ? ReasonCode.InputTooLarge.Value : "FileNotReadable").ConfigureAwait(false);
        }

        if (BoundedInput.UnsupportedXmlEncoding(input) is { } encoding)
        {
            return await UsageErrorAsync(stdout, stderr, json, $"the XML is encoded as {encoding}; only UTF-8 XML is supported (re-encode the file as UTF-8).", "UnsupportedEncoding").ConfigureAwait(false);
        }

        if (!EdsInput.TryDecode(input, EdsSignatureFormat.Auto, MaxInputBytes, out EdsSignatureFormat format, out ReadOnlyMemory<byte> payload, out ReasonCode decodeFailure))
        {
            return await UsageErrorAsync(stdout, stderr, json, "input is not a CMS or XML signature.", decodeFailure.Value).ConfigureAwait(false);
        }

        DateTimeOffset at = a.At ?? DateTimeOffset.UtcNow;
        var validator = new NcaCertificatePathValidator(store);
        var report = new Report(format == EdsSignatureFormat.Cms ? "cms" : "xml");
        if (format == EdsSignatureFormat.Cms)
        {
            CmsVerificationResult cms = NcaCmsVerifier.Verify(payload, new CmsVerificationOptions
            {
                PathValidator = validator,
                ValidationTime = at,
                DetachedContent = data is null ? (ReadOnlyMemory<byte>?)null : data,
            });
            if (cms.Signers.Count == 0)
            {
                bool unusable = cms.Failure == ReasonCode.MalformedSignature || cms.Failure == ReasonCode.ContentMissing || cms.Failure == ReasonCode.InputTooLarge;
                report.Errors.Add(cms.Failure!.Value.Value);
                return await FinishAsync(stdout, json, report, unusable ? KzidApp.ExitUsage : KzidApp.ExitInvalid).ConfigureAwait(false);
            }

            foreach (CmsSignerResult s in cms.Signers)
            {
                SignerReport signer = Describe(s.Certificate, s.KeyAlgorithm, s.SignatureValid, s.CertificateTrusted, s.Failure, s.Warnings);
                signer.SigningTime = s.SigningTimeClaim;
                signer.TimestampTime = s.TimestampTime;
                signer.CoversDocument = s.SignatureValid; // a CMS signature covers all of its content
                await CheckRevocationAsync(signer, s.Path, checker!, at, cancellationToken).ConfigureAwait(false);
                report.Signers.Add(signer);
            }
        }
        else
        {
            if (data is not null)
            {
                return await UsageErrorAsync(stdout, stderr, json, "--data applies to detached CMS only.", "InvalidArguments").ConfigureAwait(false);
            }

            XmlDocument document;
            try
            {
                document = SafeXml.Load(payload.Span, MaxInputBytes);
            }
            catch (EdsFormatException ex)
            {
                report.Errors.Add(ex.Reason.Value);
                return await FinishAsync(stdout, json, report, KzidApp.ExitUsage).ConfigureAwait(false);
            }

            // A report, not a reader: references to any element are accepted, and what each signature covers is said.
            XmlSignatureVerificationResult xml = NcaXmlSignatureVerifier.Verify(document, new XmlSignatureVerificationOptions { PathValidator = validator, ValidationTime = at, AllowDetachedReferences = true });
            if (xml.Signatures.Count == 0)
            {
                report.Errors.Add(xml.Failure!.Value.Value);
            }

            foreach (XmlSignatureInfo s in xml.Signatures)
            {
                SignerReport signer = Describe(s.Certificate, s.KeyAlgorithm, s.SignatureValid, s.CertificateTrusted, s.Failure, s.Warnings);
                signer.SigningTime = s.SigningTime;
                signer.TimestampTime = s.TimestampTime;
                signer.SignedElements.AddRange(s.SignedElements.Select(XmlSignatureCoverage.Location));
                signer.CoversDocument = s.SignatureValid && s.CoversDocument;
                await CheckRevocationAsync(signer, s.Path, checker!, at, cancellationToken).ConfigureAwait(false);
                report.Signers.Add(signer);
            }
        }

        if (a.ExpectIin is not null && !report.Signers.Any(s => s.Iin == a.ExpectIin))
        {
            report.Errors.Add(ReasonCode.IinMismatch.Value);
        }

        if (a.RequireDocument && report.Signers.Any(s => !s.CoversDocument))
        {
            report.Errors.Add("DocumentNotCovered");
        }

        bool valid = report.Errors.Count == 0 && report.Signers.Count > 0 && report.Signers.All(s => s.IsValid);
        return await FinishAsync(stdout, json, report, valid ? KzidApp.ExitOk : KzidApp.ExitInvalid).ConfigureAwait(false);
    }

    private static SignerReport Describe(X509Certificate2? certificate, NcaKeyAlgorithm? keyAlgorithm, bool signatureValid, bool trusted, ReasonCode? failure, IReadOnlyList<ReasonCode> warnings)
    {
        var signer = new SignerReport { SignatureValid = signatureValid, CertificateTrusted = trusted, KeyAlgorithm = keyAlgorithm?.ToCliName() };
        if (certificate is not null)
        {
            try
            {
                NcaCertificateInfo info = NcaCertificateInfo.FromCertificate(certificate);
                if (info.IdentityAmbiguous)
                {
                    signer.Errors.Add(ReasonCode.CertificateIdentityAmbiguous.Value);
                }

                signer.Iin = info.IinDigits;
                signer.Bin = info.BinDigits;
                signer.KeyAlgorithm ??= info.KeyAlgorithm?.ToCliName();
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                signer.Errors.Add(ReasonCode.MalformedSignature.Value);
            }
        }

        if (failure is { } f)
        {
            signer.Errors.Add(f.Value);
        }

        signer.Warnings.AddRange(warnings.Select(w => w.Value));
        signer.Errors.AddRange(warnings.Select(w => w.Value));
        return signer;
    }

    private static async Task CheckRevocationAsync(SignerReport signer, IReadOnlyList<X509Certificate2> path, ICertificateRevocationChecker checker, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (!signer.CertificateTrusted)
        {
            signer.Revocation = checker is NoRevocationChecker ? "not-checked" : "unknown";
            signer.RevocationRequired = checker is not NoRevocationChecker;
            return;
        }

        string status = "good";
        bool anyChecked = false;
        for (int i = 0; i + 1 < path.Count; i++)
        {
            RevocationCheckResult result = await checker.CheckAsync(new RevocationCheckRequest(path[i], path[i + 1], at), cancellationToken).ConfigureAwait(false);
            if (result.Status == RevocationStatus.NotChecked)
            {
                continue;
            }

            anyChecked = true;
            if (result.Status == RevocationStatus.Revoked)
            {
                status = "revoked";
                signer.Errors.Add(ReasonCode.CertificateRevoked.Value);
                break;
            }

            if (result.Status == RevocationStatus.Unknown)
            {
                status = "unknown";
                signer.Errors.Add((result.Failure ?? ReasonCode.RevocationUnknown).Value);
            }
        }

        signer.Revocation = anyChecked ? status : "not-checked";
        signer.RevocationRequired = checker is not NoRevocationChecker;
    }

    private static async Task<int> UsageErrorAsync(TextWriter stdout, TextWriter stderr, bool json, string message, string code)
    {
        await stderr.WriteLineAsync("kzid eds verify: " + message).ConfigureAwait(false);
        if (json)
        {
            var report = new Report(null);
            report.Errors.Add(code);
            await stdout.WriteLineAsync(report.ToJson(false)).ConfigureAwait(false);
        }

        return KzidApp.ExitUsage;
    }

    private static async Task<int> FinishAsync(TextWriter stdout, bool json, Report report, int exitCode)
    {
        bool valid = exitCode == KzidApp.ExitOk;
        if (json)
        {
            await stdout.WriteLineAsync(report.ToJson(valid)).ConfigureAwait(false);
            return exitCode;
        }

        await stdout.WriteLineAsync($"{(valid ? "VALID" : "INVALID")} ({report.Format ?? "unknown"}, {report.Signers.Count} signer(s)){(report.Errors.Count > 0 ? " errors: " + string.Join(", ", report.Errors) : string.Empty)}").ConfigureAwait(false);
        int n = 1;
        foreach (SignerReport s in report.Signers)
        {
            await stdout.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"  signer {n++}: {s.KeyAlgorithm ?? "?"} signature {(s.SignatureValid ? "valid" : "INVALID")}, certificate {(s.CertificateTrusted ? "trusted" : "NOT trusted")}, revocation {s.Revocation}, IIN {s.Iin ?? "-"}, BIN {s.Bin ?? "-"}, signingTime {Iso(s.SigningTime) ?? "-"}, timestamp {Iso(s.TimestampTime) ?? "-"}{(s.Errors.Count > 0 ? " [" + string.Join(", ", s.Errors) + "]" : string.Empty)}")).ConfigureAwait(false);
            if (s.SignatureValid)
            {
                await stdout.WriteLineAsync(s.CoversDocument
                    ? "    covers the whole document" + (s.SignedElements.Count > 0 ? ": " + string.Join(", ", s.SignedElements) : string.Empty)
                    : "    covers ONLY PART of the document; anything outside these elements is NOT signed: " + string.Join(", ", s.SignedElements)).ConfigureAwait(false);
            }
        }

        return exitCode;
    }

    private static string? Iso(DateTimeOffset? value) => value?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private sealed class Report(string? format)
    {
        public string? Format { get; } = format;

        public List<SignerReport> Signers { get; } = [];

        public List<string> Errors { get; } = [];

        public string ToJson(bool valid)
        {
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartObject();
                w.WriteBoolean("valid", valid);
                if (Format is null)
                {
                    w.WriteNull("format");
                }
                else
                {
                    w.WriteString("format", Format);
                }

                w.WriteStartArray("signers");
                foreach (SignerReport s in Signers)
                {
                    w.WriteStartObject();
                    WriteNullable(w, "iin", s.Iin);
                    WriteNullable(w, "bin", s.Bin);
                    WriteNullable(w, "keyAlgorithm", s.KeyAlgorithm);
                    w.WriteBoolean("signatureValid", s.SignatureValid);
                    w.WriteBoolean("certificateTrusted", s.CertificateTrusted);
                    w.WriteString("revocation", s.Revocation);
                    WriteNullable(w, "signingTime", Iso(s.SigningTime));
                    WriteNullable(w, "timestampTime", Iso(s.TimestampTime));
                    w.WriteStartArray("signedElements");
                    foreach (string location in s.SignedElements)
                    {
                        w.WriteStringValue(location);
                    }

                    w.WriteEndArray();
                    w.WriteBoolean("coversDocument", s.CoversDocument);
                    w.WriteStartArray("errors");
                    foreach (string e in s.Errors)
                    {
                        w.WriteStringValue(e);
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteStartArray("errors");
                foreach (string e in Errors)
                {
                    w.WriteStringValue(e);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        }

        private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
        {
            if (value is null)
            {
                w.WriteNull(name);
            }
            else
            {
                w.WriteString(name, value);
            }
        }
    }

    private sealed class SignerReport
    {
        public string? Iin { get; set; }

        public string? Bin { get; set; }

        public string? KeyAlgorithm { get; set; }

        public bool SignatureValid { get; set; }

        public bool CertificateTrusted { get; set; }

        public string Revocation { get; set; } = "not-checked";

        public bool RevocationRequired { get; set; }

        public DateTimeOffset? SigningTime { get; set; }

        public DateTimeOffset? TimestampTime { get; set; }

        public List<string> SignedElements { get; } = [];

        public bool CoversDocument { get; set; }

        public List<string> Errors { get; } = [];

        public List<string> Warnings { get; } = [];

        // A warning (an unusable timestamp) is listed among the errors but does not invalidate the signer.
        public bool IsValid => SignatureValid && CertificateTrusted && Errors.Count == Warnings.Count
            && (Revocation == "good" || (Revocation == "not-checked" && !RevocationRequired));
    }

    private sealed class VerifyArguments
    {
        public string File { get; private set; } = string.Empty;

        public string? Data { get; private set; }

        public string Trust { get; private set; } = "production";

        public DateTimeOffset? At { get; private set; }

        public string Revocation { get; private set; } = "none";

        public List<string> Crls { get; } = [];

        public string? OcspUrl { get; private set; }

        public string? ExpectIin { get; private set; }

        public bool RequireDocument { get; private set; }

        public static bool TryParse(string[] args, out VerifyArguments? result, out string? error)
        {
            var a = new VerifyArguments();
            result = null;
            error = null;
            string? file = null;
            for (int i = 0; i < args.Length; i++)
            {
                string arg = args[i];
                if (arg == "--json")
                {
                    continue;
                }

                if (arg == "--require-document")
                {
                    a.RequireDocument = true;
                    continue;
                }

                if (arg.StartsWith('-') && arg.Length > 1 && !arg.StartsWith("--", StringComparison.Ordinal))
                {
                    error = $"unknown option {arg}.";
                    return false;
                }

                if (arg.StartsWith("--", StringComparison.Ordinal))
                {
                    if (i + 1 >= args.Length)
                    {
                        error = $"{arg} needs a value.";
                        return false;
                    }

                    string value = args[++i];
                    switch (arg)
                    {
                        case "--data" when a.Data is null:
                            a.Data = value;
                            break;
                        case "--trust":
                            a.Trust = value;
                            break;
                        case "--at":
                            if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset at))
                            {
                                error = "--at is an ISO-8601 instant, e.g. 2022-10-01T00:00:00Z.";
                                return false;
                            }

                            a.At = at;
                            break;
                        case "--revocation":
                            a.Revocation = value;
                            break;
                        case "--crl":
                            a.Crls.Add(value);
                            break;
                        case "--ocsp-url" when a.OcspUrl is null:
                            a.OcspUrl = value;
                            break;
                        case "--expect-iin":
                            if (value.Length != 12 || !value.All(char.IsAsciiDigit))
                            {
                                error = "--expect-iin is 12 digits.";
                                return false;
                            }

                            a.ExpectIin = value;
                            break;
                        default:
                            error = $"unknown or repeated option {arg}.";
                            return false;
                    }
                }
                else if (file is null)
                {
                    file = arg;
                }
                else
                {
                    error = "exactly one <file> is expected.";
                    return false;
                }
            }

            if (file is null)
            {
                error = "<file> is required.";
                return false;
            }

            a.File = file;
            result = a;
            return true;
        }
    }
}
