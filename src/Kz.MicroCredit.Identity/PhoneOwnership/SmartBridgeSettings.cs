using System.Security.Cryptography.X509Certificates;
using Kz.MicroCredit.Identity.Signing;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>
/// The validated options with their secrets resolved once: the sender password (option or environment variable),
/// the gateway certificate (object or file) and the lender's signer (object or PKCS#12 file + password variable).
/// </summary>
internal sealed class SmartBridgeSettings
{
    private readonly Lazy<INcaSigner> _signer;
    private readonly Lazy<X509Certificate2?> _gateway;
    private readonly Lazy<string> _password;

    public SmartBridgeSettings(IOptions<EGovPhoneOwnershipOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Value;
        _signer = new Lazy<INcaSigner>(() => ResolveSigner(Options), LazyThreadSafetyMode.ExecutionAndPublication);
        _gateway = new Lazy<X509Certificate2?>(() => ResolveGateway(Options), LazyThreadSafetyMode.ExecutionAndPublication);
        _password = new Lazy<string>(() => ResolvePassword(Options), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public EGovPhoneOwnershipOptions Options { get; }

    public INcaSigner Signer => _signer.Value;

    public X509Certificate2? GatewayCertificate => _gateway.Value;

    public string SenderPassword => _password.Value;

    internal static string ResolvePassword(EGovPhoneOwnershipOptions o)
    {
        if (!string.IsNullOrEmpty(o.SenderPassword))
        {
            return o.SenderPassword;
        }

        string? fromEnv = string.IsNullOrEmpty(o.SenderPasswordEnvironmentVariable) ? null : Environment.GetEnvironmentVariable(o.SenderPasswordEnvironmentVariable);
        return string.IsNullOrEmpty(fromEnv)
            ? throw new InvalidOperationException("The SmartBridge sender password is not set (SenderPassword or the variable named by SenderPasswordEnvironmentVariable).")
            : fromEnv;
    }

    internal static X509Certificate2? ResolveGateway(EGovPhoneOwnershipOptions o)
    {
        if (o.GatewayCertificate is not null)
        {
            return o.GatewayCertificate;
        }

        return string.IsNullOrEmpty(o.GatewayCertificatePath) ? null : LoadCertificate(File.ReadAllBytes(o.GatewayCertificatePath));
    }

    internal static INcaSigner ResolveSigner(EGovPhoneOwnershipOptions o)
    {
        if (o.Signer is not null)
        {
            return o.Signer;
        }

        if (string.IsNullOrEmpty(o.SigningKeyPath))
        {
            throw new InvalidOperationException("No SmartBridge signing key: set Signer or SigningKeyPath.");
        }

        string? password = string.IsNullOrEmpty(o.SigningKeyPasswordEnvironmentVariable) ? null : Environment.GetEnvironmentVariable(o.SigningKeyPasswordEnvironmentVariable);
        if (string.IsNullOrEmpty(password))
        {
            throw new InvalidOperationException("The signing key password is not set (the variable named by SigningKeyPasswordEnvironmentVariable is empty).");
        }

        return Pkcs12NcaSigner.Load(File.ReadAllBytes(o.SigningKeyPath), password);
    }

    /// <summary>Loads a DER or PEM certificate.</summary>
    internal static X509Certificate2 LoadCertificate(byte[] bytes)
    {
        string text = System.Text.Encoding.ASCII.GetString(bytes);
        return text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)
            ? X509Certificate2.CreateFromPem(text)
            : X509CertificateLoader.LoadCertificate(bytes);
    }
}
